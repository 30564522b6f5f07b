package deli.factor;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.time.Duration;

/**
 * The settings of the factor pool and {@code deli factor}, read once from {@code deli.factor}.
 *
 * @param workers workers in the pool (the chapter's {@code Pool()}: one per core)
 * @param batchSize the most numbers sent to a worker in one message
 * @param prefetch batches given to each worker at a time; the rest wait in the pool's queue
 * @param batchTimeout a batch with no answer in this time is retried once, then failed
 * @param maxNumbers the most numbers one {@code POST /factor} may carry
 */
public record FactorSettings(int workers, int batchSize, int prefetch, Duration batchTimeout, int maxNumbers) {
  public FactorSettings {
    if (workers < 1 || workers > 256) {
      throw new IllegalArgumentException("workers must be 1 to 256, not " + workers);
    }
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new IllegalArgumentException("batch-size must be 1 to 1,000,000, not " + batchSize);
    }
    if (prefetch < 1 || prefetch > 64) {
      throw new IllegalArgumentException("prefetch must be 1 to 64, not " + prefetch);
    }
    if (batchTimeout.isZero() || batchTimeout.isNegative()) {
      throw new IllegalArgumentException("batch-timeout must be more than 0, not " + batchTimeout);
    }
    if (maxNumbers < 1) {
      throw new IllegalArgumentException("max-numbers must be at least 1, not " + maxNumbers);
    }
  }

  public static FactorSettings from(Config c) {
    return new FactorSettings(
        Settings.coresIfZero(c, "workers"),
        c.getInt("batch-size"),
        c.getInt("prefetch"),
        Settings.duration(c, "batch-timeout"),
        c.getInt("max-numbers"));
  }

  /** These settings with {@code workers} workers. */
  public FactorSettings withWorkers(int n) {
    return new FactorSettings(n, batchSize, prefetch, batchTimeout, maxNumbers);
  }
}
