package deli.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.util.HashSet;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CpuRaceTest {
  static final ActorTestKit testKit = ActorTestKit.create("CpuRaceTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theSumOfTheFirstNOddNumbersIsNSquared() {
    assertEquals(0, MuchCpu.sumOfOdds(0));
    assertEquals(1, MuchCpu.sumOfOdds(1));
    assertEquals(10_000L * 10_000L, MuchCpu.sumOfOdds(10_000));
  }

  @Test
  void theRaceRunsEveryWorkerOnTheCpuDispatcherThenAllOnOneThread() {
    int workers = 3;
    TestProbe<CpuRace.Event> listener = testKit.createTestProbe();
    testKit.spawn(CpuRace.create(new CpuSettings(5_000_000, workers), Trace.start("test"), listener.getRef()));

    Set<String> parallelThreads = new HashSet<>();
    for (int i = 0; i < workers; i++) {
      CpuRace.WorkerDone w = assertInstanceOf(CpuRace.WorkerDone.class, listener.receiveMessage());
      assertEquals(CpuRace.Phase.PARALLEL, w.phase());
      assertTrue(w.summed().thread().contains("cpu-dispatcher"), w.summed().thread());
      parallelThreads.add(w.summed().thread());
    }
    assertEquals(CpuRace.Phase.PARALLEL, assertInstanceOf(CpuRace.PhaseDone.class, listener.receiveMessage()).phase());
    Set<String> oneThread = new HashSet<>();
    for (int i = 0; i < workers; i++) {
      CpuRace.WorkerDone w = assertInstanceOf(CpuRace.WorkerDone.class, listener.receiveMessage());
      assertEquals(CpuRace.Phase.ONE_THREAD, w.phase());
      oneThread.add(w.summed().thread());
    }
    assertEquals(1, oneThread.size(), "the second run is confined to one thread: " + oneThread);
    assertInstanceOf(CpuRace.PhaseDone.class, listener.receiveMessage());
    CpuRace.RaceDone done = assertInstanceOf(CpuRace.RaceDone.class, listener.receiveMessage());
    assertTrue(done.sumsRight());
    assertEquals(workers, done.workers());
    assertTrue(done.parallelNanos() > 0 && done.oneThreadNanos() > 0);
  }
}
