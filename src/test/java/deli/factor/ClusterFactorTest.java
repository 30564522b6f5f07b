package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.spread.SpreadSettings;
import deli.spread.Spreader;
import deli.testing.TestCluster;
import deli.trace.Trace;
import deli.trace.TraceDiagram;
import deli.trace.TraceLine;
import deli.trace.TraceLog;
import deli.trace.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Factor work spread over a cluster of three ActorSystems in this JVM. */
class ClusterFactorTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final SpreadSettings SPREAD = new SpreadSettings("factor", 50, 2, Duration.ofSeconds(30), 3);
  static final java.util.Map<ActorRef<FactorPool.Command>, ActorRef<Spreader.Command>> spreaders = new java.util.concurrent.ConcurrentHashMap<>();
  static final TestCluster cluster = TestCluster.of(3);
  static final AtomicLong[] factoredBy = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
  static final ActorRef<FactorPool.Command> front = startPoolsAndFront(cluster, i -> countingPool(factoredBy[i]));

  @AfterAll
  static void shutdown() {
    cluster.close();
  }

  /** A pool that counts the numbers it factors. */
  static Behavior<FactorPool.Command> countingPool(AtomicLong count) {
    return Tracing.traced(
        FactorPool.Command.class,
        FactorPool.create(new FactorSettings(2, 1000, 2, Duration.ofSeconds(60), 100_000), n -> {
          count.incrementAndGet();
          return Factoring.factor(n);
        }));
  }

  /**
   * A pool on every node, registered as the node registers its own; the front on node 0, once
   * node 0's Receptionist lists every pool.
   */
  static ActorRef<FactorPool.Command> startPoolsAndFront(TestCluster c, IntFunction<Behavior<FactorPool.Command>> pools) {
    for (int i = 0; i < c.size(); i++) {
      ActorRef<FactorPool.Command> pool = c.kit(i).spawn(pools.apply(i), "factor");
      c.system(i).receptionist().tell(Receptionist.register(FactorPool.SERVICE_KEY, pool));
    }
    TestProbe<Receptionist.Listing> listings = c.kit(0).createTestProbe();
    c.system(0).receptionist().tell(Receptionist.subscribe(FactorPool.SERVICE_KEY, listings.getRef()));
    listings.fishForMessage(
        WAIT,
        l -> l.getServiceInstances(FactorPool.SERVICE_KEY).size() == c.size()
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    return front(c, "factor-cluster");
  }

  /** A spreader over the pools of factor's key, and a front on it, on node 0. */
  static ActorRef<FactorPool.Command> front(TestCluster c, String name) {
    ActorRef<Spreader.Command> spreader =
        c.kit(0).spawn(Tracing.traced(Spreader.Command.class, Spreader.create(FactorPool.SERVICE_KEY, "factor", SPREAD)), name + "-spread");
    ActorRef<FactorPool.Command> front = c.kit(0).spawn(Tracing.traced(FactorPool.Command.class, ClusterFactor.create(spreader)), name);
    spreaders.put(front, spreader);
    return front;
  }

  static Numbers chaptersNumbers(int count, long seed) throws Exception {
    return NumberSource.random(count, seed, 100_000_000, 1_000_000_000).next(count).numbers();
  }

  static FactorPool.AllAnswer factorAll(TestCluster c, ActorRef<FactorPool.Command> front, Trace trace, Numbers numbers) {
    TestProbe<FactorPool.AllAnswer> probe = c.kit(0).createTestProbe();
    front.tell(new FactorPool.FactorAll(trace, numbers, probe.getRef()));
    return probe.receiveMessage(WAIT);
  }

  static void assertFactoredInOrder(Numbers numbers, FactorPool.AllAnswer answer) {
    FactorPool.AllFactored all = assertInstanceOf(FactorPool.AllFactored.class, answer, answer.toString());
    assertEquals(numbers.size(), all.factors().size());
    for (int i = 0; i < numbers.size(); i++) {
      long[] expected = Factoring.factor(numbers.get(i));
      assertEquals(Numbers.of(expected).toString(), all.factors().get(i).toString(), "number " + i + ": " + numbers.get(i));
    }
  }

  @Test
  void workSubmittedToOneNodeIsSpreadOverThePoolsOfAllNodesAndComesBackCorrectAndInOrder() throws Exception {
    long[] before = new long[3];
    for (int i = 0; i < 3; i++) {
      before[i] = factoredBy[i].get();
    }
    Numbers numbers = chaptersNumbers(3000, 7);
    assertFactoredInOrder(numbers, factorAll(cluster, front, Trace.start("test"), numbers));
    long total = 0;
    for (int i = 0; i < 3; i++) {
      long mine = factoredBy[i].get() - before[i];
      assertTrue(mine > 0, "node " + i + " factored nothing");
      total += mine;
    }
    assertEquals(numbers.size(), total, "every number factored once: no node was lost, nothing was sent twice");

    TestProbe<Spreader.Stats> stats = cluster.kit(0).createTestProbe();
    spreaders.get(front).tell(new Spreader.GetStats(stats.getRef()));
    Spreader.Stats s = stats.receiveMessage(WAIT);
    assertEquals(3, s.pools());
    Set<String> nodes = java.util.stream.IntStream.range(0, 3).mapToObj(i -> TraceLog.nodeOf(cluster.system(i))).collect(Collectors.toSet());
    assertEquals(nodes, s.batchesByNode().keySet(), "the front counts the batches each node answered");
  }

  @Test
  void aLoneBatchGoesToAPoolAndItsAnswerKeepsItsId() throws Exception {
    Numbers numbers = chaptersNumbers(20, 3);
    TestProbe<FactorPool.BatchAnswer> probe = cluster.kit(0).createTestProbe();
    for (int id = 0; id < 3; id++) {
      front.tell(new FactorPool.FactorBatch(Trace.start("test"), 70 + id, numbers, probe.getRef()));
    }
    for (int id = 0; id < 3; id++) {
      FactorPool.BatchFactored f = assertInstanceOf(FactorPool.BatchFactored.class, probe.receiveMessage(WAIT));
      assertTrue(f.batchId() >= 70 && f.batchId() < 73, "batch " + f.batchId());
      assertFactoredInOrder(numbers, new FactorPool.AllFactored(f.trace(), f.factors()));
    }
  }

  @Test
  void aClosedFrontFinishesTheJobsItHasThenStopsAndSaysHowMany() throws Exception {
    ActorRef<FactorPool.Command> closing = front(cluster, "factor-cluster-closing");
    Numbers numbers = chaptersNumbers(500, 5);
    TestProbe<FactorPool.AllAnswer> answers = cluster.kit(0).createTestProbe();
    TestProbe<FactorPool.Stopped> stopped = cluster.kit(0).createTestProbe();
    closing.tell(new FactorPool.FactorAll(Trace.start("test"), numbers, answers.getRef()));
    closing.tell(new FactorPool.Close(Trace.start("test"), stopped.getRef()));
    closing.tell(new FactorPool.FactorAll(Trace.start("test"), numbers, answers.getRef()));
    // The refusal may come first: the accepted job is still under way.
    List<FactorPool.AllAnswer> both = answers.receiveSeveralMessages(2, WAIT);
    FactorPool.AllAnswer factored = both.stream().filter(a -> a instanceof FactorPool.AllFactored).findFirst().orElseThrow();
    assertFactoredInOrder(numbers, factored);
    FactorPool.AllFailed refused =
        (FactorPool.AllFailed) both.stream().filter(a -> a instanceof FactorPool.AllFailed).findFirst().orElseThrow(() -> new AssertionError(both));
    assertTrue(refused.reason().contains("closed"), refused.reason());
    assertEquals(1, stopped.receiveMessage(WAIT).factored(), "one job done");
    answers.expectTerminated(closing, WAIT);
  }

  @Test
  void aTracedRequestSpansTheNodesAndItsDiagramNamesThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cluster.jsonl");
    Trace trace = Trace.start("test");
    Numbers numbers = chaptersNumbers(600, 11);
    try (AutoCloseable tracing = TraceLog.open(file)) {
      assertFactoredInOrder(numbers, factorAll(cluster, front, trace, numbers));
    }
    List<TraceLine> lines =
        TraceLine.read(List.of(file)).lines().stream().filter(l -> l.traceId().equals(trace.id())).toList();
    Set<String> nodes = lines.stream().map(TraceLine::node).collect(Collectors.toSet());
    assertEquals(3, nodes.size(), "trace lines of every node: " + nodes);
    assertTrue(
        lines.stream().anyMatch(l -> l.type().equals("FactorBatch") && !l.node().equals(TraceLog.nodeOf(cluster.system(0)))
            && l.sender() != null && l.sender().contains(TraceLog.nodeOf(cluster.system(0)))),
        "a batch sent from node 0's job, received on another node");
    TraceDiagram diagram = TraceDiagram.of(lines, trace.id(), 10_000, false);
    Set<String> drawnNodes =
        diagram.lifelines().stream().filter(l -> l.contains("@")).map(l -> l.substring(l.indexOf('@') + 1)).collect(Collectors.toSet());
    assertEquals(nodes, drawnNodes, "lifelines named with their nodes: " + diagram.lifelines());
  }

  @Test
  void aNodeCrashingInTheMiddleOfAJobLosesNothing() throws Exception {
    try (TestCluster c = TestCluster.of(3)) {
      AtomicLong[] counts = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
      CountDownLatch victimWorking = new CountDownLatch(1);
      // Node 2's pool takes batches and never answers: without the crash, the job would wait
      // for the batch timeout (30 s) to send them again.
      Behavior<FactorPool.Command> holdsEverything =
          Behaviors.receiveMessage(m -> {
            victimWorking.countDown();
            return Behaviors.same();
          });
      ActorRef<FactorPool.Command> front =
          startPoolsAndFront(c, i -> i != 2 ? countingPool(counts[i]) : holdsEverything);
      Numbers numbers = chaptersNumbers(4000, 13);
      TestProbe<FactorPool.AllAnswer> probe = c.kit(0).createTestProbe();
      long start = System.nanoTime();
      front.tell(new FactorPool.FactorAll(Trace.start("test"), numbers, probe.getRef()));
      assertTrue(victimWorking.await(30, TimeUnit.SECONDS), "node 2 got work");
      c.crash(2);
      FactorPool.AllAnswer answer = probe.receiveMessage(WAIT);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertFactoredInOrder(numbers, answer);
      assertEquals(numbers.size(), counts[0].get() + counts[1].get(), "the survivors factored every number, once");
      assertTrue(seconds < SPREAD.batchTimeout().toSeconds(), "re-sent on unreachability, not after the timeout: " + seconds + " s");
    }
  }
}
