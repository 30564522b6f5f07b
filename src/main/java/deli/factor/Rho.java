package deli.factor;

import java.math.BigInteger;

/**
 * Pollard's rho with Brent's cycle finding for odd composites beyond a long, in
 * {@link Montgomery} arithmetic: the quick way to a factor of up to about 30 bits (about √p
 * steps), which is what GNU factor uses for every size. {@link Ecm} takes over for larger
 * factors. Pure.
 */
final class Rho {
  /** Products of this many differences share one gcd. */
  private static final int BATCH = 128;

  private Rho() {}

  /**
   * A proper factor of the odd composite {@code n} found within about {@code maxSteps} steps
   * of each of a few polynomials, or null.
   */
  static BigInteger factor(BigInteger n, long maxSteps) {
    Montgomery m = new Montgomery(n);
    long[] c = m.one().clone();
    for (int tries = 0; tries < 4; tries++, m.add(c, m.one(), c)) {
      BigInteger g = attempt(m, c, maxSteps);
      if (g != null) {
        return g;
      }
    }
    return null;
  }

  /** One walk of x ↦ x² + c: a proper factor, or null when it gave none within the steps. */
  private static BigInteger attempt(Montgomery m, long[] c, long maxSteps) {
    BigInteger n = m.modulus;
    long[] y = m.residue();
    m.add(m.one(), m.one(), y);
    long[] x = y.clone();
    long[] ys = y.clone();
    long[] q = m.one().clone();
    long[] diff = m.residue();
    BigInteger g = BigInteger.ONE;
    long steps = 0;
    for (long r = 1; g.equals(BigInteger.ONE) && steps < maxSteps; r <<= 1) {
      System.arraycopy(y, 0, x, 0, y.length);
      for (long i = 0; i < r; i++) {
        step(m, y, c);
      }
      for (long k = 0; k < r && g.equals(BigInteger.ONE); k += BATCH) {
        System.arraycopy(y, 0, ys, 0, y.length);
        long batch = Math.min(BATCH, r - k);
        for (long i = 0; i < batch; i++) {
          step(m, y, c);
          m.sub(x, y, diff);
          m.mul(q, diff, q);
        }
        steps += batch + (k == 0 ? r : 0);
        g = Montgomery.toBig(q).gcd(n);
      }
    }
    if (g.equals(n)) {
      // The batch overshot: retrace it one step at a time.
      do {
        step(m, ys, c);
        m.sub(x, ys, diff);
        g = Montgomery.toBig(diff).gcd(n);
      } while (g.equals(BigInteger.ONE));
    }
    return g.equals(BigInteger.ONE) || g.equals(n) ? null : g;
  }

  private static void step(Montgomery m, long[] y, long[] c) {
    m.mul(y, y, y);
    m.add(y, c, y);
  }
}
