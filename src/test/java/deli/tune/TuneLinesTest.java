package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.Console.Output;
import deli.trace.Trace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code deli tune} prints for each event, by its flags. */
class TuneLinesTest {
  static final Grid GRID = Grid.of(1, 3, 2, List.of(Distance.ED, Distance.MD));
  static final List<Trial> TRIALS =
      List.of(new Trial(3, Distance.MD, 29, 30), new Trial(1, Distance.ED, 30, 30), new Trial(1, Distance.MD, 28, 30), new Trial(3, Distance.ED, 27, 30));

  static TuneLines.Mode mode(boolean sorted, boolean quiet, boolean progress) {
    return new TuneLines.Mode(sorted, quiet, false, progress, GRID, 120, 30);
  }

  @Test
  void trialsArePrintedAsTheyCompleteUnlessSortedOrQuiet() {
    TuneRun.TrialsDone done = new TuneRun.TrialsDone(Trace.here(), TRIALS.subList(0, 2), 2, 4);
    assertEquals(List.of(" 3 MD 0.967", " 1 ED 1.000"), TuneLines.render(done, mode(false, false, false)).out());
    assertEquals(List.of(), TuneLines.render(done, mode(true, false, false)).out());
    assertEquals(List.of(), TuneLines.render(done, mode(false, true, false)).out());
    assertNull(TuneLines.render(done, mode(false, false, false)).status());
    assertEquals("deli tune: 2 of 4 trials", TuneLines.render(done, mode(false, false, true)).status());
  }

  @Test
  void progressCountsCellsOnlyWhenAskedFor() {
    TuneRun.CellsDone cells = new TuneRun.CellsDone(Trace.here(), 64, 240);
    Output shown = TuneLines.render(cells, mode(false, false, true));
    assertEquals("deli tune: 64 of 240 cells", shown.status());
    assertTrue(shown.out().isEmpty() && shown.err().isEmpty());
    assertNull(shown.exitCode(), "progress does not end the command");
    assertNull(TuneLines.render(cells, mode(false, false, false)).status());
  }

  @Test
  void theEndPrintsSortedTrialsInGridOrderThenTheBestAndTheTime() {
    TuneRun.Finished end = new TuneRun.Finished(Trace.here(), TRIALS, 12_400_000, Map.of());
    Output sorted = TuneLines.render(end, mode(true, false, false));
    // By k, then the distances in the order given, as --sorted promises.
    assertEquals(List.of(" 1 ED 1.000", " 1 MD 0.933", " 3 ED 0.900", " 3 MD 0.967"), sorted.out());
    assertEquals(
        List.of("best: k=1 ED quality=1.000; 4 hyperparameters, 120 training and 30 testing samples", "Training Complete: 12 ms"),
        sorted.err());
    assertEquals(0, sorted.exitCode());
    assertEquals(List.of(), TuneLines.render(end, mode(false, false, false)).out(), "printed as they completed already");
  }

  @Test
  void oneTrialOrOneTestingSampleIsSaidInTheSingular() {
    Grid one = Grid.of(1, 1, 2, List.of(Distance.CD));
    TuneRun.Finished end = new TuneRun.Finished(Trace.here(), List.of(new Trial(1, Distance.CD, 1, 1)), 3_000_000, Map.of());
    assertEquals("best: k=1 CD quality=1.000; 1 hyperparameter, 4 training and 1 testing sample",
        TuneLines.render(end, new TuneLines.Mode(false, false, false, false, one, 4, 1)).err().get(0));
  }
}
