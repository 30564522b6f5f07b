package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.node.Services;
import deli.testing.Await;
import deli.testing.Browser;
import deli.testing.InProcessNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The node's live page in a real browser (Debian's headless Chromium): it lists the services and
 * this node as a member, starts a factor job and a dinner through the API, draws the job's
 * progress and the table as it changes (forks changing hands, the meals reaching the servings),
 * and logs no error in the console. It leaves a screenshot at {@code target/page.png}.
 */
class PageIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aDinnerStartedFromThePageIsDrawnAsItHappensUntilEveryMealIsEaten() throws Exception {
    Browser.assumeInstalled();
    try (InProcessNode node = InProcessNode.start(dir, Services.ALL, Map.of());
        Browser b = Browser.open(1400, 1250)) {
      b.driver.get(node.base + "/");
      Await.until(WAIT, "the services listed", () -> count(b, "#services tbody tr") >= 8);
      Await.until(WAIT, "this node an Up member", () -> text(b, "#members tbody").contains("Up"));
      assertTrue(text(b, "#services tbody").contains("philosophers"));

      // A factor job from the page: its progress bar fills, the node's share named.
      fill(b, "#factor-form", Map.of("count", "3000", "digits", "12"));
      b.driver.findElement(By.cssSelector("#factor-form button")).click();
      Await.until(WAIT, "the factor job done on the page", () -> text(b, "#jobs").contains("factor") && text(b, "#jobs").contains("done"));
      Await.until(WAIT, "the factor answer", () -> text(b, "#factor-answer").contains("3000 numbers factored"));
      assertTrue(text(b, "#jobs").contains("3,000 of 3,000 numbers"), text(b, "#jobs"));

      // A dinner from the page: 5 philosophers, 8 servings, meals slow enough to watch.
      fill(b, "#dinner-form", Map.of("faculty", "5", "servings", "8", "eat", "60ms..120ms", "think", "20ms..60ms"));
      b.driver.findElement(By.id("start-dinner")).click();
      Await.until(WAIT, "the dinner drawn", () -> text(b, "#dinner-state").equals("dining"));
      assertEquals(5L, count(b, "#table .philosopher"));
      assertEquals(5L, count(b, "#table .fork"));
      Map<Long, Set<Long>> holders = new HashMap<>();
      Set<String> doing = new HashSet<>();
      Await.until(
          WAIT,
          "a fork passing from one philosopher to another, and philosophers eating and waiting",
          () -> {
            @SuppressWarnings("unchecked")
            List<List<Long>> forks =
                (List<List<Long>>) b.js("return [...document.querySelectorAll('#table .fork')].map(f => [Number(f.dataset.fork), Number(f.dataset.holder)])");
            for (List<Long> f : forks) {
              if (f.get(1) >= 0) {
                holders.computeIfAbsent(f.get(0), k -> new HashSet<>()).add(f.get(1));
              }
            }
            @SuppressWarnings("unchecked")
            List<String> now = (List<String>) b.js("return [...document.querySelectorAll('#table .philosopher')].map(p => p.dataset.doing)");
            doing.addAll(now);
            return holders.values().stream().anyMatch(h -> h.size() >= 2) && doing.contains("eating");
          });
      Await.until(WAIT, "a dozen meals eaten", () -> Long.parseLong(text(b, "#meals-text").split(" ")[0]) >= 12);
      b.js("window.scrollTo(0, 0)");
      b.screenshot(Path.of("target", "page.png"));

      Await.until(WAIT, "the dinner done", () -> text(b, "#dinner-state").equals("done"));
      assertTrue(text(b, "#meals-text").startsWith("40 of 40 meals"), text(b, "#meals-text"));
      @SuppressWarnings("unchecked")
      List<String> meals = (List<String>) b.js("return [...document.querySelectorAll('#table .meals')].map(m => m.dataset.meals)");
      assertEquals(List.of("8", "8", "8", "8", "8"), meals);
      Await.until(WAIT, "the dinner's answer", () -> text(b, "#dinner-answer").startsWith("done: 40 meals"));

      // The naive table, timeless: everyone takes a first fork at once and waits for the next;
      // the page shows the wait-for cycle (run again in the rare case that someone got both first).
      fill(b, "#dinner-form", Map.of("eat", "0", "think", "0", "servings", "1000", "deadlock-after", "300ms"));
      b.driver.findElement(By.cssSelector("#dinner-form [name='footman']")).click();
      boolean deadlocked = false;
      for (int attempt = 0; attempt < 10 && !deadlocked; attempt++) {
        b.driver.findElement(By.id("start-dinner")).click();
        Await.until(WAIT, "the naive dinner's answer", () -> text(b, "#dinner-answer").startsWith("deadlock") || text(b, "#dinner-answer").startsWith("done"));
        deadlocked = text(b, "#dinner-answer").startsWith("deadlock");
      }
      assertTrue(deadlocked, "no deadlock in 10 dinners at the naive table");
      Await.until(WAIT, "the deadlock drawn", () -> text(b, "#dinner-state").equals("deadlock"));
      assertTrue(text(b, "#cycle-text").startsWith("deadlock: P0 holds fork 0, waits for fork 1"), text(b, "#cycle-text"));
      assertEquals(5L, count(b, "#table .wait.cycle"), "five wait-for arrows, in a ring");
      b.js("window.scrollTo(0, 0)");
      b.screenshot(Path.of("target", "page-deadlock.png"));
      assertEquals(List.of(), b.consoleErrors(), "errors in the browser's console");
    }
  }

  static long count(Browser b, String css) {
    return ((Number) b.js("return document.querySelectorAll(arguments[0]).length", css)).longValue();
  }

  static String text(Browser b, String css) {
    Object t = b.js("const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
    return String.valueOf(t).strip();
  }

  /** Sets the form's fields as a user types them. */
  static void fill(Browser b, String form, Map<String, String> values) {
    values.forEach(
        (name, value) -> {
          var input = b.driver.findElement(By.cssSelector(form + " [name='" + name + "']"));
          input.clear();
          input.sendKeys(value);
        });
  }
}
