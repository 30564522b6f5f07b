package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The watchdog against forks played by probes, so each round's answers are the test's. */
class WatchdogTest {
  static final ActorTestKit testKit = ActorTestKit.create("WatchdogTest", DeliConfig.load());
  private static final Trace T = Trace.start("test");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  final List<TestProbe<Fork.Command>> forks = new ArrayList<>();
  final TestProbe<Watchdog.Verdict> verdicts = testKit.createTestProbe();

  void start(int n) {
    List<ActorRef<Fork.Command>> refs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      TestProbe<Fork.Command> p = testKit.createTestProbe();
      forks.add(p);
      refs.add(p.getRef());
    }
    testKit.spawn(Watchdog.create(refs, Duration.ofSeconds(10), verdicts.getRef()));
  }

  /** Every fork answers one round: fork f held by {@code holders[f]}, waited for by {@code waiter[f]}. */
  void answer(int[] holders, int[] waiters, long changes) {
    for (int f = 0; f < forks.size(); f++) {
      Fork.Inspect ask = forks.get(f).expectMessageClass(Fork.Inspect.class);
      List<Integer> queue = waiters[f] < 0 ? List.of() : List.of(waiters[f]);
      ask.replyTo().tell(new Fork.State(T, f, holders[f], queue, changes, 0, 0));
    }
  }

  static final int[] RING_HOLDERS = {0, 1, 2};
  static final int[] RING_WAITERS = {2, 0, 1};

  @Test
  void aCycleSeenTwiceOverUnchangedForksIsADeadlock() {
    start(3);
    answer(RING_HOLDERS, RING_WAITERS, 7);
    answer(RING_HOLDERS, RING_WAITERS, 7);
    Watchdog.Deadlock d = assertInstanceOf(Watchdog.Deadlock.class, verdicts.receiveMessage());
    assertEquals(List.of(new WaitFor.Link(0, 0, 1, 1), new WaitFor.Link(1, 1, 2, 2), new WaitFor.Link(2, 2, 0, 0)), d.cycle());
  }

  @Test
  void aCycleThatWasNotThereAMomentLaterIsNoDeadlock() {
    start(3);
    answer(RING_HOLDERS, RING_WAITERS, 7);
    // the same picture, but the forks changed hands in between: the first round was not one moment
    answer(RING_HOLDERS, RING_WAITERS, 9);
    assertInstanceOf(Watchdog.NoDeadlock.class, verdicts.receiveMessage());
  }

  @Test
  void aTableWhereSomeoneEatsIsNoDeadlockAtFirstSight() {
    start(3);
    // 0 eats with forks 0 and 1; 1 waits for fork 1; 2 holds fork 2 and waits for fork 0
    answer(new int[] {0, 0, 2}, new int[] {2, 1, -1}, 1);
    assertInstanceOf(Watchdog.NoDeadlock.class, verdicts.receiveMessage());
    forks.get(0).expectNoMessage();
  }
}
