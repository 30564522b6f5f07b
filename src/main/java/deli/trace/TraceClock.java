package deli.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Time for traces and counters. {@link #now()} is wall-clock time in nanoseconds since the epoch,
 * read through {@link System#nanoTime()}: one monotonic read per stamp (no {@code Instant}
 * allocated), anchored to the wall clock once per JVM so that stamps from several nodes line up
 * as well as their clocks do. {@link #tick()} is a coarse clock for deciding what to time: a
 * clock read costs about as much as handling a small message (25 to 60 ns on a virtual machine),
 * while reading the tick is a plain memory load.
 */
final class TraceClock {
  /** How often the tick moves on: at most one message per actor is timed per tick. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final long ORIGIN_NANO = System.nanoTime();
  private static final long ORIGIN_EPOCH_NANOS = System.currentTimeMillis() * 1_000_000L;
  private static final VarHandle TICK;
  @SuppressWarnings("unused") // through TICK
  private static volatile long tick;

  static {
    try {
      TICK = MethodHandles.lookup().findStaticVarHandle(TraceClock.class, "tick", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
    TICK.setOpaque(1L);
    Thread ticker = new Thread(TraceClock::run, "deli-trace-tick");
    ticker.setDaemon(true);
    ticker.start();
  }

  private TraceClock() {}

  /** Now, in nanoseconds since 1970-01-01T00:00Z. */
  static long now() {
    return ORIGIN_EPOCH_NANOS + (System.nanoTime() - ORIGIN_NANO);
  }

  /** A number that moves on every {@link #TICK_NANOS} or so (never 0 before the first tick: it starts at 1). */
  static long tick() {
    return (long) TICK.getOpaque();
  }

  private static void run() {
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      TICK.setOpaque((long) TICK.getOpaque() + 1);
    }
  }
}
