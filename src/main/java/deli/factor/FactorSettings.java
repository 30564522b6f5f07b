package deli.factor;

import com.typesafe.config.Config;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.core.SharedFlags;
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

  /**
   * The settings under {@code deli.factor}, their flags and bounds. {@code POST /factor}'s body
   * is the numbers, not settings: none is declared for it.
   */
  public static final Options OPTIONS =
      Options.of(
          "deli.factor",
          SharedFlags.Workers.SETTING.cliOnly(),
          Setting.integer("batch-size", 1, 1_000_000).flags("--batch-size").cliOnly()
              .help("N", "The most numbers per message to a worker (1 to 1,000,000). Default: 1000."),
          Setting.integer("prefetch", 1, 64).cliOnly(),
          Setting.value("batch-timeout").cliOnly(),
          Setting.integer("max-numbers", 1, 100_000_000).cliOnly());

  public FactorSettings {
    Bounds.of(1, SharedFlags.Workers.MAX).check("workers", (long) workers);
    Bounds.of(1, 1_000_000).check("batch-size", (long) batchSize);
    Bounds.of(1, 64).check("prefetch", (long) prefetch);
    if (batchTimeout.isZero() || batchTimeout.isNegative()) {
      throw new IllegalArgumentException("batch-timeout must be more than 0, not " + batchTimeout);
    }
    Bounds.of(1, 100_000_000).check("max-numbers", (long) maxNumbers);
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

  /** Batches of at most batch-size, and small enough that every worker gets some of {@code count} numbers. */
  int batchSizeFor(int count) {
    return Math.max(1, Math.min(batchSize(), (count + workers() - 1) / workers()));
  }
}
