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
  static ServerEvent.ConnectionClosed send(LogServerTest.Running r, String name, int n) throws Exception {
    RecordPickler pickler = new RecordPickler();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", r.port()));
      for (int i = 0; i < n; i++) {
        s.getOutputStream().write(pickler.frame(LogServerTest.record(name, "record " + i)));
      }
    }
    return (ServerEvent.ConnectionClosed)
        r.events()
            .fishForMessage(
                Duration.ofSeconds(20),
                e -> e instanceof ServerEvent.ConnectionClosed ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore())
            .get(0);
  }

  private static ServerEvent.Reopened reopened(LogServerTest.Running r) {
    List<ServerEvent> seen =
        r.events()
            .fishForMessage(
                Duration.ofSeconds(20), e -> e instanceof ServerEvent.Reopened ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return (ServerEvent.Reopened) seen.get(seen.size() - 1);
  }

  @Test
  void aFileMovedAsideIsEndedWithItsCountAndOpenedAnewOnReopenWhileAReopenOfAFileInPlaceChangesNothing() throws Exception {
    Path out = dir.resolve("one.log");
    LogServerTest.Running r = LogServerTest.start(kit, LogServerTest.settings(out, Duration.ofSeconds(10), Duration.ofSeconds(5), 0));
    assertEquals(50, send(r, "before", 50).lines());
    r.server().tell(LogServer.Reopen.INSTANCE);
    ServerEvent.Reopened inPlace = reopened(r);
    assertFalse(inPlace.replaced(), inPlace.toString());

    Files.move(out, dir.resolve("one.log.1")); // what logrotate does, before its postrotate SIGHUP
    r.server().tell(LogServer.Reopen.INSTANCE);
    ServerEvent.Reopened moved = reopened(r);
    assertTrue(moved.replaced(), moved.toString());
    assertEquals(50, moved.lines());
    assertEquals(30, send(r, "after", 30).lines());
    ServerStats stats = r.stop();
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
    // "doomed" records not yet written out when the file went are here too: they were in no file
    assertEquals(kept.size() - 7, LogServerTest.ofLogger(kept, "doomed").size(), kept.toString());
  }

  /**
   * The disk, with room for {@code capacity} bytes in the file: a write past it writes what fits
   * and then fails as a full disk does (ENOSPC), the way write(2) does.
   */
  static final class FullDisk implements LogFile.Storage {
    volatile long capacity;

    FullDisk(long capacity) {
      this.capacity = capacity;
    }

    @Override
    public LogFile.Sink open(Path path, boolean truncate) throws java.io.IOException {
      LogFile.Sink disk = LogFile.DISK.open(path, truncate);
      return new LogFile.Sink() {
        @Override
        public void write(java.nio.ByteBuffer b) throws java.io.IOException {
          long room = capacity - disk.size();
          if (room < b.remaining()) {
            if (room > 0) {
              java.nio.ByteBuffer part = b.duplicate();
              part.limit(part.position() + (int) room);
              while (part.hasRemaining()) {
                disk.write(part);
              }
              b.position(part.position());
            }
            throw new java.io.IOException("No space left on device");
          }
          disk.write(b);
        }

        @Override
        public long size() throws java.io.IOException {
          return disk.size();
        }

        @Override
        public void truncate(long size) throws java.io.IOException {
          disk.truncate(size);
        }

        @Override
        public void force() throws java.io.IOException {
          disk.force();
        }

        @Override
        public void close() throws java.io.IOException {
          disk.close();
        }
      };
    }

    @Override
    public Object identity(Path path) {
      return LogFile.DISK.identity(path);
    }
  }

  /** A chunk of {@code n} record lines, {@code "{\"n\": k}"} from {@code first} on. */
  private static Chunk chunk(int first, int n) {
    StringBuilder text = new StringBuilder();
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      text.append("{\"record\": ").append(first + i).append(", \"pad\": \"").append("x".repeat(40)).append("\"}\n");
      ends[i] = text.length();
    }
    return new Chunk(text.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), ends, null);
  }

  /** Every line of the file is a whole record, the count line last if there is one; the records. */
  private static List<String> wholeLines(Path file) throws Exception {
    String text = Files.readString(file);
    assertTrue(text.isEmpty() || text.endsWith("\n"), "no partial line: ..." + text.substring(Math.max(0, text.length() - 80)));
    List<String> lines = new java.util.ArrayList<>(text.lines().toList());
    if (!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("{\"lines_collected\": ")) {
      String count = lines.remove(lines.size() - 1);
      assertEquals("{\"lines_collected\": " + lines.size() + "}", count, "the count line is true");
    }
    for (int i = 0; i < lines.size(); i++) {
      assertTrue(lines.get(i).startsWith("{\"record\": " + i + ", "), "in order, whole: " + lines.get(i));
    }
    return lines;
  }

  /** The next news of {@code type} the writer tells its owner. */
  private static <T> T fish(org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<LogWriter.Event> probe, Class<T> type) {
    List<LogWriter.Event> seen =
        probe.fishForMessage(
            Duration.ofSeconds(20),
            e -> e instanceof LogWriter.News n && type.isInstance(n.event()) ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return type.cast(((LogWriter.News) seen.get(seen.size() - 1)).event());
  }

  private org.apache.pekko.actor.typed.ActorRef<LogWriter.Command> writerOn(
      FullDisk disk, org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<LogWriter.Event> owner, String name) {
    var writer =
        kit.spawn(
            LogWriter.create(
                LogServerTest.settings(dir.resolve("one.log"), Duration.ofSeconds(10), Duration.ofSeconds(5), 0), owner.getRef(), disk),
            name);
    owner.expectMessageClass(LogWriter.Opened.class, Duration.ofSeconds(10));
    return writer;
  }

  @Test
  void aFullDiskHoldsTheClientsBackWithNoPartialLineAndTheWritesResumeWhenThereIsRoomAgain() throws Exception {
    Path out = dir.resolve("one.log");
    FullDisk disk = new FullDisk(2_000); // about 32 lines of 62 bytes
    var owner = kit.<LogWriter.Event>createTestProbe();
    var writer = writerOn(disk, owner, "writer-full-disk");
    var client = kit.<LogWriter.Written>createTestProbe();
    // Each chunk is written out before the next comes (the writer flushes once it is idle):
    // six fit, the seventh is taken into the buffer and then refused by the disk, half written.
    for (int k = 0; k < 7; k++) {
      writer.tell(new LogWriter.Write(deli.trace.Trace.start("t"), chunk(5 * k, 5), client.getRef()));
      client.expectMessage(Duration.ofSeconds(10), new LogWriter.Written(5));
    }
    ServerEvent.WriterStalled stalled = fish(owner, ServerEvent.WriterStalled.class);
    assertEquals("cannot write " + out + ": No space left on device", stalled.message());
    assertEquals(30, wholeLines(out).size(), "cut back to the last whole line");

    writer.tell(new LogWriter.Write(deli.trace.Trace.start("t"), chunk(35, 5), client.getRef()));
    client.expectNoMessage(Duration.ofMillis(300)); // held back: the connection reads no more
    assertEquals(30, wholeLines(out).size());

    disk.capacity = Long.MAX_VALUE; // room again
    fish(owner, ServerEvent.WriterResumed.class);
    client.expectMessage(Duration.ofSeconds(10), new LogWriter.Written(5));
    var closed = kit.<LogWriter.Closed>createTestProbe();
    writer.tell(new LogWriter.Close(deli.trace.Trace.start("t"), closed.getRef()));
    assertEquals(40, closed.receiveMessage(Duration.ofSeconds(10)).lines());
    List<String> lines = wholeLines(out);
    assertEquals(40, lines.size());
    assertTrue(Files.readString(out).endsWith("{\"lines_collected\": 40}\n"));
  }

  @Test
  void aStopWhileTheDiskIsStillFullEndsTheFileAtItsLastWholeLineWithATrueCountAndSaysWhatWasLost() throws Exception {
    Path out = dir.resolve("one.log");
    FullDisk disk = new FullDisk(2_000);
    var owner = kit.<LogWriter.Event>createTestProbe();
    var writer = writerOn(disk, owner, "writer-still-full");
    var client = kit.<LogWriter.Written>createTestProbe();
    for (int k = 0; k < 7; k++) {
      writer.tell(new LogWriter.Write(deli.trace.Trace.start("t"), chunk(5 * k, 5), client.getRef()));
      client.expectMessage(Duration.ofSeconds(10), new LogWriter.Written(5));
    }
    fish(owner, ServerEvent.WriterStalled.class);
    writer.tell(new LogWriter.Write(deli.trace.Trace.start("t"), chunk(35, 5), client.getRef()));
    var closed = kit.<LogWriter.Closed>createTestProbe();
    writer.tell(new LogWriter.Close(deli.trace.Trace.start("t"), closed.getRef()));
    LogWriter.Closed c = closed.receiveMessage(Duration.ofSeconds(10));
    ServerEvent.RecordsDropped dropped = fish(owner, ServerEvent.RecordsDropped.class);
    client.expectMessage(Duration.ofSeconds(10), new LogWriter.Written(0)); // the held connection is let go
    List<String> lines = wholeLines(out);
    assertEquals(30, lines.size());
    assertEquals(30, c.lines(), "the count is what the file holds");
    assertEquals(10, dropped.lines(), dropped.toString());
    assertTrue(Files.readString(out).endsWith("{\"lines_collected\": 30}\n"), "2,000 bytes hold the count line too");
  }
}
