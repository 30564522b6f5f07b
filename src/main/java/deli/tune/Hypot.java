package deli.tune;

/**
 * CPython 3.11's {@code math.hypot(*coordinates)} to the last bit: the book's Euclidean
 * distance. Java's {@code Math.hypot} takes two arguments and rounds differently, and a sum of
 * squares under {@code Math.sqrt} differs in the last bit often enough to reorder neighbours
 * whose distances tie, which decides cells of the grid.
 *
 * <p>The algorithm is CPython 3.11's {@code vector_norm} (Modules/mathmodule.c): scale by a
 * power of two so the largest coordinate lies in [0.5, 1), square each exactly with a
 * Veltkamp-Dekker split, add with Neumaier compensation into three accumulators, take the
 * square root and apply one differential correction. Python 3.12 changed the squaring to
 * {@code fma} and its rounding; the book's baseline runs on 3.11.
 */
final class Hypot {
  /** 2^27 + 1, the Veltkamp-Dekker splitter for doubles. */
  private static final double T27 = 134217729.0;

  private Hypot() {}

  /**
   * {@code math.hypot} of {@code coordinates[0..n)}, which must already be absolute values;
   * {@code max} is the largest of them. The array is left as it was.
   */
  static double norm(double[] coordinates, int n, double max) {
    if (Double.isInfinite(max)) {
      return max;
    }
    for (int i = 0; i < n; i++) {
      if (Double.isNaN(coordinates[i])) {
        return Double.NaN;
      }
    }
    if (max == 0.0 || n <= 1) {
      return max;
    }
    int maxE = frexpExponent(max);
    if (maxE < -1023) {
      // 2^-maxE would overflow: CPython divides by max instead (only for subnormal inputs).
      double csum = 1.0;
      double frac = 0.0;
      for (int i = 0; i < n; i++) {
        double x = coordinates[i] / max;
        x = x * x;
        double old = csum;
        csum += x;
        frac += (old - csum) + x;
      }
      return max * Math.sqrt(csum - 1.0 + frac);
    }
    double scale = Math.scalb(1.0, -maxE);
    double csum = 1.0;
    double frac1 = 0.0;
    double frac2 = 0.0;
    double frac3 = 0.0;
    for (int i = 0; i < n; i++) {
      double x = coordinates[i] * scale;
      double t = x * T27;
      double hi = t - (t - x);
      double lo = x - hi;
      x = hi * hi;
      double old = csum;
      csum += x;
      frac1 += (old - csum) + x;
      x = 2.0 * hi * lo;
      old = csum;
      csum += x;
      frac2 += (old - csum) + x;
      frac3 += lo * lo;
    }
    double h = Math.sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    double t = h * T27;
    double hi = t - (t - h);
    double lo = h - hi;
    double x = -hi * hi;
    double old = csum;
    csum += x;
    frac1 += (old - csum) + x;
    x = -2.0 * hi * lo;
    old = csum;
    csum += x;
    frac2 += (old - csum) + x;
    x = -lo * lo;
    old = csum;
    csum += x;
    frac3 += (old - csum) + x;
    x = csum - 1.0 + (frac1 + frac2 + frac3);
    return (h + x / (2.0 * h)) / scale;
  }

  /** C's {@code frexp(v, &e)} exponent for a finite v > 0: v = m * 2^e with m in [0.5, 1). */
  static int frexpExponent(double v) {
    if (v >= Double.MIN_NORMAL) {
      return Math.getExponent(v) + 1;
    }
    return Math.getExponent(v * 0x1p54) + 1 - 54;
  }
}
