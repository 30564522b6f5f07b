package deli.core;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * Small helpers for reading a service's config subtree into its settings record, so every
 * duration in config is written the way the command line writes it. A bad value is an
 * {@link IllegalArgumentException} naming the key: the CLI turns it into a usage error, HTTP
 * into a 400.
 */
public final class Settings {
  private Settings() {}

  public static Duration duration(Config config, String path) {
    try {
      return Durations.parse(config.getString(path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage());
    }
  }

  public static DurationRange range(Config config, String path) {
    try {
      return DurationRange.parse(config.getString(path));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage());
    }
  }

  /** An int that must be at least {@code min}, with the config path named when it is not. */
  public static int atLeast(Config config, String path, int min) {
    int v = config.getInt(path);
    if (v < min) {
      throw new IllegalArgumentException(path + " must be at least " + min + ", not " + v);
    }
    return v;
  }

  /** The number of cores when the config says 0, else the configured positive number. */
  public static int coresIfZero(Config config, String path) {
    int v = config.getInt(path);
    if (v < 0) {
      throw new IllegalArgumentException(path + " must be 0 (one per core) or more, not " + v);
    }
    return v == 0 ? Runtime.getRuntime().availableProcessors() : v;
  }
}
