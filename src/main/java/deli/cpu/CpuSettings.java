package deli.cpu;

import com.typesafe.config.Config;
import deli.core.Settings;

/**
 * The settings of {@code deli cpu}, read once from {@code deli.cpu}.
 *
 * @param work the terms each worker sums (the chapter's 100,000,000)
 * @param workers how many workers (the chapter's {@code cpu_count()})
 */
public record CpuSettings(long work, int workers) {
  public CpuSettings {
    if (work < 0) {
      throw new IllegalArgumentException("work must be 0 or more, not " + work);
    }
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be 1 to 256, not " + workers);
    }
  }

  public static CpuSettings from(Config c) {
    return new CpuSettings(c.getLong("work"), Settings.coresIfZero(c, "workers"));
  }
}
