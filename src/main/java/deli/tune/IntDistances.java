package deli.tune;

/**
 * The distances between two samples whose features are all small integers, summed exactly in
 * ints ({@link Neighbours}'s fast path). Each is a small method of its own: the JIT compiles a
 * small method that is called a million times within milliseconds of the start, where the loop
 * that calls them would wait to be compiled whole (a cold 'deli tune' is mostly that wait).
 *
 * <p>{@link #all} reads the two samples once for every distance ({@link IntSums}: a grid of
 * several distances scores them from one pass): on scikit-learn's digits one pass for ED, MD,
 * CD and SD took 69 ms where a pass each took 191 with C1 alone, 16 where they took 67 with C2.
 *
 * <p>{@link #abs} is {@code Math.abs(int)} under C2, which vectorizes it (digits, every cell
 * on one thread: 36 ms against 53 with a branch-free abs), and branch-free when C1 alone
 * compiles (scripts/deli runs a short 'deli tune' so, and says it with {@code -Ddeli.jit=quick}):
 * {@code Math.abs(int)} is an intrinsic for C2 only, and C1 calls it instead of inlining it
 * (82 ms against 179 for the same cells; a plain loop of digits' Manhattan sums, 33 million
 * differences: 43 ms against 167, OpenJDK 17 and Temurin 25 alike).
 */
final class IntDistances {
  /** Whether this JVM compiles with C1 alone, as the launcher says ({@code -Ddeli.jit=quick}). */
  static final boolean C1_ALONE = "quick".equals(System.getProperty("deli.jit"));

  private IntDistances() {}

  static int squares(int[] a, int ai, int[] b, int bi, int n) {
    int sum = 0;
    for (int f = 0; f < n; f++) {
      int x = a[ai + f] - b[bi + f];
      sum += x * x;
    }
    return sum;
  }

  static int manhattan(int[] a, int ai, int[] b, int bi, int n) {
    int sum = 0;
    for (int f = 0; f < n; f++) {
      sum += abs(a[ai + f] - b[bi + f]);
    }
    return sum;
  }

  static int chebyshev(int[] a, int ai, int[] b, int bi, int n) {
    int max = 0;
    for (int f = 0; f < n; f++) {
      max = Math.max(max, abs(a[ai + f] - b[bi + f]));
    }
    return max;
  }

  /** The three at once, into {@code manhattan[i]}, {@code squares[i]} and {@code chebyshev[i]}. */
  static void all(int[] a, int ai, int[] b, int bi, int n, int[] manhattan, int[] squares, int[] chebyshev, int i) {
    int sum = 0;
    int sumSquares = 0;
    int max = 0;
    for (int f = 0; f < n; f++) {
      int x = a[ai + f] - b[bi + f];
      int y = abs(x);
      sum += y;
      sumSquares += x * x;
      max = Math.max(max, y);
    }
    manhattan[i] = sum;
    squares[i] = sumSquares;
    chebyshev[i] = max;
  }

  /** The absolute differences into {@code out}, as doubles (exact); returns the largest. */
  static double absDiffs(int[] a, int ai, int[] b, int bi, int n, double[] out) {
    int max = 0;
    for (int f = 0; f < n; f++) {
      int x = abs(a[ai + f] - b[bi + f]);
      out[f] = x;
      max = Math.max(max, x);
    }
    return max;
  }

  /** |x|, as the JIT compiles it best ({@link #C1_ALONE}: a constant, so the other branch is gone). */
  static int abs(int x) {
    return C1_ALONE ? branchFreeAbs(x) : Math.abs(x);
  }

  /** |x| without a branch or a call (x is never Integer.MIN_VALUE here: features are small). */
  static int branchFreeAbs(int x) {
    int sign = x >> 31;
    return (x ^ sign) - sign;
  }
}
