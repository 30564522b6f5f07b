package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DurationRange;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FixturePlanTest {
  @Test
  void faultsAreWrittenCodeEqualsWhatWithAnOptionalCount() {
    assertEquals(new Fault("anz540", Fault.Kind.STATUS, 404, Duration.ZERO, 0), Fault.parse("ANZ540=404"));
    assertEquals(new Fault("anz534", Fault.Kind.STATUS, 500, Duration.ZERO, 2), Fault.parse("anz534.txt=500*2"));
    assertEquals(new Fault("anz533", Fault.Kind.DELAY, 0, Duration.ofSeconds(3), 0), Fault.parse("anz533=3s"));
    assertEquals(new Fault("anz536", Fault.Kind.CUT, 0, Duration.ZERO, 1), Fault.parse("anz536=cut*1"));
    assertEquals(new Fault("anz537", Fault.Kind.MOVED, 301, Duration.ZERO, 0), Fault.parse("anz537=moved"));
    assertEquals("anz534=500*2", Fault.parse("anz534=500*2").toString());
    for (String bad : List.of("anz540", "anz540=soon", "anz540=99", "anz540=404*0", "=404")) {
      assertThrows(IllegalArgumentException.class, () -> Fault.parse(bad), bad);
    }
  }

  @Test
  void aCountedFaultHitsTheFirstRequestsThenTheFileIsServed() {
    FixturePlan plan = new FixturePlan(DurationRange.parse("0"), 0, List.of(Fault.parse("anz534=500*2")), new SplittableRandom(1));
    assertEquals(FixturePlan.Action.STATUS, plan.decide("anz534").action());
    assertEquals(500, plan.decide("anz534").status());
    assertEquals(FixturePlan.Action.SERVE, plan.decide("anz534").action());
    assertEquals(FixturePlan.Action.SERVE, plan.decide("anz531").action());
  }

  @Test
  void aDelayFaultAddsToTheLatencyAndTheFailureRateAnswers503() {
    FixturePlan slow = new FixturePlan(DurationRange.parse("50ms"), 0, List.of(Fault.parse("anz533=3s")), new SplittableRandom(1));
    assertEquals(Duration.ofMillis(3050), slow.decide("anz533").delay());
    assertEquals(Duration.ofMillis(50), slow.decide("anz531").delay());
    FixturePlan failing = new FixturePlan(DurationRange.parse("0"), 1.0, List.of(), new SplittableRandom(1));
    assertEquals(new FixturePlan.Decision(Duration.ZERO, FixturePlan.Action.STATUS, 503), failing.decide("anz531"));
    FixturePlan tenth = new FixturePlan(DurationRange.parse("0"), 0.1, List.of(), new SplittableRandom(1));
    long failed = 0;
    for (int i = 0; i < 10_000; i++) {
      failed += tenth.decide("anz531").action() == FixturePlan.Action.STATUS ? 1 : 0;
    }
    assertTrue(failed > 800 && failed < 1200, failed + " of 10,000 failed at 0.1");
  }
}
