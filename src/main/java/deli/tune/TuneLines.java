package deli.tune;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.Console.Output;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code deli tune} prints for each event of a {@link TuneRun}: the book's line per trial
 * on stdout (as completed, or in grid order with --sorted; none with --quiet; one JSON document
 * with --json), then on stderr the best trial and the time, as the book prints them. Pure.
 */
final class TuneLines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How to print: the flags, and the data's sizes for the summary line. */
  record Mode(boolean sorted, boolean quiet, boolean json, boolean progress, Grid grid, int training, int testing) {}

  private TuneLines() {}

  static Output render(TuneRun.Event event, Mode mode) {
    if (event instanceof TuneRun.TrialsDone d) {
      List<String> out = new ArrayList<>();
      if (!mode.sorted() && !mode.quiet() && !mode.json()) {
        d.trials().forEach(t -> out.add(t.line()));
      }
      return new Output(out, List.of(), null, mode.progress() ? "deli tune: " + d.done() + " of " + d.total() + " trials" : null);
    }
    if (event instanceof TuneRun.CellsDone c) {
      return new Output(List.of(), List.of(), null, mode.progress() ? "deli tune: " + c.done() + " of " + c.total() + " cells" : null);
    }
    if (event instanceof TuneRun.RoundDone r) {
      return Output.warning(
          String.format(
              java.util.Locale.ROOT, "deli tune: round %d of %d: %d trials in %.1f ms", r.round(), r.rounds(), r.trials(), r.nanos() / 1e6));
    }
    if (event instanceof TuneRun.Failed f) {
      return new Output(List.of(), List.of("deli tune: " + f.reason()), 1);
    }
    TuneRun.Finished f = (TuneRun.Finished) event;
    List<String> out = new ArrayList<>();
    if (mode.json()) {
      try {
        out.add(JSON.writeValueAsString(TuneAnswer.of(f.trials(), mode.grid(), f.batchesByNode(), mode.training(), mode.testing(), f.nanos())));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (mode.sorted() && !mode.quiet()) {
      f.trials().stream().sorted(Trial.inGridOrder(mode.grid())).forEach(t -> out.add(t.line()));
    }
    return new Output(out, summary(f, mode), 0);
  }

  /** The book's two lines on stderr. */
  static List<String> summary(TuneRun.Finished f, Mode mode) {
    Trial best = Trial.best(f.trials(), mode.grid());
    return List.of(
        "best: k=" + best.k() + " " + best.distance() + " quality=" + PyFloats.fixed3(best.quality()) + "; "
            + count(f.trials().size(), "hyperparameter") + ", " + mode.training() + " training and "
            + count(mode.testing(), "testing sample"),
        "Training Complete: " + Math.round(f.nanos() / 1e6) + " ms");
  }

  /** "1 hyperparameter", "80 hyperparameters". */
  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
