package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.spread.SpreadSettings;
import deli.spread.Spreader;
import deli.testing.TestCluster;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.Test;

/** Tuning jobs spread over a cluster of three ActorSystems in this JVM, as POST /tune spreads them. */
class TuneClusterTest {
  static final Duration WAIT = Duration.ofSeconds(60);
  static final SpreadSettings SPREAD = new SpreadSettings("tune", 16, 2, Duration.ofSeconds(30), 3);
  static final Grid GRID = Grid.of(1, 15, 2, List.of(Distance.values()));

  /** {@code rows} rows of 4 random features (so no ties) and two labels, as CSV. */
  static String csv(int rows, long seed) {
    Random random = new Random(seed);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      double[] x = {random.nextDouble(), random.nextDouble(), random.nextDouble(), random.nextDouble()};
      for (double v : x) {
        out.append(String.format(Locale.ROOT, "%.6f", v + 0.001)).append(',');
      }
      out.append(x[0] + x[1] > 1 ? "high" : "low").append('\n');
    }
    return out.toString();
  }

  /** A pool on every node (from {@code pools}), registered as a node registers its own; a spreader on node 0 once it lists them all. */
  static ActorRef<Spreader.Command> start(TestCluster c, IntFunction<Behavior<TunePool.Command>> pools) {
    for (int i = 0; i < c.size(); i++) {
      ActorRef<TunePool.Command> pool = c.kit(i).spawn(pools.apply(i), "tune");
      c.system(i).receptionist().tell(Receptionist.register(TunePool.SERVICE_KEY, pool));
    }
    TestProbe<Receptionist.Listing> listings = c.kit(0).createTestProbe();
    c.system(0).receptionist().tell(Receptionist.subscribe(TunePool.SERVICE_KEY, listings.getRef()));
    listings.fishForMessage(
        WAIT,
        l -> l.getServiceInstances(TunePool.SERVICE_KEY).size() == c.size() ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return c.kit(0).spawn(Tracing.traced(Spreader.Command.class, Spreader.create(TunePool.SERVICE_KEY, "tune", SPREAD)), "tune-spread");
  }

  static Behavior<TunePool.Command> pool() {
    return Tracing.traced(TunePool.Command.class, TunePool.create(2, 4, SPREAD));
  }

  /** What a job ended with: its trials, or why it failed. */
  record Outcome(List<Trial> trials, Map<String, Integer> byNode, String failure, String dataError) {}

  static CompletableFuture<Outcome> run(ActorRef<Spreader.Command> spreader, String job, TuneData data, Grid grid) {
    Dataset read = data.load();
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    List<Trial> trials = new ArrayList<>();
    spreader.tell(
        new Spreader.Start(
            Trace.start("test"),
            new Cells(
                job,
                data,
                grid,
                read.testing().size(),
                new Cells.Listener() {
                  @Override
                  public void trials(List<Trial> done) {
                    trials.addAll(done);
                  }

                  @Override
                  public void complete(Map<String, Integer> batchesByNode) {
                    outcome.complete(new Outcome(List.copyOf(trials), batchesByNode, null, null));
                  }

                  @Override
                  public void fail(String why, String dataError) {
                    outcome.complete(new Outcome(List.copyOf(trials), Map.of(), why, dataError));
                  }
                })));
    return outcome;
  }

  static void assertEqualsOneThread(TuneData data, Outcome outcome) {
    assertNull(outcome.failure(), outcome.failure());
    List<String> expected = Tuning.all(data.load(), GRID).stream().map(Trial::line).sorted().toList();
    assertEquals(expected, outcome.trials().stream().map(Trial::line).sorted().toList(), "every trial once, as one thread scores it");
  }

  @Test
  void aJobSpreadOverThreeNodesEqualsTheOneThreadAnswerAndEveryNodeTakesPart() throws Exception {
    try (TestCluster c = TestCluster.of(3)) {
      ActorRef<Spreader.Command> spreader = start(c, i -> pool());
      // Big enough that its CSV goes in parts, each under one remote frame.
      TuneData data = TuneData.csv("random.csv", csv(2000, 1), 5);
      assertTrue(data.csv().getBytes(StandardCharsets.UTF_8).length > Cells.PART_CHARS);
      Outcome outcome = run(spreader, "job-1", data, GRID).get(60, TimeUnit.SECONDS);
      assertEqualsOneThread(data, outcome);
      assertEquals(3, outcome.byNode().size(), "each node scored cells: " + outcome.byNode());

      Outcome iris = run(spreader, "job-2", TuneData.iris(5), Grid.of(1, 39, 2, List.of(Distance.values()))).get(60, TimeUnit.SECONDS);
      List<String> lines =
          iris.trials().stream().sorted(Trial.inGridOrder(Grid.of(1, 39, 2, List.of(Distance.values())))).map(Trial::line).toList();
      assertEquals(IrisBaselineTest.baseline(), lines, "the book's Iris cells, over the cluster");
    }
  }

  @Test
  void aNodeCrashingInTheMiddleOfAJobLosesNoTrial() throws Exception {
    try (TestCluster c = TestCluster.of(3)) {
      CountDownLatch victimWorking = new CountDownLatch(1);
      // Node 2's pool takes cells and never answers: without the crash, the job would wait for
      // the batch timeout (30 s) to send them again.
      Behavior<TunePool.Command> holdsEverything =
          Behaviors.receiveMessage(m -> {
            if (m instanceof TunePool.ScoreCells) {
              victimWorking.countDown();
            }
            return Behaviors.same();
          });
      ActorRef<Spreader.Command> spreader = start(c, i -> i != 2 ? pool() : holdsEverything);
      TuneData data = TuneData.csv("random.csv", csv(1000, 2), 5);
      CompletableFuture<Outcome> outcome = run(spreader, "job-crash", data, GRID);
      assertTrue(victimWorking.await(30, TimeUnit.SECONDS), "node 2 got cells");
      c.crash(2);
      Outcome o = outcome.get(60, TimeUnit.SECONDS);
      assertEqualsOneThread(data, o);
      assertTrue(o.byNode().size() <= 2, "only the survivors' answers count: " + o.byNode());
    }
  }

  @Test
  void dataThatCannotBeScoredFailsTheJobOnceWithTheDatasLine() throws Exception {
    try (TestCluster c = TestCluster.of(2)) {
      ActorRef<Spreader.Command> spreader = start(c, i -> pool());
      // Line 1 tests, line 2 trains, both all zeros: the Sorensen distance between them is 0 / 0.
      String rows = "0,0,a\n0,0,b\n1,1,a\n2,2,a\n";
      TuneData data = TuneData.csv("zero.csv", rows, 2);
      Outcome o = run(spreader, "job-zero", data, Grid.of(1, 1, 1, List.of(Distance.SD))).get(60, TimeUnit.SECONDS);
      assertTrue(o.dataError() != null && o.dataError().startsWith("zero.csv:1: column 1: the Sorensen distance"), String.valueOf(o.dataError()));
      assertTrue(o.failure().contains("not done"), o.failure());
    }
  }
}
