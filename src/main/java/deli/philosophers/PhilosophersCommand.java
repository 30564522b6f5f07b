package deli.philosophers;

import deli.core.Flags;
import deli.trace.TraceOptions;
import deli.core.Durations;
import deli.core.Session;
import deli.trace.Trace;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @Mixin Flags flags = new Flags(PhilosophersSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Override
  public Integer call() {
    Optional<Duration> continuous = flags.given("continuous").map(Duration.class::cast);
    if (continuous.isPresent() && (continuous.get().isZero() || continuous.get().isNegative())) {
      throw flags.error("--continuous must be more than 0, not " + Durations.format(continuous.get()));
    }
    if (continuous.isPresent() && flags.given("servings").isPresent()) {
      throw flags.error("give --servings or --continuous, not both");
    }
    var config = flags.load();
    // No one watches a terminal's dinner from a page: it never samples its table.
    PhilosophersSettings settings =
        flags.settings(config, PhilosophersSettings::from).withSample(Duration.ZERO);
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
