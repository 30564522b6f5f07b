package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.philosophers.PhilosophersService;
import deli.testing.Await;
import deli.testing.Browser;
import deli.testing.InProcessNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page of a 3-node cluster in a real browser: it lists the three members Up; when one
 * dies without a word (as kill -9 ends a node) the page shows it unreachable, then gone once the
 * cluster downs it, and the browser's console stays clean.
 */
class PageClusterIT {
  static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir Path dir;

  static Map<String, Object> quick(List<String> seeds) {
    Map<String, Object> s = new HashMap<>();
    s.put("pekko.cluster.seed-nodes", seeds);
    s.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    s.put("pekko.cluster.failure-detector.heartbeat-interval", "200ms");
    s.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "1s");
    s.put("pekko.cluster.split-brain-resolver.stable-after", "2s");
    // A node closed here dies as kill -9 ends one: no leaving, no goodbye.
    s.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
    s.put("pekko.cluster.run-coordinated-shutdown-when-down", "off");
    return s;
  }

  @Test
  void theMembersListShowsANodeThatDiedUnreachableThenGone() throws Exception {
    Browser.assumeInstalled();
    var services = List.of(PhilosophersService.SERVICE);
    try (InProcessNode a = InProcessNode.start(dir.resolve("a"), services, quick(List.of()))) {
      String seed = "pekko://deli@" + InProcessNode.JSON.readTree(a.get("/health").body()).get("node").asText();
      try (InProcessNode b = InProcessNode.start(dir.resolve("b"), services, quick(List.of(seed)));
          InProcessNode c = InProcessNode.start(dir.resolve("c"), services, quick(List.of(seed)));
          Browser browser = Browser.open(1200, 900)) {
        String victim = InProcessNode.JSON.readTree(c.get("/health").body()).get("node").asText();
        browser.driver.get(a.base + "/");
        Await.until(WAIT, "three members Up on the page", () -> statuses(browser).equals(List.of("Up", "Up", "Up")));

        c.close();
        Await.until(WAIT, "the dead member unreachable", () -> row(browser, victim).contains("no"));
        Await.until(WAIT, "the dead member gone from the list", () -> statuses(browser).size() == 2);
        assertTrue(PageIT.text(browser, "#members tbody").contains("(this node)"));
        assertTrue(!PageIT.text(browser, "#members tbody").contains(victim));
        assertEquals(List.of(), browser.consoleErrors(), "errors in the browser's console");
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> statuses(Browser b) {
    return (List<String>) b.js("return [...document.querySelectorAll('#members tbody tr')].map(r => r.children[1].textContent)");
  }

  static String row(Browser b, String node) {
    Object r = b.js(
        "const r = [...document.querySelectorAll('#members tbody tr')].find(r => r.children[0].textContent.startsWith(arguments[0]));"
            + " return r ? r.children[2].textContent : ''",
        node);
    return String.valueOf(r);
  }
}
