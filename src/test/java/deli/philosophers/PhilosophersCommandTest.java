package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.trace.Trace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhilosophersCommandTest {
  private static final Trace T = Trace.start("test");

  @Test
  void eachServingsResultsPrintLikeThePythonTuplesToTheMillisecond() {
    List<DinnerEvent.Result> results =
        List.of(new DinnerEvent.Result(0, 1.5485, 1.0424), new DinnerEvent.Result(1, 0.0, 2.0), new DinnerEvent.Result(2, 1.0099, 0.0005));
    assertEquals("[(0, 1.549, 1.042), (1, 0.000, 2.000), (2, 1.010, 0.001)]", DinnerLines.results(results));
  }

  @Test
  void aContinuousDinnerSaysHowFairlyTheMealsWereShared() {
    assertEquals(
        "meals per philosopher: 98 (philosopher 2) to 101 (philosopher 0); fairness max/min 1.0306",
        DinnerLines.fairness(List.of(101L, 100L, 98L, 99L)));
    assertEquals(
        "meals per philosopher: 0 (philosopher 1) to 3 (philosopher 0); fairness max/min infinite",
        DinnerLines.fairness(List.of(3L, 0L)));
  }

  @Test
  void theSummarySaysWhatHappenedAndATimelessBatchPrintsItsLinesInOrder() {
    DinnerEvent.DinnerDone done =
        new DinnerEvent.DinnerDone(T, 5, 2, true, Duration.ZERO, 10, 2_000_000_000L, List.of(2L, 2L, 2L, 2L, 2L), List.of(), 3, 4, 3, 0, 1, null);
    assertEquals(
        List.of(
            "5 philosophers dined 2 servings with a footman seating 4: 10 meals in 2.000 s (5.00 meals/s)",
            "3 philosophers failed and were started again; 4 forks and 3 seats came back from them"),
        DinnerLines.render(done, false).out());
    assertEquals(0, DinnerLines.render(done, false).exitCode());

    DinnerEvent.Batch batch =
        new DinnerEvent.Batch(T, List.of(new DinnerEvent.Eating(T, 3), new DinnerEvent.Philosophizing(T, 3), new DinnerEvent.Served(T, 1, List.of(new DinnerEvent.Result(3, 0, 0)))));
    assertEquals(List.of("3 eating", "3 philosophizing", "[(3, 0.000, 0.000)]"), DinnerLines.render(batch, false).out());
  }

  @Test
  void aBrokenRuleOrARefusedPutEndsTheCommandWithOne() {
    TableCheck.Verdict broken = new TableCheck.Verdict(T, 100, 10, 5, 1, List.of("5 philosophers seated at once, more than the 4 seats"));
    DinnerEvent.DinnerDone done =
        new DinnerEvent.DinnerDone(T, 5, 2, true, Duration.ZERO, 10, 1, List.of(2L, 2L, 2L, 2L, 2L), List.of(), 0, 0, 0, 0, 1, broken);
    var out = DinnerLines.render(done, false);
    assertEquals(1, out.exitCode());
    assertEquals("CHECK FAILED: 1 broken rules in 100 state changes:", out.out().get(1));
    assertEquals("  5 philosophers seated at once, more than the 4 seats", out.out().get(2));
  }
}
