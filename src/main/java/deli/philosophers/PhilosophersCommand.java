package deli.philosophers;

import deli.core.Cli;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.DurationRange;
import deli.core.Durations;
import deli.core.Session;
import deli.trace.Trace;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    PhilosophersSettings settings = PhilosophersSettings.OPTIONS.settings(spec, config, PhilosophersSettings::from);
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
              (DinnerEvent e) -> render(e, terminal),
              console -> Dinner.create(settings, flow, console),
              out,
              System.err,
              Dinner.dispatcher(settings)),
          config,
          130);
    } finally {
      out.flush();
    }
  }

  /** The chapter's lines, a progress line on a terminal, and the summary at the end. */
  static Output render(DinnerEvent event, boolean terminal) {
    if (event instanceof DinnerEvent.Eating e) {
      return Output.line(e.philosopher() + " eating");
    }
    if (event instanceof DinnerEvent.Philosophizing p) {
      return Output.line(p.philosopher() + " philosophizing");
    }
    if (event instanceof DinnerEvent.Served s) {
      return Output.line(results(s.results()));
    }
    if (event instanceof DinnerEvent.Batch b) {
      List<String> lines = new ArrayList<>(b.events().size());
      b.events().forEach(e -> lines.addAll(render(e, terminal).out()));
      return Output.lines(lines);
    }
    if (event instanceof DinnerEvent.Progress p) {
      return terminal ? Output.warning(progress(p)) : Output.none();
    }
    if (event instanceof DinnerEvent.Deadlocked d) {
      return Output.end(deadlock(d), DEADLOCK);
    }
    DinnerEvent.DinnerDone done = (DinnerEvent.DinnerDone) event;
    boolean broken = done.refused() > 0 || (done.check() != null && !done.check().ok());
    return Output.end(summary(done), broken ? 1 : 0);
  }

  /** {@code [(0, 1.548, 1.042), (1, 1.230, 1.880)]}, like Python prints the gathered tuples. */
  static String results(List<DinnerEvent.Result> results) {
    StringBuilder b = new StringBuilder(results.size() * 24).append('[');
    for (int i = 0; i < results.size(); i++) {
      DinnerEvent.Result r = results.get(i);
      if (i > 0) {
        b.append(", ");
      }
      b.append('(').append(r.philosopher()).append(", ");
      seconds(b, r.eat()).append(", ");
      seconds(b, r.think()).append(')');
    }
    return b.append(']').toString();
  }

  /** {@code 1.548}: seconds to the millisecond, without String.format (a line per serving). */
  static StringBuilder seconds(StringBuilder b, double seconds) {
    long millis = Math.round(seconds * 1000);
    long frac = millis % 1000;
    b.append(millis / 1000).append('.');
    if (frac < 100) {
      b.append('0');
    }
    if (frac < 10) {
      b.append('0');
    }
    return b.append(frac);
  }

  static String progress(DinnerEvent.Progress p) {
    double perSecond = p.nanos() == 0 ? 0 : p.meals() * 1e9 / p.nanos();
    String of = p.expected() >= 0 ? String.format(Locale.ROOT, " of %,d", p.expected()) : "";
    return String.format(Locale.ROOT, "deli philosophers: %,d%s meals (%s meals/s)", p.meals(), of, rate(perSecond));
  }

  static List<String> deadlock(DinnerEvent.Deadlocked d) {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "deadlock: no one has eaten for %.1f s; each philosopher holds a fork and waits for the next one's:",
            d.idleNanos() / 1e9));
    d.cycle().forEach(link -> lines.add("  " + link));
    String before =
        d.meals() == 0
            ? "the table deadlocked before anyone ate"
            : String.format(
                Locale.ROOT,
                "%,d %s eaten (%,d full %s) before the table deadlocked",
                d.meals(),
                d.meals() == 1 ? "meal was" : "meals were",
                d.servingsDone(),
                d.servingsDone() == 1 ? "serving" : "servings");
    lines.add(before + "; a footman, who seats at most " + (d.faculty() - 1) + ", prevents it (drop --no-footman)");
    return lines;
  }

  static List<String> summary(DinnerEvent.DinnerDone d) {
    List<String> lines = new ArrayList<>();
    String table = d.footman() ? "with a footman seating " + (d.faculty() - 1) : "at the naive table";
    String how =
        d.continuous().isZero()
            ? String.format(Locale.ROOT, "%,d %s", d.servings(), d.servings() == 1 ? "serving" : "servings")
            : "continuously for " + Durations.format(d.continuous());
    lines.add(
        String.format(
            Locale.ROOT,
            "%,d philosophers dined %s %s: %,d meals in %.3f s (%s meals/s)",
            d.faculty(),
            how,
            table,
            d.meals(),
            d.nanos() / 1e9,
            rate(d.mealsPerSecond())));
    if (!d.continuous().isZero()) {
      lines.add(fairness(d.mealsEach()));
    }
    if (d.restarts() > 0) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%,d philosophers failed and were started again; %,d forks and %,d seats came back from them",
              d.restarts(),
              d.forksReclaimed(),
              d.seatsReclaimed()));
    }
    if (d.check() != null) {
      lines.addAll(check(d));
    }
    if (d.refused() > 0) {
      lines.add("ERROR: " + d.refused() + " puts or releases were refused as protocol errors (see the log)");
    }
    return lines;
  }

  /** {@code 512,004}, or {@code 0.54} for a dinner at the chapter's pace. */
  static String rate(double perSecond) {
    return String.format(Locale.ROOT, perSecond < 100 ? "%.2f" : "%,.0f", perSecond);
  }

  static String fairness(List<Long> mealsEach) {
    int lo = 0;
    int hi = 0;
    for (int i = 1; i < mealsEach.size(); i++) {
      lo = mealsEach.get(i) < mealsEach.get(lo) ? i : lo;
      hi = mealsEach.get(i) > mealsEach.get(hi) ? i : hi;
    }
    long min = mealsEach.get(lo);
    long max = mealsEach.get(hi);
    return String.format(
        Locale.ROOT,
        "meals per philosopher: %,d (philosopher %d) to %,d (philosopher %d); fairness max/min %s",
        min,
        lo,
        max,
        hi,
        min == 0 ? "infinite" : String.format(Locale.ROOT, "%.4f", (double) max / min));
  }

  static List<String> check(DinnerEvent.DinnerDone d) {
    TableCheck.Verdict v = d.check();
    if (v.ok()) {
      String seats = d.footman() ? "at most " + v.maxSeated() + " of " + d.faculty() + " sat at once, " : "";
      String servings = d.continuous().isZero() ? "each ate once in every serving, " : "";
      return List.of(
          String.format(
              Locale.ROOT,
              "checked %,d state changes: no neighbours ate at once, no fork was in two hands, %s%severy fork and seat came back",
              v.events(),
              seats,
              servings));
    }
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "CHECK FAILED: %,d broken rules in %,d state changes:", v.violationCount(), v.events()));
    v.violations().forEach(s -> lines.add("  " + s));
    return lines;
  }
}
