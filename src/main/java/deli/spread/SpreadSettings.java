package deli.spread;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.time.Duration;

/**
 * How a job is spread over the pools of the cluster, read once from one section of
 * {@code deli.cluster} ({@code factor}, {@code tune}): every program that spreads reads the same
 * keys, so they mean the same thing for each.
 *
 * @param section the section's name, as errors name the keys ({@code factor.window})
 * @param batchSize the most units (numbers, cells) in one batch sent to a node's pool
 * @param window batches each pool holds at once (the rest wait with the job)
 * @param batchTimeout a batch with no answer in this time is sent again, to any pool
 * @param attempts how many times a batch is sent before the job fails
 * @param pausePerUnit fault injection: this node's pool takes at least this long per unit
 */
public record SpreadSettings(
    String section, int batchSize, int window, Duration batchTimeout, int attempts, Duration pausePerUnit) {
  public SpreadSettings {
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new IllegalArgumentException(section + ".batch-size must be 1 to 1,000,000, not " + batchSize);
    }
    if (window < 1 || window > 64) {
      throw new IllegalArgumentException(section + ".window must be 1 to 64, not " + window);
    }
    if (batchTimeout.isZero() || batchTimeout.isNegative()) {
      throw new IllegalArgumentException(section + ".batch-timeout must be more than 0, not " + batchTimeout);
    }
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException(section + ".attempts must be 1 to 10, not " + attempts);
    }
    if (pausePerUnit.isNegative() || pausePerUnit.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException(section + "." + pauseKey(section) + " must be 0 to 1s, not " + pausePerUnit);
    }
  }

  /** Settings with no pause. */
  public SpreadSettings(String section, int batchSize, int window, Duration batchTimeout, int attempts) {
    this(section, batchSize, window, batchTimeout, attempts, Duration.ZERO);
  }

  /** {@code deli.cluster.<section>} of {@code cluster} (the {@code deli.cluster} config). */
  public static SpreadSettings from(Config cluster, String section) {
    Config c = cluster.getConfig(section);
    return new SpreadSettings(
        section,
        c.getInt("batch-size"),
        c.getInt("window"),
        Settings.duration(c, "batch-timeout"),
        c.getInt("attempts"),
        Settings.duration(c, pauseKey(section)));
  }

  /** The fault-injection key: {@code pause-per-number} for factor, {@code pause-per-cell} otherwise. */
  private static String pauseKey(String section) {
    return section.equals("factor") ? "pause-per-number" : "pause-per-cell";
  }

  /** Waits {@code pausePerUnit} times {@code units} (a worker thread: fault injection only). */
  public void pause(int units) {
    if (pausePerUnit.isZero()) {
      return;
    }
    long until = System.nanoTime() + pausePerUnit.toNanos() * units;
    for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
  }
}
