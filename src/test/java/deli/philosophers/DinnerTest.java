package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class DinnerTest {
  static final ActorTestKit testKit = ActorTestKit.create("DinnerTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** Runs a dinner to its end, on its own dispatcher as the CLI runs it; every event, in order. */
  static List<DinnerEvent> run(PhilosophersSettings settings) {
    TestProbe<DinnerEvent> listener = testKit.createTestProbe();
    testKit.spawn(Dinner.create(settings, Trace.start("test"), listener.getRef()), settings.dispatcherSelector());
    List<DinnerEvent> events = new ArrayList<>();
    while (true) {
      DinnerEvent e = listener.receiveMessage(Duration.ofSeconds(60));
      events.add(e);
      if (e instanceof DinnerEvent.Outcome) {
        return events;
      }
    }
  }

  static DinnerEvent.DinnerDone done(PhilosophersSettings settings) {
    List<DinnerEvent> events = run(settings);
    return assertInstanceOf(DinnerEvent.DinnerDone.class, events.get(events.size() - 1));
  }

  static PhilosophersSettings timeless(int faculty, int servings) {
    return timeless(faculty, servings, Map.of());
  }

  /** A quiet, checked dinner of {@code faculty} that takes no time, with these overrides. */
  static PhilosophersSettings timeless(int faculty, int servings, Map<String, ?> more) {
    Map<String, Object> s = new HashMap<>();
    s.putAll(Map.of("faculty", faculty, "servings", servings, "eat", "0", "think", "0"));
    s.putAll(Map.of("quiet", true, "check", true, "seed", 42));
    s.putAll(more);
    return PhilosophersTesting.settings(s);
  }

  static void assertRulesKept(DinnerEvent.DinnerDone d, int faculty, int servings) {
    TableCheck.Verdict v = d.check();
    assertTrue(v.ok(), () -> v.violationCount() + " broken rules: " + v.violations());
    assertEquals((long) faculty * servings, d.meals());
    assertEquals((long) faculty * servings, v.meals(), "the observer saw every meal");
    assertTrue(v.maxSeated() <= faculty - 1, "seated at most faculty - 1: " + v.maxSeated());
    d.mealsEach().forEach(n -> assertEquals(servings, n));
    assertEquals(0, d.refused());
  }

  @Test
  void fivePhilosophersEat100000TimelessMealsWithoutBreakingARule() {
    DinnerEvent.DinnerDone d = done(timeless(5, 20_000));
    assertRulesKept(d, 5, 20_000);
    assertEquals(4, d.check().maxSeated(), "the footman's four seats were all used");
  }

  @Test
  void aThousandPhilosophersEat10000MealsWithoutBreakingARule() {
    DinnerEvent.DinnerDone d = done(timeless(1_000, 10));
    assertRulesKept(d, 1_000, 10);
  }

  /** The events with every batch opened, in order. */
  static List<DinnerEvent> flat(List<DinnerEvent> events) {
    List<DinnerEvent> out = new ArrayList<>();
    for (DinnerEvent e : events) {
      if (e instanceof DinnerEvent.Batch b) {
        out.addAll(b.events());
      } else {
        out.add(e);
      }
    }
    return out;
  }

  /** Checks the chapter's lines of {@code servings} servings; returns each serving's results. */
  static List<List<DinnerEvent.Result>> assertChaptersLines(List<DinnerEvent> events, int servings, double maxSeconds) {
    List<List<DinnerEvent.Result>> served = new ArrayList<>();
    int[] state = new int[5]; // 0 waiting, 1 eating, 2 philosophizing
    for (DinnerEvent e : flat(events)) {
      if (e instanceof DinnerEvent.Eating x) {
        assertEquals(0, state[x.philosopher()]++, "philosopher " + x.philosopher() + " eats once per serving");
      } else if (e instanceof DinnerEvent.Philosophizing x) {
        assertEquals(1, state[x.philosopher()]++, "philosopher " + x.philosopher() + " philosophizes after eating");
      } else if (e instanceof DinnerEvent.Served x) {
        for (int p = 0; p < 5; p++) {
          assertEquals(2, state[p], "every philosopher is done before serving " + x.serving() + " is reported");
          assertEquals(p, x.results().get(p).philosopher());
          assertTrue(x.results().get(p).eat() <= maxSeconds && x.results().get(p).think() <= maxSeconds);
        }
        state = new int[5];
        served.add(x.results());
      }
    }
    assertEquals(servings, served.size());
    return served;
  }

  @Test
  void theChaptersLinesComeInOrderAndEachServingsResultsComeInIdOrder() {
    PhilosophersSettings s =
        PhilosophersTesting.settings(Map.of("faculty", 5, "servings", 3, "eat", "0..2ms", "think", "0..2ms", "seed", 7));
    List<DinnerEvent> events = run(s);
    List<List<DinnerEvent.Result>> served = assertChaptersLines(events, 3, 0.002);
    DinnerEvent.DinnerDone d = assertInstanceOf(DinnerEvent.DinnerDone.class, events.get(events.size() - 1));
    assertEquals(served, d.results(), "a small dinner keeps its results for the summary");

    // The seed fixes every philosopher's draws, whatever order they dine in.
    assertEquals(d.results(), done(s.withQuiet(true)).results());
  }

  @Test
  void aTimelessDinnerSendsEachServingsLinesInOneBatch() {
    List<DinnerEvent> events = run(timeless(5, 50, Map.of("quiet", false, "check", false)));
    assertEquals(51, events.size(), "a batch per serving, then the summary");
    events.subList(0, 50).forEach(e -> assertEquals(11, ((DinnerEvent.Batch) e).events().size()));
    assertChaptersLines(events, 50, 0);
  }

  @Test
  void theNaiveTableDeadlocksAndTheWatchdogNamesTheCycleRoundTheTable() {
    PhilosophersSettings s =
        timeless(5, 1_000, Map.of("check", false, "footman", false, "deadlock-after", "100ms"));
    List<DinnerEvent> events = run(s);
    DinnerEvent.Deadlocked d = assertInstanceOf(DinnerEvent.Deadlocked.class, events.get(events.size() - 1));
    assertTrue(d.idleNanos() >= 100_000_000L, "no one ate for the deadlock-after time: " + d.idleNanos());
    assertEquals(5, d.cycle().size(), d.cycle().toString());
    for (int p = 0; p < 5; p++) {
      // each holds its first fork (its own) and waits for its second, held by the next one
      assertEquals(new WaitFor.Link(p, p, (p + 1) % 5, (p + 1) % 5), d.cycle().get(p));
    }
  }

  @Test
  void philosophersThatFailAreStartedAgainAndTheirForksAndSeatsComeBack() {
    DinnerEvent.DinnerDone d = done(timeless(5, 2_000, Map.of("fail-rate", 0.2)));
    assertRulesKept(d, 5, 2_000);
    assertTrue(d.restarts() > 1_000, "about 20% of 10,000 meals failed: " + d.restarts());
    assertEquals(d.restarts(), d.seatsReclaimed(), "every failure happens seated, and the seat comes back");
    assertTrue(d.forksReclaimed() > d.restarts() / 2, "failures holding forks gave them back: " + d.forksReclaimed());
  }

  @Test
  void diningContinuouslySharesTheMealsFairly() {
    DinnerEvent.DinnerDone d = done(timeless(5, 0, Map.of("continuous", "300ms")));
    assertTrue(d.check().ok(), d.check().violations().toString());
    long min = d.mealsEach().stream().mapToLong(Long::longValue).min().orElseThrow();
    long max = d.mealsEach().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(min > 100, "everyone ate: " + d.mealsEach());
    assertTrue(max - min <= max / 50, "the forks and the footman serve first come, first served: " + d.mealsEach());
    assertEquals(d.meals(), d.mealsEach().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void noServingsIsADinnerOverAtOnce() {
    DinnerEvent.DinnerDone d = done(timeless(5, 0));
    assertEquals(0, d.meals());
    assertTrue(d.check().ok(), d.check().violations().toString());
  }
}
