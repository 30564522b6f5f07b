package deli.trace;

/**
 * Wall-clock time in nanoseconds since the epoch, read through {@link System#nanoTime()}: one
 * cheap monotonic read per stamp (no {@code Instant} allocated), anchored to the wall clock once
 * per JVM so that stamps from several nodes line up as well as their clocks do.
 */
final class TraceClock {
  private static final long ORIGIN_NANO = System.nanoTime();
  private static final long ORIGIN_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;

  private TraceClock() {}

  /** Now, in nanoseconds since 1970-01-01T00:00Z. */
  static long now() {
    return ORIGIN_EPOCH_NANOS + (System.nanoTime() - ORIGIN_NANO);
  }
}
