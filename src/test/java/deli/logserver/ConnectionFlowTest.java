package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.testing.Await;
import deli.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** One connection's stream with a probe for the writer: backpressure, bounded buffering, order. */
class ConnectionFlowTest {
  static final ActorTestKit testKit = ActorTestKit.create("ConnectionFlowTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aWriterThatHasNotAnsweredStopsTheReadingAndMemoryStaysBounded() throws Exception {
    LogServerSettings s = LogServerTest.settings(Path.of("unused.log"), Duration.ofSeconds(10), Duration.ofSeconds(5), 0);
    byte[] frame = new RecordPickler().frame(LogServerTest.record("bp", "a record of the flood"));
    int frames = 200_000;
    int perRead = 64; // as TCP hands over a few kilobytes at a time
    ByteString read = ByteString.emptyByteString();
    for (int i = 0; i < perRead; i++) {
      read = read.concat(ByteString.fromArray(frame));
    }
    AtomicLong reads = new AtomicLong();
    TestProbe<LogWriter.Command> writer = testKit.createTestProbe();
    Pair<UniqueKillSwitch, CompletionStage<ConnectionFlow.Outcome>> run =
        Source.repeat(read)
            .take(frames / perRead)
            .map(b -> {
              reads.incrementAndGet();
              return b;
            })
            .viaMat(ConnectionFlow.create(s, Trace.start("test"), ForkJoinPool.commonPool(), writer.getRef(), new LastRecords()), Keep.right())
            .to(Sink.ignore())
            .run(testKit.system());

    LogWriter.Write first = writer.expectMessageClass(LogWriter.Write.class, Duration.ofSeconds(10));
    writer.expectNoMessage(Duration.ofMillis(500)); // one chunk at a time: nothing more until it is taken
    // While the writer has not answered, what was read stays within a few batches, at whatever
    // moment it is looked at: no assumption on when a busy machine gets the reading to stop.
    for (int look = 0; look < 2; look++) {
      long held = reads.get();
      long heldBytes = held * perRead * frame.length;
      assertTrue(heldBytes < 4L * s.batchBytes() + 1024 * 1024, "read ahead only a few batches: " + heldBytes + " bytes");
      assertTrue(held * perRead < frames, "the flood is held back, not read into memory");
      writer.expectNoMessage(Duration.ofMillis(300));
    }

    long lines = 0;
    LogWriter.Write w = first;
    while (true) {
      lines += w.chunk().lines();
      w.replyTo().tell(new LogWriter.Written(w.chunk().lines()));
      if (lines >= frames) {
        break;
      }
      w = writer.expectMessageClass(LogWriter.Write.class, Duration.ofSeconds(10));
    }
    writer.expectNoMessage(Duration.ofMillis(100));
    ConnectionFlow.Outcome outcome = run.second().toCompletableFuture().get(Await.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(frames, outcome.lines());
    assertNull(outcome.error());
  }
}
