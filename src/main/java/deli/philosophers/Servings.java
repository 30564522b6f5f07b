package deli.philosophers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The meals of a dinner, counted: who ate how often, and, for a dinner of servings, which
 * serving is on and each philosopher's meal in it. A serving is over when every philosopher
 * has eaten once; its results are kept for the summary when the dinner is small enough.
 */
final class Servings {
  private final int faculty;
  private final int servings;
  private final boolean keep;
  private final long[] mealsEach;
  private final DinnerEvent.Result[] results;
  private final List<List<DinnerEvent.Result>> kept = new ArrayList<>();
  private int serving;
  private int reported;
  private long meals;

  /** The meals of a dinner of {@code settings}, keeping results when at most {@code keepUpTo} meals. */
  static Servings of(PhilosophersSettings settings, int keepUpTo) {
    boolean continuous = settings.isContinuous();
    return new Servings(settings.faculty(), continuous ? 0 : settings.servings(), !continuous && settings.meals() <= keepUpTo);
  }

  /**
   * @param servings how many servings (0 for a dinner bounded by time)
   * @param keep whether each serving's results are kept for the summary
   */
  Servings(int faculty, int servings, boolean keep) {
    this.faculty = faculty;
    this.servings = servings;
    this.keep = keep;
    this.mealsEach = new long[faculty];
    this.results = new DinnerEvent.Result[faculty];
  }

  /** Starts the next serving; false when every serving was served. */
  boolean next() {
    serving++;
    if (serving > servings) {
      return false;
    }
    reported = 0;
    Arrays.fill(results, null);
    return true;
  }

  /** Philosopher {@code id} ate (in a dinner bounded by time: no serving to fill). */
  void ate(int id) {
    mealsEach[id]++;
    meals++;
  }

  /**
   * Philosopher {@code id} ate its meal of this serving; the serving's results when that was the
   * last meal of it.
   */
  Optional<List<DinnerEvent.Result>> served(int id, double eat, double think) {
    ate(id);
    results[id] = new DinnerEvent.Result(id, eat, think);
    if (++reported < faculty) {
      return Optional.empty();
    }
    List<DinnerEvent.Result> round = List.of(results);
    if (keep) {
      kept.add(round);
    }
    return Optional.of(round);
  }

  /** The serving on now (1 for the first). */
  int serving() {
    return serving;
  }

  long meals() {
    return meals;
  }

  long mealsOf(int id) {
    return mealsEach[id];
  }

  List<Long> mealsEach() {
    List<Long> each = new ArrayList<>(faculty);
    for (long n : mealsEach) {
      each.add(n);
    }
    return each;
  }

  /** The kept results, serving by serving. */
  List<List<DinnerEvent.Result>> kept() {
    return List.copyOf(kept);
  }

  /** The dinner's summary, once the tally is in. */
  DinnerEvent.DinnerDone done(deli.trace.Trace trace, PhilosophersSettings settings, long nanos, int restarts, Tally.Counted c) {
    return new DinnerEvent.DinnerDone(
        trace,
        faculty,
        settings.isContinuous() ? 0 : settings.servings(),
        settings.footman(),
        settings.continuous(),
        meals,
        nanos,
        mealsEach(),
        kept(),
        restarts,
        c.forksReclaimed(),
        c.seatsReclaimed(),
        c.refused(),
        c.longestQueue(),
        c.check());
  }
}
