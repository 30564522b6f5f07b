package deli.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FactorPoolTest {
  static final ActorTestKit testKit = ActorTestKit.create("FactorPoolTest", DeliConfig.load());
  static final Duration WAIT = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static FactorSettings settings(int workers, int batchSize) {
    return new FactorSettings(workers, batchSize, 2, Duration.ofSeconds(30), 100_000);
  }

  static Numbers chaptersNumbers(int count) throws Exception {
    return NumberSource.random(count, 42, 100_000_000, 1_000_000_000).next(count).numbers();
  }

  static FactorPool.AllAnswer factorAll(ActorRef<FactorPool.Command> pool, Numbers numbers) {
    TestProbe<FactorPool.AllAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorAll(Trace.start("test"), numbers, probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  /** Factoring that first spins a while on the first number, so the first batch comes back last. */
  static LongFunction<long[]> slowOn(long slow) {
    return n -> {
      if (n == slow) {
        long until = System.nanoTime() + 50_000_000;
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      return Factoring.factor(n);
    };
  }

  @ParameterizedTest(name = "with {0} workers, every number's factors come back in request order")
  @ValueSource(ints = {1, 2, 8})
  void resultsComeBackInRequestOrder(int workers) throws Exception {
    Numbers numbers = chaptersNumbers(5_000);
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(workers, 37), slowOn(numbers.get(0))));
    FactorPool.AllFactored all = (FactorPool.AllFactored) factorAll(pool, numbers);
    assertEquals(numbers.size(), all.factors().size());
    for (int i = 0; i < numbers.size(); i++) {
      assertArrayEquals(Factoring.factor(numbers.get(i)), all.factors().get(i).toArray(), "number " + i);
    }
    testKit.stop(pool);
  }

  @ParameterizedTest(name = "with {0} workers, batches sent at once all come back, each under its id")
  @ValueSource(ints = {1, 2, 8})
  void everyBatchIsAnsweredUnderItsOwnId(int workers) throws Exception {
    Numbers numbers = chaptersNumbers(2_000);
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(workers, 1000), slowOn(numbers.get(0))));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    for (int b = 0; b < 20; b++) {
      pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 100 + b, numbers.slice(b * 100, b * 100 + 100), probe.getRef()));
    }
    Map<Long, List<Numbers>> answers = new HashMap<>();
    List<Long> arrival = new ArrayList<>();
    for (int b = 0; b < 20; b++) {
      FactorPool.BatchFactored f = (FactorPool.BatchFactored) probe.receiveMessage(WAIT);
      answers.put(f.batchId(), f.factors());
      arrival.add(f.batchId());
    }
    for (int b = 0; b < 20; b++) {
      for (int i = 0; i < 100; i++) {
        assertArrayEquals(Factoring.factor(numbers.get(b * 100 + i)), answers.get(100L + b).get(i).toArray());
      }
    }
    if (workers > 1) {
      assertTrue(arrival.get(0) != 100L, "the slow first batch is overtaken: " + arrival);
    }
    testKit.stop(pool);
  }

  @Test
  void aWorkerThatCrashesIsRestartedAndItsBatchRetriedOnce() {
    Set<Long> crashedOnce = ConcurrentHashMap.newKeySet();
    LongFunction<long[]> crashOnceOn91 = n -> {
      if (n == 91 && crashedOnce.add(n)) {
        throw new IllegalStateException("injected crash");
      }
      return Factoring.factor(n);
    };
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(2, 10), crashOnceOn91));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 7, Numbers.of(90, 91, 92), probe.getRef()));
    FactorPool.BatchFactored f = (FactorPool.BatchFactored) probe.receiveMessage(WAIT);
    assertEquals(7, f.batchId());
    assertEquals(List.of(Numbers.of(2, 3, 3, 5), Numbers.of(7, 13), Numbers.of(2, 2, 23)), f.factors());
    assertEquals(Set.of(91L), crashedOnce);
    // The restarted worker goes on working.
    assertEquals(List.of(Numbers.of(3, 3, 11)), ((FactorPool.AllFactored) factorAll(pool, Numbers.of(99))).factors());
    testKit.stop(pool);
  }

  @Test
  void aBatchThatCrashesTwiceIsReportedFailedAndTheOtherBatchesStillComeBack() {
    LongFunction<long[]> alwaysCrashOn91 = n -> {
      if (n == 91) {
        throw new IllegalStateException("injected crash");
      }
      return Factoring.factor(n);
    };
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(2, 2), alwaysCrashOn91));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 1, Numbers.of(90, 91), probe.getRef()));
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 2, Numbers.of(92, 93), probe.getRef()));
    Map<Long, FactorPool.BatchAnswer> answers = new HashMap<>();
    for (int i = 0; i < 2; i++) {
      FactorPool.BatchAnswer a = probe.receiveMessage(WAIT);
      answers.put(a.batchId(), a);
    }
    FactorPool.BatchFailed failed = (FactorPool.BatchFailed) answers.get(1L);
    assertEquals("its worker crashed (IllegalStateException: injected crash), twice", failed.reason());
    assertEquals(List.of(Numbers.of(2, 2, 23), Numbers.of(3, 31)), ((FactorPool.BatchFactored) answers.get(2L)).factors());

    FactorPool.AllFailed all = (FactorPool.AllFailed) factorAll(pool, Numbers.of(2, 3, 91, 5));
    assertEquals("numbers 3 to 4 not factored: its worker crashed (IllegalStateException: injected crash), twice", all.reason());
    probe.expectNoMessage(Duration.ofMillis(100));
    testKit.stop(pool);
  }

  @Test
  void aBatchWithNoAnswerInTimeIsSentAgainAndItsLateAnswerIgnored() {
    CountDownLatch firstHangs = new CountDownLatch(1);
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    LongFunction<long[]> hangOnceOn91 = n -> {
      if (n == 91 && seen.add(n)) {
        try {
          firstHangs.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Factoring.factor(n);
    };
    FactorSettings quick = new FactorSettings(2, 10, 2, Duration.ofMillis(200), 100);
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(quick, hangOnceOn91));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 5, Numbers.of(91), probe.getRef()));
    FactorPool.BatchFactored f = (FactorPool.BatchFactored) probe.receiveMessage(WAIT);
    assertEquals(List.of(Numbers.of(7, 13)), f.factors());
    firstHangs.countDown(); // the first attempt answers late: nobody hears it twice
    probe.expectNoMessage(Duration.ofMillis(200));
    testKit.stop(pool);
  }

  @Test
  void aBatchSlowerThanTheTimeoutIsNotRetriedWhileItsWorkerSaysItIsWorking() {
    // Five numbers of 700 ms each (hard numbers past 2^64 take seconds) against a timeout of
    // 1.5 s: without the worker's notes the batch would be sent again at 1.5 s and failed
    // "twice" at 3 s; with them it is answered once, by its first worker.
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    LongFunction<long[]> slow = n -> {
      calls.incrementAndGet();
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Factoring.factor(n);
    };
    FactorSettings quick = new FactorSettings(2, 10, 2, Duration.ofMillis(1500), 100);
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(quick, slow));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 9, Numbers.of(91, 92, 93, 94, 95), probe.getRef()));
    // The sender hears that the batch is being worked on (a job on another node has a timeout
    // of its own), then the answer.
    int notes = 0;
    FactorPool.BatchAnswer a = probe.receiveMessage(WAIT);
    for (; a instanceof FactorPool.BatchWorking w; a = probe.receiveMessage(WAIT)) {
      assertEquals(9, w.batchId());
      notes++;
    }
    assertTrue(notes >= 2, "notes while the batch was worked on: " + notes);
    FactorPool.BatchFactored f = (FactorPool.BatchFactored) a;
    assertEquals(9, f.batchId());
    assertEquals(List.of(Numbers.of(7, 13), Numbers.of(2, 2, 23), Numbers.of(3, 31), Numbers.of(2, 47), Numbers.of(5, 19)), f.factors());
    assertEquals(5, calls.get(), "factored once, not sent again");
    testKit.stop(pool);
  }

  /** A one-worker pool whose first number blocks until released, so later batches queue. */
  record Blocked(ActorRef<FactorPool.Command> pool, CountDownLatch release, TestProbe<FactorPool.BatchAnswer> probe) {}

  static Blocked blockedPool() {
    CountDownLatch release = new CountDownLatch(1);
    LongFunction<long[]> blockOn4 = n -> {
      if (n == 4) {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Factoring.factor(n);
    };
    ActorRef<FactorPool.Command> pool =
        testKit.spawn(FactorPool.create(new FactorSettings(1, 10, 1, Duration.ofSeconds(30), 100), blockOn4));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    for (int b = 1; b <= 3; b++) {
      pool.tell(new FactorPool.FactorBatch(Trace.start("test"), b, Numbers.of(b * 4), probe.getRef()));
    }
    return new Blocked(pool, release, probe);
  }

  @Test
  void closeRefusesNewWorkLetsQueuedWorkFinishAndThenStopsThePool() {
    Blocked b = blockedPool();
    TestProbe<FactorPool.Stopped> stopped = testKit.createTestProbe();
    b.pool().tell(new FactorPool.Close(Trace.start("test"), stopped.getRef()));
    b.pool().tell(new FactorPool.FactorBatch(Trace.start("test"), 4, Numbers.of(16), b.probe().getRef()));
    FactorPool.BatchFailed refused = (FactorPool.BatchFailed) b.probe().receiveMessage(WAIT);
    assertEquals(4, refused.batchId());
    assertEquals("the pool is closed", refused.reason());
    b.release().countDown();
    for (long id = 1; id <= 3; id++) {
      FactorPool.BatchFactored f = (FactorPool.BatchFactored) b.probe().receiveMessage(WAIT);
      assertEquals(id, f.batchId());
    }
    FactorPool.Stopped s = stopped.receiveMessage(WAIT);
    assertEquals(3, s.factored());
    assertEquals(1, s.refused());
    stopped.expectTerminated(b.pool(), WAIT);
  }

  @Test
  void terminateFailsQueuedWorkAtOnceLetsRunningWorkFinishAndStopsThePool() {
    Blocked b = blockedPool();
    TestProbe<FactorPool.Stopped> stopped = testKit.createTestProbe();
    b.pool().tell(new FactorPool.Terminate(Trace.start("test"), stopped.getRef()));
    for (long id = 2; id <= 3; id++) {
      FactorPool.BatchFailed f = (FactorPool.BatchFailed) b.probe().receiveMessage(WAIT);
      assertEquals(id, f.batchId());
      assertEquals("the pool was terminated", f.reason());
    }
    b.release().countDown();
    assertEquals(1, ((FactorPool.BatchFactored) b.probe().receiveMessage(WAIT)).batchId());
    FactorPool.Stopped s = stopped.receiveMessage(WAIT);
    assertEquals(1, s.factored());
    assertEquals(2, s.refused());
    stopped.expectTerminated(b.pool(), WAIT);
  }

  @Test
  void negativeNumbersFromAPeerAreRefusedWithoutCrashingAWorker() {
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(2, 10)));
    TestProbe<FactorPool.BatchAnswer> probe = testKit.createTestProbe();
    pool.tell(new FactorPool.FactorBatch(Trace.start("test"), 9, Numbers.of(12, -4), probe.getRef()));
    assertEquals(
        "number 2 is -4: it is negative", ((FactorPool.BatchFailed) probe.receiveMessage(WAIT)).reason());
    assertEquals("number 1 is -1: it is negative", ((FactorPool.AllFailed) factorAll(pool, Numbers.of(-1))).reason());
    testKit.stop(pool);
  }

  @Test
  void theClientMapsAppliesAndClosesAsTheChaptersPoolDoes() throws Exception {
    ActorRef<FactorPool.Command> pool = testKit.spawn(FactorPool.create(settings(2, 1000)));
    FactorPoolClient client = new FactorPoolClient(testKit.system(), pool, WAIT);
    var later = client.mapAsync(12, 97, Long.MAX_VALUE);
    var single = client.applyAsync(1_000_000_016_000_000_063L);
    assertEquals(List.of(Numbers.of(2, 2, 3), Numbers.of(97), Numbers.of(7, 7, 73, 127, 337, 92737, 649657)),
        later.toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(Numbers.of(1_000_000_007, 1_000_000_009), single.toCompletableFuture().get(30, TimeUnit.SECONDS));
    assertEquals(List.of(), client.map());
    client.close().toCompletableFuture().get(30, TimeUnit.SECONDS);
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.expectTerminated(pool, WAIT);
  }

  @Test
  void theBatchProtocolSurvivesCborSerializationForOtherNodes() {
    TestProbe<FactorPool.BatchAnswer> answers = testKit.createTestProbe();
    TestProbe<FactorPool.AllAnswer> all = testKit.createTestProbe();
    var kit = testKit.serializationTestKit();
    Trace trace = Trace.start("test");
    kit.verifySerialization(new FactorPool.FactorBatch(trace, 3, Numbers.of(12, Long.MAX_VALUE), answers.getRef()), true);
    kit.verifySerialization(new FactorPool.BatchFactored(trace, 3, List.of(Numbers.of(2, 2, 3), Numbers.of(7))), true);
    kit.verifySerialization(new FactorPool.BatchFailed(trace, 3, "the pool is closed"), true);
    kit.verifySerialization(new FactorPool.BatchWorking(trace, 3), true);
    kit.verifySerialization(new FactorPool.FactorAll(trace, Numbers.of(), all.getRef()), true);
    kit.verifySerialization(new FactorPool.AllFactored(trace, List.of(Numbers.of(5))), true);
  }
}
