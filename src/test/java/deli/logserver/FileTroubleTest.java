package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output file moved, deleted or refused under the server (logrotate, a full disk). */
class FileTroubleTest {
  static final ActorTestKit kit = ActorTestKit.create("FileTroubleTest", DeliConfig.load());

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Sends {@code n} records named {@code name} on one connection and waits until it has closed. */
  static LogServer.ConnectionClosed send(LogServerTest.Running r, String name, int n) throws Exception {
    RecordPickler pickler = new RecordPickler();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", r.port()));
      for (int i = 0; i < n; i++) {
        s.getOutputStream().write(pickler.frame(LogServerTest.record(name, "record " + i)));
      }
    }
    return (LogServer.ConnectionClosed)
        r.events()
            .fishForMessage(
                Duration.ofSeconds(20),
                e -> e instanceof LogServer.ConnectionClosed ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
            .get(0);
  }

  private static LogServer.Reopened reopened(LogServerTest.Running r) {
    List<LogServer.Event> seen =
        r.events()
            .fishForMessage(
                Duration.ofSeconds(20), e -> e instanceof LogServer.Reopened ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return (LogServer.Reopened) seen.get(seen.size() - 1);
  }

  @Test
  void aFileMovedAsideIsEndedWithItsCountAndOpenedAnewOnReopenWhileAReopenOfAFileInPlaceChangesNothing() throws Exception {
    Path out = dir.resolve("one.log");
    LogServerTest.Running r = LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    assertEquals(50, send(r, "before", 50).lines());
    r.server().tell(LogServer.Reopen.INSTANCE);
    LogServer.Reopened inPlace = reopened(r);
    assertFalse(inPlace.replaced(), inPlace.toString());

    Files.move(out, dir.resolve("one.log.1")); // what logrotate does, before its postrotate SIGHUP
    r.server().tell(LogServer.Reopen.INSTANCE);
    LogServer.Reopened moved = reopened(r);
    assertTrue(moved.replaced(), moved.toString());
    assertEquals(50, moved.lines());
    assertEquals(30, send(r, "after", 30).lines());
    LogServer.Stats stats = r.stop();
    assertEquals(80, stats.lines());

    List<String> first = LogServerTest.recordLines(dir.resolve("one.log.1"));
    assertEquals(50, LogServerTest.ofLogger(first, "before").size());
    assertEquals(50, first.size());
    List<String> second = LogServerTest.recordLines(out);
    assertEquals(30, LogServerTest.ofLogger(second, "after").size());
    assertEquals(30, second.size());
  }

  @Test
  void aDeletedFileIsNoticedAtTheNextWriteAndTheRecordsGoToANewOne() throws Exception {
    Path out = dir.resolve("one.log");
    LogServerTest.Running r = LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    assertEquals(5, send(r, "doomed", 5).lines());
    Files.delete(out);
    assertEquals(7, send(r, "kept", 7).lines());
    r.stop();
    List<String> kept = LogServerTest.recordLines(out); // with its true count line
    assertEquals(7, LogServerTest.ofLogger(kept, "kept").size());
    // "doomed" records still in the buffer when the file went would be here too, never lost
    assertTrue(List.of(0, 5).contains(LogServerTest.ofLogger(kept, "doomed").size()), kept.toString());
  }
}
