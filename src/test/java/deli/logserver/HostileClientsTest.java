package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

    List<ServerEvent.ConnectionClosed> closed = r.closed(2, Duration.ofSeconds(30));
    ServerEvent.ConnectionClosed refused = closed.stream().filter(c -> c.error() != null).findFirst().orElseThrow(() -> new AssertionError(closed));
    ServerEvent.ConnectionClosed clean = closed.stream().filter(c -> c.error() == null).findFirst().orElseThrow(() -> new AssertionError(closed));
    assertEquals(BadInput.Reason.TOO_LARGE, refused.error().reason(), refused.error().getMessage());
    assertEquals(0, refused.lines());
    assertEquals(each, clean.lines());
    assertNull(clean.error());
    ServerStats stats = r.stop();
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
    ServerEvent.ConnectionClosed c = r.closed(1, Duration.ofSeconds(30)).get(0);
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

  @Test
  void clientsSendingAByteEveryTenthOfASecondAreClosedAtTheFrameDeadlineWhileANormalClientFlows() throws Exception {
    Path out = dir.resolve("one.log");
    // The idle timeout alone never closes them: every byte comes well within it.
    LogServerTest.Running r =
        LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0, Duration.ofSeconds(2)));
    byte[] frame = new RecordPickler().frame(LogServerTest.record("slow", "x".repeat(100)));
    int slow = 10;
    List<Socket> sockets = new ArrayList<>();
    ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(t -> {
      Thread thread = new Thread(t, "slowloris");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (int k = 0; k < slow; k++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", r.port()));
        sockets.add(s);
        int[] at = {0};
        sender.scheduleAtFixedRate(
            () -> {
              try {
                s.getOutputStream().write(frame[at[0]++ % frame.length]);
                s.getOutputStream().flush();
              } catch (IOException e) {
                throw new java.io.UncheckedIOException("closed by the server, as the test expects", e); // ends this schedule
              }
            },
            0, 100, TimeUnit.MILLISECONDS);
      }
      int each = 300;
      Process good =
          Python.start(dir, Python.script(dir, "socket_client.py").toString(), "127.0.0.1", String.valueOf(r.port()), String.valueOf(each), "good", "sent-good.jsonl");
      assertEquals("started\nsent " + each, output(good).strip());

      List<ServerEvent.ConnectionClosed> closed = r.closed(slow + 1, Duration.ofSeconds(30));
      List<ServerEvent.ConnectionClosed> cut = closed.stream().filter(c -> c.error() != null).toList();
      assertEquals(slow, cut.size(), closed.toString());
      for (ServerEvent.ConnectionClosed c : cut) {
        assertEquals(BadInput.Reason.SLOW, c.error().reason(), c.error().getMessage());
        assertTrue(c.error().getMessage().startsWith("took more than --frame-timeout (2s) to send one frame (got "), c.error().getMessage());
        assertEquals(0, c.lines());
      }
      ServerEvent.ConnectionClosed clean = closed.stream().filter(c -> c.error() == null).findFirst().orElseThrow();
      assertEquals(each, clean.lines());
      assertEquals((long) slow, r.stop().badInput().get("slow"));
      assertEquals(Python.lines(Files.readString(dir.resolve("sent-good.jsonl"), StandardCharsets.US_ASCII)), LogServerTest.recordLines(out));
    } finally {
      sender.shutdownNow();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
