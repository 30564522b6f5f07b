package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.service.Live;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A dinner on a node publishes pictures of its table, sampled, and its end. */
class DinnerLiveTest {
  static final ActorTestKit testKit = ActorTestKit.create("DinnerLiveTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** A quiet dinner on Pekko's default dispatcher, with these overrides. */
  static PhilosophersSettings live(Map<String, ?> overrides) {
    Map<String, Object> s = new HashMap<>(Map.of("quiet", true, "dispatcher", ""));
    s.putAll(overrides);
    return PhilosophersTesting.settings(s);
  }

  /** Every picture of dinner {@code trace} up to its last. */
  static List<DinnerView> watch(PhilosophersSettings settings, Trace trace) {
    TestProbe<Live> seen = testKit.createTestProbe();
    testKit.system().eventStream().tell(new EventStream.Subscribe<>(Live.class, seen.getRef()));
    TestProbe<DinnerEvent> listener = testKit.createTestProbe();
    testKit.spawn(Dinner.create(settings, trace, listener.getRef()), settings.dispatcherSelector());
    List<DinnerView> views = new ArrayList<>();
    while (true) {
      Live live = seen.receiveMessage(Duration.ofSeconds(30));
      if (!live.key().equals(trace.id())) {
        continue;
      }
      assertEquals("dinner", live.topic());
      views.add(assertInstanceOf(DinnerView.class, live.data()));
      if (live.last()) {
        testKit.system().eventStream().tell(new EventStream.Unsubscribe<>(seen.getRef()));
        return views;
      }
    }
  }

  @Test
  void aSlowDinnerIsSeenWithForksInHandsAndEndsWithEveryMealCounted() {
    PhilosophersSettings settings =
        live(Map.of("faculty", 3, "servings", 3, "eat", "20ms..40ms", "think", "0..10ms", "seed", 7, "sample-every", "20ms"));
    List<DinnerView> views = watch(settings, Trace.start("live"));
    DinnerView last = views.get(views.size() - 1);
    assertEquals("done", last.state());
    assertEquals(9, last.meals());
    assertEquals(9, last.expected());
    assertEquals(List.of(3L, 3L, 3L), last.philosophers().stream().map(DinnerView.Place::meals).toList());
    assertTrue(last.forks().stream().allMatch(f -> f.holder() == -1), "every fork back on the table");
    List<DinnerView> dining = views.stream().filter(v -> v.state().equals("dining")).toList();
    assertFalse(dining.isEmpty(), "pictures while it dined");
    assertTrue(
        dining.stream().anyMatch(v -> v.forks().stream().anyMatch(f -> f.holder() >= 0)),
        "some picture shows a fork in a hand");
    assertTrue(
        dining.stream().anyMatch(v -> v.philosophers().stream().anyMatch(p -> p.doing().equals("eating"))),
        "some picture shows someone eating");
    dining.forEach(v -> assertEquals(2, v.seats()));
  }

  @Test
  void aDeadlockedTableEndsWithItsWaitForCycle() {
    Map<String, Object> naive =
        Map.of("faculty", 4, "servings", 2, "eat", "0", "think", "0", "footman", false, "deadlock-after", "200ms", "sample-every", "50ms");
    // Timeless, every philosopher takes its first fork at once: the naive table deadlocks
    // unless one got both before a neighbour moved; run until one does.
    for (int attempt = 0; attempt < 20; attempt++) {
      Map<String, Object> seeded = new HashMap<>(naive);
      seeded.put("seed", attempt);
      List<DinnerView> views = watch(live(seeded), Trace.start("stuck"));
      DinnerView last = views.get(views.size() - 1);
      if (last.state().equals("deadlock")) {
        assertEquals(4, last.cycle().size());
        assertTrue(last.philosophers().stream().allMatch(p -> p.doing().equals("waiting-for-fork")));
        assertTrue(last.forks().stream().allMatch(f -> f.holder() >= 0 && f.waiters().size() == 1));
        return;
      }
      assertEquals("done", last.state());
    }
    throw new AssertionError("no deadlock in 20 dinners at the naive table");
  }

  @Test
  void aTableTooLargeToDrawIsShownByItsTotals() {
    PhilosophersSettings settings =
        live(Map.of("faculty", DinnerView.MAX_DRAWN + 1, "servings", 2, "eat", "0", "think", "0", "sample-every", "10ms"));
    List<DinnerView> views = watch(settings, Trace.start("large"));
    DinnerView last = views.get(views.size() - 1);
    assertEquals((DinnerView.MAX_DRAWN + 1) * 2L, last.meals());
    assertTrue(last.philosophers().isEmpty() && last.forks().isEmpty());
  }
}
