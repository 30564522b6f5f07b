package deli.philosophers;

import com.typesafe.config.Config;
import deli.core.DurationRange;
import deli.core.Durations;
import deli.core.Settings;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The settings of {@code deli philosophers}, read once from {@code deli.philosophers}.
 *
 * @param faculty philosophers at the round table, and forks between them (the chapter's 5)
 * @param servings rounds of dinner, each philosopher eating once per round (the chapter's 5)
 * @param eat time to eat, drawn per meal (the chapter's {@code 1 + random()} seconds)
 * @param think time to philosophize after eating, drawn per meal
 * @param seed the seed of the draws, when a run must repeat
 * @param footman whether a footman seats at most {@code faculty - 1} at once; without one the
 *     table is the chapter's naive one, which deadlocks
 * @param deadlockAfter the naive table's watchdog looks for a deadlock once no one has eaten
 *     for this long; zero turns the watchdog off
 * @param failRate the chance that a philosopher fails (fault injection) after it gets its seat
 *     or a fork and before it eats
 * @param continuous dine without servings for this long and count meals per philosopher (for
 *     fairness); zero: dine in servings
 * @param check send every state change to an observer that checks the table's rules
 * @param quiet no per-meal lines and no per-serving results: only the summary
 * @param dispatcher the dispatcher the dinner's actors run on
 */
public record PhilosophersSettings(
    int faculty,
    int servings,
    DurationRange eat,
    DurationRange think,
    OptionalLong seed,
    boolean footman,
    Duration deadlockAfter,
    double failRate,
    Duration continuous,
    boolean check,
    boolean quiet,
    String dispatcher) {

  public static final int MAX_FACULTY = 100_000;

  public PhilosophersSettings {
    if (faculty < 2 || faculty > MAX_FACULTY) {
      // One philosopher would need fork 0 twice, and the footman would have no seat to give.
      throw new IllegalArgumentException("faculty must be 2 to " + String.format("%,d", MAX_FACULTY) + ", not " + faculty);
    }
    if (servings < 0) {
      throw new IllegalArgumentException("servings must be 0 or more, not " + servings);
    }
    if (!(failRate >= 0 && failRate < 1)) {
      throw new IllegalArgumentException("fail-rate must be at least 0 and below 1, not " + failRate);
    }
    if (deadlockAfter.isNegative() || continuous.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** The chapter's dinner: 5 philosophers, 5 servings, 1-2 s to eat and to think, a footman. */
  public static PhilosophersSettings of(int faculty, int servings, DurationRange eat, DurationRange think) {
    return new PhilosophersSettings(
        faculty, servings, eat, think, OptionalLong.empty(), true, Duration.ofSeconds(2), 0,
        Duration.ZERO, false, false, "");
  }

  public static PhilosophersSettings from(Config c) {
    return new PhilosophersSettings(
        c.getInt("faculty"),
        c.getInt("servings"),
        Settings.range(c, "eat"),
        Settings.range(c, "think"),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty(),
        c.getBoolean("footman"),
        Settings.duration(c, "deadlock-after"),
        c.getDouble("fail-rate"),
        Settings.duration(c, "continuous"),
        c.getBoolean("check"),
        c.getBoolean("quiet"),
        c.getString("dispatcher"));
  }

  public boolean isContinuous() {
    return !continuous.isZero();
  }

  /** Meals a run in servings serves: every philosopher once per serving. */
  public long meals() {
    return (long) faculty * servings;
  }

  /** The footman's seats: the chapter's {@code BoundedSemaphore(faculty - 1)}. */
  public int seats() {
    return faculty - 1;
  }

  public PhilosophersSettings withSeed(long s) {
    return new PhilosophersSettings(faculty, servings, eat, think, OptionalLong.of(s), footman, deadlockAfter, failRate, continuous, check, quiet, dispatcher);
  }

  public PhilosophersSettings withFootman(boolean f) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, f, deadlockAfter, failRate, continuous, check, quiet, dispatcher);
  }

  public PhilosophersSettings withDeadlockAfter(Duration d) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, d, failRate, continuous, check, quiet, dispatcher);
  }

  public PhilosophersSettings withFailRate(double p) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, p, continuous, check, quiet, dispatcher);
  }

  public PhilosophersSettings withContinuous(Duration d) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, d, check, quiet, dispatcher);
  }

  public PhilosophersSettings withCheck(boolean c) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, continuous, c, quiet, dispatcher);
  }

  public PhilosophersSettings withQuiet(boolean q) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, continuous, check, q, dispatcher);
  }

  public PhilosophersSettings withDispatcher(String d) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, continuous, check, quiet, d);
  }

  @Override
  public String toString() {
    return faculty + " philosophers, " + servings + " servings, eat " + eat + ", think " + think
        + (footman ? "" : ", no footman") + (failRate > 0 ? ", fail-rate " + failRate : "")
        + (isContinuous() ? ", continuous " + Durations.format(continuous) : "");
  }
}
