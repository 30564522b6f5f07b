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
   * A proper factor of the odd composite {@code n} found within about {@code maxSteps} steps,
   * or null. A walk that closes its cycle without a factor is started again with another c.
   */
  static BigInteger factor(BigInteger n, long maxSteps) {
    Montgomery m = new Montgomery(n);
    long[] c = m.one().clone();
    BigInteger g;
    do {
      g = attempt(m, c, maxSteps);
      m.add(c, m.one(), c);
    } while (n.equals(g));
    return g;
  }

  /** One walk of x ↦ x² + c: a proper factor; n when the cycle closed on all of n; null when the steps ran out. */
  private static BigInteger attempt(Montgomery m, long[] c, long maxSteps) {
    BigInteger n = m.modulus;
    long[] y = m.residue();
    // Equivalent mutant: y left at 0 (another start of the walk; any start finds a factor).
    m.add(m.one(), m.one(), y);
    long[] x = y.clone();
    long[] ys = y.clone();
    long[] q = m.one().clone();
    long[] diff = m.residue();
    BigInteger g = BigInteger.ONE;
    long steps = 0;
    // Equivalent mutants in this loop (PIT's survivors): they change how far the walk goes
    // between gcds, or what counts as a step against maxSteps, not what it answers: any
    // factor found is a proper one, and a budget is not an exact promise. steps <= maxSteps;
    // the r steps ahead of each round skipped (i >= r, or no step: the walk still meets its
    // cycle, later); k <= r (one empty batch more); r + k for r - k, i <= batch (longer
    // batches); ys not saved at each batch (the retrace starts further back); k != 0 below.
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
    return g.equals(BigInteger.ONE) ? null : g;
  }

  private static void step(Montgomery m, long[] y, long[] c) {
    m.mul(y, y, y);
    m.add(y, c, y);
  }
}
