package deli.core;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * A random duration drawn uniformly from {@code [min, max]}, written {@code 1s..2s}; a single
 * duration such as {@code 250ms} is the range of that one value.
 */
public record DurationRange(Duration min, Duration max) {

  public DurationRange {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "the range " + Durations.format(min) + ".." + Durations.format(max) + " is empty");
    }
  }

  /** Parses {@code 1s..2s}, {@code 0..5s} or a single duration. */
  public static DurationRange parse(String text) {
    String t = text == null ? "" : text.trim();
    int dots = t.indexOf("..");
    if (dots < 0) {
      Duration d = Durations.parse(t);
      return new DurationRange(d, d);
    }
    Duration min = Durations.parse(t.substring(0, dots));
    Duration max = Durations.parse(t.substring(dots + 2));
    if (max.compareTo(min) < 0) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a range: its end comes before its start (write 1s..2s)");
    }
    return new DurationRange(min, max);
  }

  public static DurationRange of(Duration d) {
    return new DurationRange(d, d);
  }

  /** A draw from the range; {@code random} is the caller's, so seeded runs repeat. */
  public Duration draw(RandomGenerator random) {
    long lo = min.toNanos();
    long span = max.toNanos() - lo;
    return span == 0 ? min : Duration.ofNanos(lo + (long) (random.nextDouble() * span));
  }

  public boolean isZero() {
    return max.isZero();
  }

  @Override
  public String toString() {
    return min.equals(max)
        ? Durations.format(min)
        : Durations.format(min) + ".." + Durations.format(max);
  }
}
