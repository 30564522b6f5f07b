package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.logserver.LogServerService;
import deli.philosophers.PhilosophersService;
import deli.testing.Await;
import deli.testing.Browser;
import deli.testing.InProcessNode;
import deli.testing.Python;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The log server's part of the live page in a real browser, on a node that wants a token: the
 * page opens with the token in its address and keeps it in a cookie for its events; CPython's
 * {@code SocketHandler} sends records to the node's log port, a client sends garbage, and the
 * page shows the records written, the bad frame refused, and the last records themselves (the
 * newest ones, each cut short, no more than ten); a dinner started from the page runs, its request
 * let in by the cookie; and the console shows no error.
 */
class PageLogServerIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final String TOKEN = "s3cret";

  @TempDir Path dir;

  @Test
  void thePageShowsTheRecordsAPythonClientSentAndTheFramesRefused() throws Exception {
    Browser.assumeInstalled();
    try (InProcessNode node = InProcessNode.start(dir, List.of(LogServerService.SERVICE, PhilosophersService.SERVICE), Map.of("deli.http.token", TOKEN));
        Browser b = Browser.open(1200, 1000)) {
      assertEquals(401, node.get("/").statusCode(), "the page wants the token");
      assertEquals(401, node.get("/events").statusCode(), "its events want the token");
      String address = InProcessNode.JSON.readTree(node.get("/logserver", "Bearer " + TOKEN).body()).get("address").asText();
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));

      b.driver.get(node.base + "/?token=" + TOKEN);
      Await.until(WAIT, "the log server's figures on the page", () -> PageIT.text(b, "#logserver").contains("listening"));
      assertEquals("No record yet.", PageIT.text(b, "#log-records"));

      String long_ = "x".repeat(1000);
      Python.run(
          List.of(
              Python.DEBIAN,
              "-c",
              String.join(
                  "\n",
                  "import logging, logging.handlers, sys",
                  "h = logging.handlers.SocketHandler('127.0.0.1', int(sys.argv[1]))",
                  "log = logging.getLogger('kitchen')",
                  "log.addHandler(h)",
                  "log.setLevel(logging.INFO)",
                  "for i in range(40):",
                  "    log.info('order %d plated', i)",
                  "log.warning('a long one ' + sys.argv[2])",
                  "log.info('the last order: spaghetti')",
                  "h.close()"),
              String.valueOf(port),
              long_),
          WAIT);
      try (Socket garbage = new Socket("127.0.0.1", port); OutputStream out = garbage.getOutputStream()) {
        out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Await.until(WAIT, "the garbage refused", () -> closed(garbage));
      }

      Await.until(WAIT, "42 records written, on the page", () -> figure(b, "records written").equals("42"));
      Await.until(WAIT, "the bad frame refused, on the page", () -> figure(b, "bad frames refused").equals("1 (oversize 1)"));
      Await.until(WAIT, "the last record on the page", () -> last(b).contains("the last order: spaghetti"));
      List<String> records = records(b);
      assertEquals(10, records.size(), "ten records at most: " + records);
      assertTrue(records.get(9).contains("the last order: spaghetti"), records.toString());
      assertTrue(records.get(8).contains("a long one xxx") && records.get(8).endsWith("…"), records.get(8));
      assertTrue(records.get(8).length() < 300, "a long record cut short: " + records.get(8).length() + " characters");
      assertTrue(records.get(0).contains("order 32 plated"), records.toString());

      // The page's own requests carry the token too (its cookie): a dinner started from the page runs.
      PageIT.fill(b, "#dinner-form", Map.of("faculty", "3", "servings", "2", "eat", "0", "think", "0"));
      b.driver.findElement(By.id("start-dinner")).click();
      Await.until(WAIT, "the dinner's answer", () -> PageIT.text(b, "#dinner-answer").startsWith("done: 6 meals"));

      b.js("document.getElementById('logserver').closest('section').scrollIntoView()");
      b.screenshot(Path.of("target", "page-logserver.png"));
      assertEquals(List.of(), b.consoleErrors(), "errors in the browser's console");
    }
  }

  /** Whether the server closed {@code s} (at its end, or with a reset: both say it was refused). */
  static boolean closed(Socket s) {
    try {
      return s.getInputStream().read() < 0;
    } catch (java.io.IOException reset) {
      return true;
    }
  }

  @SuppressWarnings("unchecked")
  static List<String> records(Browser b) {
    return (List<String>) b.js("return [...document.querySelectorAll('#log-records li')].map(r => r.textContent)");
  }

  static String last(Browser b) {
    List<String> r = records(b);
    return r.isEmpty() ? "" : r.get(r.size() - 1);
  }

  /** The figure named {@code name} in the log server's list. */
  static String figure(Browser b, String name) {
    Object v = b.js(
        "const t = [...document.querySelectorAll('#logserver dt')].find(d => d.textContent === arguments[0]);"
            + " return t ? t.nextElementSibling.textContent : ''",
        name);
    return String.valueOf(v);
  }
}
