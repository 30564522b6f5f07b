package deli.cluster;

import com.typesafe.config.Config;
import deli.core.Settings;
import deli.factor.Factoring;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * The settings of factor work spread over the cluster, read once from {@code deli.cluster}.
 *
 * @param batchSize the most numbers in one batch sent to a node's pool
 * @param window batches each pool holds at once (the rest wait with the job)
 * @param batchTimeout a batch with no answer in this time is sent again, to any pool
 * @param attempts how many times a batch is sent before the job fails
 * @param pausePerNumber fault injection: this node's pool takes at least this long per number
 */
public record ClusterSettings(int batchSize, int window, Duration batchTimeout, int attempts, Duration pausePerNumber) {
  public ClusterSettings {
    if (batchSize < 1 || batchSize > 1_000_000) {
      throw new IllegalArgumentException("factor.batch-size must be 1 to 1,000,000, not " + batchSize);
    }
    if (window < 1 || window > 64) {
      throw new IllegalArgumentException("factor.window must be 1 to 64, not " + window);
    }
    if (batchTimeout.isZero() || batchTimeout.isNegative()) {
      throw new IllegalArgumentException("factor.batch-timeout must be more than 0, not " + batchTimeout);
    }
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("factor.attempts must be 1 to 10, not " + attempts);
    }
    if (pausePerNumber.isNegative() || pausePerNumber.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("factor.pause-per-number must be 0 to 1s, not " + pausePerNumber);
    }
  }

  /** Settings with no pause. */
  public ClusterSettings(int batchSize, int window, Duration batchTimeout, int attempts) {
    this(batchSize, window, batchTimeout, attempts, Duration.ZERO);
  }

  /** How this node's pool factors: {@link Factoring#factor}, slowed down by the pause if any. */
  public LongFunction<long[]> factoring() {
    if (pausePerNumber.isZero()) {
      return Factoring::factor;
    }
    long nanos = pausePerNumber.toNanos();
    return n -> {
      long until = System.nanoTime() + nanos;
      for (long left = nanos; left > 0; left = until - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
      return Factoring.factor(n);
    };
  }

  public static ClusterSettings from(Config c) {
    return new ClusterSettings(
        c.getInt("factor.batch-size"),
        c.getInt("factor.window"),
        Settings.duration(c, "factor.batch-timeout"),
        c.getInt("factor.attempts"),
        Settings.duration(c, "factor.pause-per-number"));
  }
}
