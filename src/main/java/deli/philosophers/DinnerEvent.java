package deli.philosophers;

import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.util.List;

/** What a {@link Dinner} tells its listener: the chapter's lines as they happen, and how it ended. */
public sealed interface DinnerEvent extends CborSerializable, Traced {

  /** The chapter's {@code print(f"{id} eating")}; only when the dinner is not quiet. */
  record Eating(Trace trace, int philosopher) implements DinnerEvent {}

  /** The chapter's {@code print(f"{id} philosophizing")}. */
  record Philosophizing(Trace trace, int philosopher) implements DinnerEvent {}

  /** One philosopher's {@code (id, eat_time, think_time)}, in seconds. */
  record Result(int philosopher, double eat, double think) implements CborSerializable {}

  /** A serving is over: its results in id order (the chapter's {@code print(results)}). */
  record Served(Trace trace, int serving, List<Result> results) implements DinnerEvent {
    public Served {
      results = List.copyOf(results);
    }
  }

  /**
   * Several events at once, in order. A timeless serving lasts microseconds: its lines reach the
   * listener together, one message instead of two per meal.
   */
  record Batch(Trace trace, List<DinnerEvent> events) implements DinnerEvent {
    public Batch {
      events = List.copyOf(events);
    }
  }

  /** Meals so far ({@code expected}: -1 when continuous), once a second while a quiet dinner runs. */
  record Progress(Trace trace, long meals, long expected, long nanos) implements DinnerEvent {}

  /** How a dinner ended: the last event it sends. */
  sealed interface Outcome extends DinnerEvent {}

  /**
   * The dinner is over.
   *
   * @param servings servings served; when continuous, 0
   * @param continuous how long it dined without servings; zero: in servings
   * @param nanos from the first serving to the last meal
   * @param mealsEach meals per philosopher, by id
   * @param results every serving's results, when there were at most
   *     {@link Dinner#KEEP_RESULTS_UP_TO} meals (and not continuous); else empty
   * @param restarts philosophers that failed and were started again
   * @param forksReclaimed forks that came back from a philosopher who died holding them
   * @param seatsReclaimed seats that came back from a philosopher who died seated
   * @param refused puts and releases refused as protocol errors
   * @param longestQueue the longest queue at the footman
   * @param check the observer's verdict; {@code null} when no one checked
   */
  record DinnerDone(
      Trace trace,
      int faculty,
      int servings,
      boolean footman,
      Duration continuous,
      long meals,
      long nanos,
      List<Long> mealsEach,
      List<List<Result>> results,
      int restarts,
      int forksReclaimed,
      int seatsReclaimed,
      int refused,
      int longestQueue,
      TableCheck.Verdict check)
      implements Outcome {
    public DinnerDone {
      mealsEach = List.copyOf(mealsEach);
      results = List.copyOf(results);
    }

    public double mealsPerSecond() {
      return nanos == 0 ? 0 : meals * 1e9 / nanos;
    }
  }

  /**
   * The naive table deadlocked: no one ate for {@code idleNanos}, and the forks show the
   * wait-for {@code cycle}. {@code meals} were eaten before, in {@code servingsDone} full servings.
   */
  record Deadlocked(Trace trace, int faculty, long meals, int servingsDone, long idleNanos, List<WaitFor.Link> cycle)
      implements Outcome {
    public Deadlocked {
      cycle = List.copyOf(cycle);
    }
  }
}
