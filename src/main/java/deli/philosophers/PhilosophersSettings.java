package deli.philosophers;

import com.typesafe.config.Config;
import deli.core.DurationRange;
import deli.core.Durations;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.core.Settings;
import java.time.Duration;
import java.util.OptionalLong;
import org.apache.pekko.actor.typed.DispatcherSelector;

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
 * @param sample how often a dinner on a node publishes a picture of its table for the live
 *     page ({@code deli.philosophers.sample-every}); zero: never (the command line's dinners)
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
    String dispatcher,
    Duration sample) {

  public static final int MAX_FACULTY = 100_000;
  public static final int MAX_SERVINGS = 1_000_000;
  /** A philosopher that always failed would never eat: the chance stays below 1. */
  public static final Bounds FAIL_RATE = Bounds.below(0, 1);

  /**
   * The settings under {@code deli.philosophers}, their flags and bounds: the command's and the
   * body's (a dinner over HTTP is always quiet, and runs on the node's dispatcher).
   */
  public static final Options OPTIONS =
      Options.of(
          "deli.philosophers",
          // One philosopher would need fork 0 twice, and the footman would have no seat to give.
          Setting.integer("faculty", 2, MAX_FACULTY).flags("--faculty")
              .help("N", "Philosophers at the table, and forks (2 to 100,000). Default: 5."),
          Setting.integer("servings", 0, MAX_SERVINGS).flags("--servings")
              .help("N", "Servings: each philosopher eats once per serving (0 to 1,000,000). Default: 5."),
          Setting.range("eat").flags("--eat")
              .help("RANGE", "Time to eat, drawn per meal. Default: 1s..2s, the chapter's 1 + random()."),
          Setting.range("think").flags("--think")
              .help("RANGE", "Time to philosophize after eating, drawn per meal. Default: 1s..2s."),
          Setting.integer("seed").flags("--seed").help("N", "Seed for the draws, to repeat a run's times."),
          Setting.bool("footman").flags("--no-footman").fromFlag(f -> !(Boolean) f)
              .help("The naive table: no footman, everyone sits. It deadlocks, every philosopher holding one fork; "
                  + "the watchdog then prints the wait-for cycle and deli exits with code 3."),
          Setting.duration("deadlock-after").flags("--deadlock-after")
              .help("DURATION", "At the naive table, look for a deadlock once no one has eaten for this long (0: never). Default: 2s."),
          Setting.number("fail-rate", FAIL_RATE).flags("--fail-rate")
              .help("P", "Chance (0 to below 1) that a philosopher fails after getting its seat or a fork, before eating; "
                  + "it is started again and its forks and seat come back. Default: 0."),
          Setting.duration("continuous").flags("--continuous")
              .help("DURATION", "Dine without servings for this long (more than 0): everyone eats again as soon as it has reported. "
                  + "Prints meals per philosopher and the fairness (max/min)."),
          Setting.bool("check").flags("--check")
              .help("Send every state change (seats, forks, eating) to an observer that checks the rules: "
                  + "no neighbours eat at once, no fork in two hands, at most faculty-1 seated, one meal per serving."),
          Setting.bool("quiet").flags("-q", "--quiet").cliOnly()
              .help("Print only the summary: no per-meal lines, no per-serving results."),
          Setting.text("dispatcher").cliOnly());

  public PhilosophersSettings {
    Bounds.of(2, MAX_FACULTY).check("faculty", (long) faculty);
    Bounds.of(0, MAX_SERVINGS).check("servings", (long) servings);
    FAIL_RATE.check("fail-rate", failRate);
    if (deadlockAfter.isNegative() || continuous.isNegative() || sample.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
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
        c.getString("dispatcher"),
        c.hasPath("sample-every") ? Settings.duration(c, "sample-every") : Duration.ZERO);
  }

  /** Where a dinner should run: its own dispatcher, when the settings name one. */
  public DispatcherSelector dispatcherSelector() {
    return dispatcher(dispatcher);
  }

  /** The dispatcher at config path {@code path}; empty: Pekko's default dispatcher. */
  public static DispatcherSelector dispatcher(String path) {
    return path.isBlank() ? DispatcherSelector.defaultDispatcher() : DispatcherSelector.fromConfig(path);
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

  /** A node's dinner is always quiet: no one reads its per-meal lines. */
  public PhilosophersSettings withQuiet(boolean q) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, continuous, check, q, dispatcher, sample);
  }

  /** The command line's dinner never samples its table: no page watches it. */
  public PhilosophersSettings withSample(Duration every) {
    return new PhilosophersSettings(faculty, servings, eat, think, seed, footman, deadlockAfter, failRate, continuous, check, quiet, dispatcher, every);
  }

  @Override
  public String toString() {
    return faculty + " philosophers, " + servings + " servings, eat " + eat + ", think " + think
        + (footman ? "" : ", no footman") + (failRate > 0 ? ", fail-rate " + failRate : "")
        + (isContinuous() ? ", continuous " + Durations.format(continuous) : "");
  }
}
