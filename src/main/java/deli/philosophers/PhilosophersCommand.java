package deli.philosophers;

import deli.core.Cli;
import deli.trace.TraceOptions;
import deli.core.DurationRange;
import deli.core.Durations;
import deli.core.Session;
import deli.trace.Trace;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code deli philosophers}: the chapter's dining philosophers, as actors. */
@Command(
    name = "philosophers",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Dining philosophers: a footman seats faculty-1 at once (the chapter's semaphore).",
      "",
      "The chapter's dining philosophers (section \"Контрольная задача обедающих философов\"): "
          + "Philosopher actors share Fork actors around a round table, and a Footman actor seats at "
          + "most faculty-1 of them at once, so the table never deadlocks. Each serving, every "
          + "philosopher gets a seat, takes fork id then fork id+1, eats, puts them down, "
          + "philosophizes and gives the seat back.",
      "",
      "Prints '<id> eating' and '<id> philosophizing' as they happen, each serving's "
          + "(id, eat_time, think_time) in id order, then a summary. --eat 0 --think 0 makes the "
          + "dinner timeless, pure message passing; add --quiet for speed.",
      "",
      "Exit codes: 0 the dinner is over; 1 a failure (or a broken rule, with --check); "
          + "2 a usage error; 3 the naive table (--no-footman) deadlocked."
    })
public final class PhilosophersCommand implements Callable<Integer> {
  /** The exit code of a deadlocked table. */
  public static final int DEADLOCK = 3;

  @Spec CommandSpec spec;
  @Mixin TraceOptions common;

  @Option(names = "--faculty", paramLabel = "N", description = "Philosophers at the table, and forks (2 to 100,000). Default: 5.")
  Integer faculty;

  @Option(names = "--servings", paramLabel = "N", description = "Servings: each philosopher eats once per serving (0 to 1,000,000). Default: 5.")
  Integer servings;

  @Option(
      names = "--eat",
      paramLabel = "RANGE",
      converter = Cli.RangeConverter.class,
      description = "Time to eat, drawn per meal. Default: 1s..2s, the chapter's 1 + random().")
  DurationRange eat;

  @Option(
      names = "--think",
      paramLabel = "RANGE",
      converter = Cli.RangeConverter.class,
      description = "Time to philosophize after eating, drawn per meal. Default: 1s..2s.")
  DurationRange think;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for the draws, to repeat a run's times.")
  Long seed;

  @Option(
      names = "--no-footman",
      description = "The naive table: no footman, everyone sits. It deadlocks, every philosopher holding one fork; "
          + "the watchdog then prints the wait-for cycle and deli exits with code 3.")
  boolean noFootman;

  @Option(
      names = "--deadlock-after",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description = "At the naive table, look for a deadlock once no one has eaten for this long (0: never). Default: 2s.")
  Duration deadlockAfter;

  @Option(
      names = "--fail-rate",
      paramLabel = "P",
      description = "Chance (0 to below 1) that a philosopher fails after getting its seat or a fork, before eating; "
          + "it is started again and its forks and seat come back. Default: 0.")
  Double failRate;

  @Option(
      names = "--continuous",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description = "Dine without servings for this long (more than 0): everyone eats again as soon as it has reported. "
          + "Prints meals per philosopher and the fairness (max/min).")
  Duration continuous;

  @Option(
      names = "--check",
      description = "Send every state change (seats, forks, eating) to an observer that checks the rules: "
          + "no neighbours eat at once, no fork in two hands, at most faculty-1 seated, one meal per serving.")
  boolean check;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary: no per-meal lines, no per-serving results.")
  boolean quiet;

  @Override
  public Integer call() {
    if (continuous != null && (continuous.isZero() || continuous.isNegative())) {
      throw new ParameterException(spec.commandLine(), "--continuous must be more than 0, not " + Durations.format(continuous));
    }
    if (servings != null && continuous != null) {
      throw new ParameterException(spec.commandLine(), "give --servings or --continuous, not both");
    }
    var config = PhilosophersSettings.OPTIONS.load(spec);
    // No one watches a terminal's dinner from a page: it never samples its table.
    PhilosophersSettings settings =
        PhilosophersSettings.OPTIONS.settings(spec, config, PhilosophersSettings::from).withSample(java.time.Duration.ZERO);
    Trace flow = common.startFlow(config, "cli", System.err);
    boolean terminal = System.console() != null;
    // System.out flushes at every println, a write(2) per line: a timeless dinner prints a
    // million lines. This stdout is flushed by the console, every 50 ms and at the end.
    System.out.flush();
    PrintStream out =
        deli.core.Console.stdout();
    try {
      return Session.run(
          Session.oneShot(
              "dinner",
              (DinnerEvent e) -> DinnerLines.render(e, terminal),
              console -> Dinner.create(settings, flow, console),
              out,
              System.err,
              settings.dispatcherSelector()),
          config,
          130);
    } finally {
      out.flush();
    }
  }
}
