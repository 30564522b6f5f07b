package deli.sleepers;

import com.typesafe.config.Config;
import deli.core.DurationRange;
import deli.core.Options;
import deli.core.Setting;
import deli.core.Settings;
import java.util.OptionalLong;

/**
 * The settings of {@code deli sleepers}, read once from {@code deli.sleepers}.
 *
 * @param count how many sleepers (the chapter's {@code how_many})
 * @param delay each sleeper's delay, drawn from this range (the chapter's {@code random() * 5})
 * @param seed the seed of the draws, when a run must repeat
 */
public record SleepersSettings(int count, DurationRange delay, OptionalLong seed) {
  public static final int MAX_COUNT = 1_000_000;

  /** The settings under {@code deli.sleepers}, their flags and bounds: the command's and the body's. */
  public static final Options OPTIONS =
      Options.of(
          "deli.sleepers",
          Setting.integer("count", 0, MAX_COUNT).flags("--count")
              .help("N", "How many sleepers (0 to 1,000,000). Default: 5."),
          Setting.range("delay").flags("--delay")
              .help("RANGE", "Each sleeper's delay, drawn from this range. Default: 0..5s, the chapter's random() "
                  + "* 5."),
          Setting.integer("seed").flags("--seed")
              .help("N", "Seed for the delays, to repeat a run."));

  public SleepersSettings {
    OPTIONS.setting("count").orElseThrow().bounds().check("count", (long) count);
  }

  public static SleepersSettings from(Config c) {
    return new SleepersSettings(
        c.getInt("count"),
        Settings.range(c, "delay"),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty());
  }
}
