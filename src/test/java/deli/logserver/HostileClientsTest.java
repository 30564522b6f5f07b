package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log server against clients that mean harm (or log carelessly), with CPython as the peer. */
class HostileClientsTest {
  static final ActorTestKit kit = ActorTestKit.create("HostileClientsTest", DeliConfig.load());

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), err);
    return out;
  }

  @Test
  void aSharedReferenceBombIsRefusedOnItsOwnConnectionWhileAnotherConnectionLosesNothing() throws Exception {
    Path out = dir.resolve("one.log");
    LogServerTest.Running r = LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    Process bomb = Python.start(dir, Python.script(dir, "bomb_client.py").toString(), "127.0.0.1", String.valueOf(r.port()));
    String sent = output(bomb);
    assertTrue(Integer.parseInt(sent.lines().findFirst().orElseThrow()) < 1000, "a small pickle: " + sent);
    int each = 300;
    Process good =
        Python.start(dir, Python.script(dir, "socket_client.py").toString(), "127.0.0.1", String.valueOf(r.port()), String.valueOf(each), "good", "sent-good.jsonl");
    assertEquals("started\nsent " + each, output(good).strip());

    List<LogServer.ConnectionClosed> closed = r.closed(2, Duration.ofSeconds(30));
    LogServer.ConnectionClosed refused = closed.stream().filter(c -> c.error() != null).findFirst().orElseThrow(() -> new AssertionError(closed));
    LogServer.ConnectionClosed clean = closed.stream().filter(c -> c.error() == null).findFirst().orElseThrow(() -> new AssertionError(closed));
    assertEquals(BadInput.Reason.TOO_LARGE, refused.error().reason(), refused.error().getMessage());
    assertEquals(0, refused.lines());
    assertEquals(each, clean.lines());
    assertNull(clean.error());
    LogServer.Stats stats = r.stop();
    assertEquals(1L, stats.badInput().get("too-large"), stats.toString());

    List<String> written = LogServerTest.recordLines(out);
    assertEquals(Python.lines(Files.readString(dir.resolve("sent-good.jsonl"), StandardCharsets.US_ASCII)), written);
  }

  @Test
  void valuesPythonProgramsLogAreWrittenAsJsonDumpsWithDefaultStrWritesThemAndKeepTheConnection() throws Exception {
    Path out = dir.resolve("one.log");
    LogServerTest.Running r = LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    Process client =
        Python.start(dir, Python.script(dir, "values_client.py").toString(), "127.0.0.1", String.valueOf(r.port()), "sent-values.jsonl");
    String said = output(client).strip();
    int sent = Integer.parseInt(said.substring("sent ".length()));
    LogServer.ConnectionClosed c = r.closed(1, Duration.ofSeconds(30)).get(0);
    assertNull(c.error(), () -> c.error().getMessage());
    assertEquals(sent, c.lines());
    r.stop();

    List<String> expected = Python.lines(Files.readString(dir.resolve("sent-values.jsonl"), StandardCharsets.US_ASCII));
    List<String> written = LogServerTest.recordLines(out);
    assertEquals(expected.size(), written.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), written.get(i), "record " + (i + 1));
    }
  }
}
