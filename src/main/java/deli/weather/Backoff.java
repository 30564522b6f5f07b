package deli.weather;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long to wait before a retry: {@code first}, doubling each retry, at most {@code max},
 * with 20% jitter so that zones that failed together do not all come back together. A
 * server's {@code Retry-After} lengthens the wait, never beyond {@code max}.
 */
public record Backoff(Duration first, Duration max) {
  public Backoff {
    if (first.isNegative() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff-max must be at least backoff");
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry, Optional<Duration> retryAfter, RandomGenerator random) {
    long base = first.toNanos();
    for (int i = 1; i < retry && base < max.toNanos(); i++) {
      base *= 2;
    }
    double jitter = 0.8 + 0.4 * random.nextDouble();
    long nanos = Math.min((long) (base * jitter), max.toNanos());
    if (retryAfter.isPresent()) {
      nanos = Math.max(nanos, Math.min(retryAfter.get().toNanos(), max.toNanos()));
    }
    return Duration.ofNanos(nanos);
  }
}
