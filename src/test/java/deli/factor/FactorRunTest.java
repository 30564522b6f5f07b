package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import deli.core.Console;
import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FactorRunTest {
  static final ActorTestKit testKit = ActorTestKit.create("FactorRunTest", DeliConfig.load());
  static final Duration WAIT = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static List<String> tokens(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(Long::toString).toList();
  }

  @Test
  void aRunHandsOnEveryChunkInInputOrderWithItsBadTokensAndFinishes() {
    List<String> input = new ArrayList<>(tokens(2, 500));
    input.add(100, "x");
    input.add(300, "-1");
    TestProbe<FactorRun.Event> listener = testKit.createTestProbe();
    FactorRun.Job job = new FactorRun.Job(() -> NumberSource.ofArguments(input), input.size(), 1, false);
    testKit.spawn(FactorRun.create(new FactorSettings(8, 13, 2, WAIT, 10), job, Trace.start("test"), listener.getRef()));
    long expected = 2;
    List<String> errors = new ArrayList<>();
    while (true) {
      FactorRun.Event e = listener.receiveMessage(WAIT);
      if (e instanceof FactorRun.ChunkDone c) {
        assertNull(c.failure());
        for (int i = 0; i < c.numbers().size(); i++) {
          assertEquals(expected++, c.numbers().get(i));
          assertEquals(Numbers.of(Factoring.factor(c.numbers().get(i))), c.factors().get(i));
        }
        errors.addAll(c.errors());
        c.writtenTo().tell(Console.Written.INSTANCE);
      } else {
        FactorRun.Finished f = (FactorRun.Finished) e;
        assertEquals(499, f.numbers());
        assertEquals(2, f.bad());
        assertEquals(0, f.failed());
        break;
      }
    }
    assertEquals(501, expected);
    assertEquals(List.of("\u2018x\u2019 is not a valid positive integer", "\u2018-1\u2019 is not a valid positive integer"), errors);
  }

  @Test
  void aRunWaitsForItsChunksToBeWrittenSoASlowTerminalHoldsBackTheInput() {
    TestProbe<FactorRun.Event> listener = testKit.createTestProbe();
    List<String> input = tokens(2, 101); // 100 numbers: 10 chunks of 10 with one worker
    FactorRun.Job job = new FactorRun.Job(() -> NumberSource.ofArguments(input), input.size(), 1, false);
    // One worker, one batch each: a window of 2 chunks.
    testKit.spawn(FactorRun.create(new FactorSettings(1, 10, 1, WAIT, 10), job, Trace.start("test"), listener.getRef()));
    FactorRun.ChunkDone first = (FactorRun.ChunkDone) listener.receiveMessage(WAIT);
    FactorRun.ChunkDone second = (FactorRun.ChunkDone) listener.receiveMessage(WAIT);
    listener.expectNoMessage(Duration.ofMillis(300));
    first.writtenTo().tell(Console.Written.INSTANCE);
    FactorRun.ChunkDone third = (FactorRun.ChunkDone) listener.receiveMessage(WAIT);
    assertEquals(List.of(2L, 12L, 22L), List.of(first.numbers().get(0), second.numbers().get(0), third.numbers().get(0)));
    listener.expectNoMessage(Duration.ofMillis(100));
  }
}
