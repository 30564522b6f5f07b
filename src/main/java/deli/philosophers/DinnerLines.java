package deli.philosophers;

import deli.core.Console.Output;
import deli.core.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code deli philosophers} prints of a dinner's events: the chapter's lines, a progress
 * line on a terminal, the deadlock's cycle, and the summary with its exit code.
 */
final class DinnerLines {
  private DinnerLines() {}

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
      return Output.end(deadlock(d), PhilosophersCommand.DEADLOCK);
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
