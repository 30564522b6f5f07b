package deli.testing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for an event the tests cannot be told of (a file filling, a process's HTTP answer),
 * by asking again until it holds, within a timeout scaled by the suite's one setting,
 * {@code deli.test.timeout-factor} (default 1; the pom passes the same factor to Pekko's testkit
 * as {@code pekko.actor.testkit.typed.timefactor}). Actor events are awaited with TestProbes.
 */
public final class Await {
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private Await() {}

  /** The suite's timeout factor: {@code -Ddeli.test.timeout-factor=3} on a slow machine. */
  public static double factor() {
    return Double.parseDouble(System.getProperty("deli.test.timeout-factor", "1"));
  }

  /** {@code d} times the suite's timeout factor. */
  public static Duration scaled(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() * factor()));
  }

  /** Asks {@code condition} until it holds; fails with {@code what} after {@code within} (scaled). */
  public static void until(Duration within, String what, Callable<Boolean> condition) throws Exception {
    last(within, what, condition, Boolean::booleanValue);
  }

  /**
   * Asks {@code probe} until its answer passes {@code done}; returns that answer, or fails with
   * {@code what} and the last answer after {@code within} (scaled).
   */
  public static <T> T last(Duration within, String what, Callable<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    long until = System.nanoTime() + scaled(within).toNanos();
    while (true) {
      T answer = probe.call();
      if (done.test(answer)) {
        return answer;
      }
      if (System.nanoTime() - until > 0) {
        throw new AssertionError("waited " + scaled(within) + " for " + what + "; the last answer: " + answer);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
