package deli.spread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The spreading machinery in one JVM, with pools that answer, fail, hang or vanish as a test tells them. */
class SpreaderTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Duration WAIT = Duration.ofSeconds(30);

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** Asks a pool for units {@code from..to-1}. */
  record Ask(long sendId, int from, int to, ActorRef<Answer> replyTo) {}

  /** A pool's answer: the units it did, or a failure; or, {@code working}, only that it is still at them. */
  record Answer(long sendId, int from, int to, String failure, boolean retry, boolean working) {
    Answer(long sendId, int from, int to, String failure, boolean retry) {
      this(sendId, from, to, failure, retry, false);
    }
  }

  /** A pool that does every unit asked. */
  static Behavior<Ask> working() {
    return Behaviors.receiveMessage(a -> {
      a.replyTo().tell(new Answer(a.sendId(), a.from(), a.to(), null, true));
      return Behaviors.same();
    });
  }

  /** A pool that takes every ask and never answers. */
  static Behavior<Ask> hanging(TestProbe<Ask> seen) {
    return Behaviors.receiveMessage(a -> {
      seen.getRef().tell(a);
      return Behaviors.same();
    });
  }

  /** A job of {@code units} units that counts how often each was done, and how it ended. */
  static final class Count implements Work<Ask, Answer> {
    final int[] done;
    final CompletableFuture<String> ended = new CompletableFuture<>();
    Map<String, Integer> byNode;

    Count(int units) {
      done = new int[units];
    }

    @Override
    public int units() {
      return done.length;
    }

    @Override
    public Class<Answer> answerType() {
      return Answer.class;
    }

    @Override
    public Ask request(Trace trace, long sendId, int from, int to, ActorRef<Answer> replyTo) {
      return new Ask(sendId, from, to, replyTo);
    }

    @Override
    public long sendId(Answer answer) {
      return answer.sendId();
    }

    @Override
    public boolean working(Answer answer) {
      return answer.working();
    }

    @Override
    public Failure accept(Answer answer, int from, int to) {
      if (answer.working()) {
        return new Failure("a note that the pool is working, taken for its answer", false);
      }
      if (answer.failure() != null) {
        return new Failure(answer.failure(), answer.retry());
      }
      for (int u = from; u < to; u++) {
        done[u]++;
      }
      return null;
    }

    @Override
    public void complete(Map<String, Integer> batchesByNode) {
      byNode = batchesByNode;
      ended.complete("complete");
    }

    @Override
    public void fail(String why) {
      ended.complete(why);
    }

    @Override
    public String describe(int from, int to) {
      return "units " + from + " to " + to;
    }

    void assertEveryUnitOnce() {
      int[] once = new int[done.length];
      Arrays.fill(once, 1);
      assertEquals(Arrays.toString(once), Arrays.toString(done));
    }
  }

  static SpreadSettings settings(Duration batchTimeout, int attempts) {
    return new SpreadSettings("test", 4, 2, batchTimeout, attempts);
  }

  static String end(Count work) throws Exception {
    return work.ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aPoolThatHangsHasItsBatchesSentToTheOthersAfterTheTimeout() throws Exception {
    TestProbe<Ask> seen = kit.createTestProbe();
    ActorRef<Ask> stuck = kit.spawn(hanging(seen));
    ActorRef<Ask> good = kit.spawn(working());
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.over(List.of(stuck, good), "test", settings(Duration.ofMillis(300), 3)));
    Count work = new Count(40);
    spreader.tell(new Spreader.Start(Trace.start("test"), work));
    assertEquals("complete", end(work));
    work.assertEveryUnitOnce();
    assertTrue(!seen.receiveSeveralMessages(2, WAIT).isEmpty(), "the stuck pool was sent its window");
    assertEquals(1, work.byNode.size(), "only the good pool's answers count: " + work.byNode);
  }

  /** A pool that takes {@code notes} x 100 ms over each ask, saying it is working every 100 ms, then does it. */
  static Behavior<Object> slowButWorking(int notes) {
    return Behaviors.withTimers(timers -> {
      Map<Long, Integer> noted = new java.util.HashMap<>();
      Map<Long, Ask> asks = new java.util.HashMap<>();
      return Behaviors.receiveMessage(m -> {
        if (m instanceof Ask a) {
          asks.put(a.sendId(), a);
          noted.put(a.sendId(), 0);
          timers.startTimerWithFixedDelay(a.sendId(), a.sendId(), Duration.ofMillis(100));
        } else if (m instanceof Long id && asks.containsKey(id)) {
          Ask a = asks.get(id);
          int n = noted.merge(id, 1, Integer::sum);
          if (n < notes) {
            a.replyTo().tell(new Answer(id, a.from(), a.to(), null, true, true));
          } else {
            timers.cancel(id);
            asks.remove(id);
            a.replyTo().tell(new Answer(id, a.from(), a.to(), null, true));
          }
        }
        return Behaviors.same();
      });
    });
  }

  @Test
  void aBatchLongerThanTheTimeoutIsNotSentAgainWhileItsPoolSaysItIsWorking() throws Exception {
    // One pool, one attempt, a timeout of 400 ms and batches that take 1.2 s: without the notes
    // the job fails at 400 ms; with them every unit is done once.
    ActorRef<Object> slow = kit.spawn(slowButWorking(12));
    ActorRef<Spreader.Command> spreader =
        kit.spawn(Spreader.over(List.of(slow.<Ask>narrow()), "test", settings(Duration.ofMillis(400), 1)));
    Count work = new Count(8);
    spreader.tell(new Spreader.Start(Trace.start("test"), work));
    assertEquals("complete", end(work));
    work.assertEveryUnitOnce();
  }

  @Test
  void aPoolThatFailsIsRetriedUpToTheAttemptsAndAFailureThatCannotHealEndsTheJobAtOnce() throws Exception {
    ActorRef<Ask> failing =
        kit.spawn(Behaviors.<Ask>receiveMessage(a -> {
          a.replyTo().tell(new Answer(a.sendId(), a.from(), a.to(), "out of luck", true));
          return Behaviors.same();
        }));
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.over(List.of(failing), "test", settings(WAIT, 2)));
    Count work = new Count(10);
    spreader.tell(new Spreader.Start(Trace.start("test"), work));
    assertTrue(end(work).matches("units \\d+ to \\d+ not done: out of luck \\(sent 2 times\\)"), work.ended.get());

    ActorRef<Ask> fatal =
        kit.spawn(Behaviors.<Ask>receiveMessage(a -> {
          a.replyTo().tell(new Answer(a.sendId(), a.from(), a.to(), "bad data at line 3", false));
          return Behaviors.same();
        }));
    Count doomed = new Count(10);
    kit.spawn(Spreader.over(List.of(fatal), "test", settings(WAIT, 3))).tell(new Spreader.Start(Trace.start("test"), doomed));
    assertTrue(end(doomed).endsWith("not done: bad data at line 3"), doomed.ended.get());
  }

  @Test
  void withNoPoolAtAllAJobWaitsOneBatchTimeoutThenFails() throws Exception {
    ServiceKey<Ask> nobody = ServiceKey.create(Ask.class, "nobody-serves-this");
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.create(nobody, "test", settings(Duration.ofMillis(200), 3)));
    Count work = new Count(5);
    spreader.tell(new Spreader.Start(Trace.start("test"), work));
    assertEquals("units 0 to 3 not done: no pool reachable for 200 ms", end(work));
  }

  @Test
  void aPoolThatLeavesTheListingHasItsBatchesSentAgainAtOnceAndAPoolThatJoinsTakesWork() throws Exception {
    ServiceKey<Ask> key = ServiceKey.create(Ask.class, "leaving");
    TestProbe<Ask> seen = kit.createTestProbe();
    ActorRef<Ask> leaving = kit.spawn(hanging(seen));
    kit.system().receptionist().tell(Receptionist.register(key, leaving));
    TestProbe<Receptionist.Listing> listed = kit.createTestProbe();
    kit.system().receptionist().tell(Receptionist.subscribe(key, listed.getRef()));
    listed.fishForMessage(WAIT, l -> l.getServiceInstances(key).size() == 1
        ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    // The batch timeout is long: only the listing can rescue the job in time.
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.create(key, "test", settings(Duration.ofMinutes(5), 3)));
    Count work = new Count(16);
    spreader.tell(new Spreader.Start(Trace.start("test"), work));
    seen.receiveMessage(WAIT);
    ActorRef<Ask> joining = kit.spawn(working());
    kit.system().receptionist().tell(Receptionist.register(key, joining));
    kit.stop(leaving);
    assertEquals("complete", end(work));
    work.assertEveryUnitOnce();
  }

  @Test
  void aClosedFrontFinishesItsJobsRefusesNewOnesAndTerminateFailsThoseInHand() throws Exception {
    TestProbe<Ask> seen = kit.createTestProbe();
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.over(List.of(kit.spawn(hanging(seen))), "test", settings(WAIT, 3)));
    Count inHand = new Count(8);
    spreader.tell(new Spreader.Start(Trace.start("test"), inHand));
    seen.receiveMessage(WAIT);
    TestProbe<Spreader.Closed> closed = kit.createTestProbe();
    spreader.tell(new Spreader.Close(false, closed.getRef()));
    Count late = new Count(8);
    spreader.tell(new Spreader.Start(Trace.start("test"), late));
    assertEquals("the cluster's test front is closed", end(late));
    closed.expectNoMessage(Duration.ofMillis(200));
    spreader.tell(new Spreader.Close(true, closed.getRef()));
    assertTrue(end(inHand).endsWith("not done: the cluster's test front was terminated"), inHand.ended.get());
    List<Spreader.Closed> both = new ArrayList<>(closed.receiveSeveralMessages(2, WAIT));
    assertEquals(1, both.get(both.size() - 1).jobs(), "the job ended, if not well");
    closed.expectTerminated(spreader, WAIT);
  }

  @Test
  void aFrontClosedBeforeItsFirstListingStillDoesTheWorkItTookAndRefusesNewWork() throws Exception {
    ServiceKey<Ask> key = ServiceKey.create(Ask.class, "closed-early");
    // The test is the receptionist, so the first listing comes when it says; and it answers for
    // the pool, so the job stays in hand until it does.
    TestProbe<Receptionist.Command> receptionist = kit.createTestProbe();
    TestProbe<Ask> pool = kit.createTestProbe();
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.create(key, "test", settings(WAIT, 3), receptionist.getRef()));
    ActorRef<Receptionist.Listing> subscriber = subscriber(receptionist.receiveMessage(WAIT));
    Count taken = new Count(10);
    Count late = new Count(10);
    TestProbe<Spreader.Closed> closed = kit.createTestProbe();
    spreader.tell(new Spreader.Start(Trace.start("test"), taken));
    spreader.tell(new Spreader.Close(false, closed.getRef()));
    spreader.tell(new Spreader.Start(Trace.start("test"), late));
    assertEquals("the cluster's test front is closed", end(late));
    assertFalse(taken.ended.isDone(), "the work taken waits for the listing");
    subscriber.tell(Receptionist.listing(key, Set.of(pool.getRef())));
    for (int answered = 0; answered < taken.units(); ) {
      Ask a = pool.receiveMessage(WAIT);
      a.replyTo().tell(new Answer(a.sendId(), a.from(), a.to(), null, true));
      answered += a.to() - a.from();
    }
    assertEquals("complete", end(taken));
    taken.assertEveryUnitOnce();
    assertEquals(1, closed.receiveMessage(WAIT).jobs(), "the job it took was done");
    closed.expectTerminated(spreader, WAIT);
  }

  @Test
  void aFrontTerminatedBeforeItsFirstListingFailsTheWorkItTookAndStops() throws Exception {
    ServiceKey<Ask> key = ServiceKey.create(Ask.class, "terminated-early");
    TestProbe<Receptionist.Command> receptionist = kit.createTestProbe();
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.create(key, "test", settings(WAIT, 3), receptionist.getRef()));
    receptionist.receiveMessage(WAIT);
    Count taken = new Count(10);
    TestProbe<Spreader.Closed> closed = kit.createTestProbe();
    spreader.tell(new Spreader.Start(Trace.start("test"), taken));
    spreader.tell(new Spreader.Close(true, closed.getRef()));
    assertEquals("the cluster's test front was terminated", end(taken));
    assertEquals(0, closed.receiveMessage(WAIT).jobs());
    closed.expectTerminated(spreader, WAIT);
  }

  /** Who a subscription is for (the message is Pekko's internal one). */
  @SuppressWarnings("unchecked")
  static ActorRef<Receptionist.Listing> subscriber(Receptionist.Command subscribe) {
    return (ActorRef<Receptionist.Listing>)
        ((org.apache.pekko.actor.typed.internal.receptionist.ReceptionistMessages.Subscribe<?>) subscribe).subscriber();
  }

  @Test
  void statsCountJobsUnitsAndBatchesByNode() throws Exception {
    ActorRef<Spreader.Command> spreader = kit.spawn(Spreader.over(List.of(kit.spawn(working())), "test", settings(WAIT, 3)));
    Count a = new Count(12);
    Count b = new Count(0);
    spreader.tell(new Spreader.Start(Trace.start("test"), a));
    spreader.tell(new Spreader.Start(Trace.start("test"), b));
    assertEquals("complete", end(a));
    assertEquals("complete", end(b), "a job of no units completes at once");
    TestProbe<Spreader.Stats> stats = kit.createTestProbe();
    spreader.tell(new Spreader.GetStats(stats.getRef()));
    Spreader.Stats s = stats.receiveMessage(WAIT);
    assertEquals(2, s.jobs());
    assertEquals(12, s.units());
    assertEquals(1, s.pools());
    assertEquals(List.of("local"), List.copyOf(s.batchesByNode().keySet()));
  }
}
