package deli.tune;

/**
 * The distances between two samples whose features are all small integers, summed exactly in
 * ints ({@link Neighbours}'s fast path). Each is a small method of its own: the JIT compiles a
 * small method that is called a million times within milliseconds of the start, where the loop
 * that calls them would wait to be compiled whole (a cold 'deli tune' is mostly that wait).
 */
final class IntDistances {
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
      sum += Math.abs(a[ai + f] - b[bi + f]);
    }
    return sum;
  }

  static int chebyshev(int[] a, int ai, int[] b, int bi, int n) {
    int max = 0;
    for (int f = 0; f < n; f++) {
      max = Math.max(max, Math.abs(a[ai + f] - b[bi + f]));
    }
    return max;
  }

  /** The absolute differences into {@code out}, as doubles (exact); returns the largest. */
  static double absDiffs(int[] a, int ai, int[] b, int bi, int n, double[] out) {
    int max = 0;
    for (int f = 0; f < n; f++) {
      int x = Math.abs(a[ai + f] - b[bi + f]);
      out[f] = x;
      max = Math.max(max, x);
    }
    return max;
  }
}
