package deli.sleepers;

import com.typesafe.config.Config;
import deli.core.DurationRange;
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

  public SleepersSettings {
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be 0 to " + MAX_COUNT + ", not " + count);
    }
  }

  public static SleepersSettings from(Config c) {
    return new SleepersSettings(
        c.getInt("count"),
        Settings.range(c, "delay"),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty());
  }
}
