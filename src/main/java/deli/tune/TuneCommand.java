package deli.tune;

import deli.core.Session;
import deli.core.SharedFlags;
import deli.spread.SpreadSettings;
import deli.trace.Trace;
import deli.trace.TraceOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deli tune}: the chapter's case study, k-NN hyperparameter tuning, as actors. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tune k-NN's hyperparameters (k and the distance) on a data set, as the chapter's case study does.",
      "",
      "Each hyperparameter (k, distance) classifies every testing sample by its k nearest training "
          + "samples; its quality is the fraction right. Row n of the data (0-based, blank lines skipped) "
          + "tests when n %% TEST-EVERY == 0 and trains otherwise. The answers are exactly the book's, ties "
          + "included: neighbours sort by distance, then by the training row's features, then its label; "
          + "a tie in votes goes to the label seen first among the k nearest.",
      "",
      "The grid is spread over a pool of workers on the CPU dispatcher; each worker orders a testing "
          + "sample's neighbours once for every k. One line per trial as it completes "
          + "(' 7 CD 1.000': k, distance, quality), then on stderr the best and 'Training Complete: N ms' "
          + "(from the data read and the actors up to the last result).",
      "",
      "Distances: ED Euclidean, MD Manhattan, CD Chebyshev, SD Sorensen.",
      "",
      "Exit codes: 0 done; 1 the data cannot be used (one line naming the file, line and column); 2 a usage error."
    },
    footer = {
      "",
      "Examples:",
      "  deli tune                                  the book's grid on Iris (80 trials)",
      "  deli tune --sorted --k 1..9 --distances ED,MD",
      "  deli tune digits.csv --workers 2 --quiet   the best trial and the time only",
      "  deli tune data.csv --json                  every trial as one JSON document"
    })
public final class TuneCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TraceOptions common;

  @Parameters(
      paramLabel = "DATA",
      arity = "0..1",
      description = "A CSV file: numeric feature columns, then the label; no header. Default: the Iris data shipped in deli.")
  Path data;

  @Option(names = "--k", paramLabel = "FROM..TO", description = "The values of k to try, both ends included. Default: 1..39.")
  String k = "1..39";

  @Option(names = "--step", paramLabel = "S", description = "The step between values of k. Default: 2.")
  int step = 2;

  @Option(names = "--distances", paramLabel = "D,D", description = "The distances to try, in this order. Default: ED,MD,CD,SD.")
  String distances = "ED,MD,CD,SD";

  @Option(names = "--test-every", paramLabel = "N", description = "Row n tests when n %% N == 0, trains otherwise. Default: 5.")
  int testEvery = 5;

  @Mixin SharedFlags.Workers workers;

  @Option(names = "--sorted", description = "Print the trials by k, then distance in the order given (default: as they complete, like the book).")
  boolean sorted;

  @Option(names = "--json", description = "Print every trial, the best and the time as one JSON document, as POST /tune answers.")
  boolean json;

  @Option(names = "--quiet", description = "Print no trial lines: only the best and the time, on stderr.")
  boolean quiet;

  @Mixin SharedFlags.Progress progress;

  @Mixin SharedFlags.Repeat repeat;

  @Override
  public Integer call() {
    int rounds = repeat.rounds();
    Grid grid = grid();
    if (testEvery < 1) {
      throw usage("--test-every must be 1 or more, not " + testEvery);
    }
    workers.check();
    // The data is read on a thread of its own while the configuration loads: each takes about a
    // tenth of a second of a cold start. A flag's error is still said first, the data's next.
    Path file = data;
    int every = testEvery;
    CompletableFuture<Dataset> reading = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        reading.complete(file == null ? DataFile.iris(every) : DataFile.read(file, every));
      } catch (RuntimeException e) {
        reading.completeExceptionally(e);
      }
    }, "deli-tune-read");
    reader.setDaemon(true);
    reader.start();
    var config = TuneSettings.OPTIONS.load(spec);
    TuneSettings settings = TuneSettings.from(config.getConfig("deli.tune"));
    SpreadSettings spread = SpreadSettings.from(config.getConfig("deli.cluster"), "tune");
    Trace flow = common.startFlow(config, "cli", System.err);
    Dataset dataset = read(reading);
    String tooFew = Tuning.checkK(dataset, grid);
    if (tooFew != null) {
      throw new DataError(tooFew);
    }
    TuneLines.Mode mode =
        new TuneLines.Mode(
            sorted, quiet, json, progress.on(), grid, dataset.training().size(), dataset.testing().size());
    int workerCount = settings.workers();
    return Session.run(
        Session.<TuneRun.Event>oneShot(
            "tune", e -> TuneLines.render(e, mode), console -> TuneRun.create(flow, dataset, grid, workerCount, rounds, spread, console)),
        config,
        130);
  }

  /** The data read on its own thread, or its error as the reader raised it. */
  private static Dataset read(CompletableFuture<Dataset> reading) {
    try {
      return reading.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** The grid the flags ask for; a usage error names the flag. */
  private Grid grid() {
    try {
      return Grid.parse(k, step, List.of(distances.split(",", -1)), Grid.Names.FLAGS);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
