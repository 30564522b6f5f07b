package deli.chefs;

/**
 * The chef's "BIG computation": CPU-bound work for a given time, like the chapter's loop of
 * factorials until a deadline. Pure: no actor, no clock but the one it is given.
 */
public final class Cooking {
  private Cooking() {}

  /**
   * Works until {@code deadlineNanos} on the {@link System#nanoTime()} clock or for at most
   * {@code sliceNanos}, whichever comes first, and returns a value that depends on every step
   * (so the JIT cannot drop the work).
   */
  public static long work(long seed, long deadlineNanos, long sliceNanos) {
    long now = System.nanoTime();
    long stop = Math.min(deadlineNanos, now + sliceNanos);
    long x = seed | 1;
    while (now < stop) {
      for (int i = 0; i < 4096; i++) {
        // xorshift: cheap, branch-free, impossible to fold away
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
      }
      now = System.nanoTime();
    }
    return x;
  }
}
