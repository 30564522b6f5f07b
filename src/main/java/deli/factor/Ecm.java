package deli.factor;

import java.math.BigInteger;
import java.util.BitSet;

/**
 * Lenstra's elliptic-curve method: finds a factor p of n in time that grows with p, not n
 * (rho's √p steps become minutes from 20 digits on). Montgomery curves By² = x³ + Ax² + x in
 * Suyama's parametrization (group order divisible by 12), x-only arithmetic on (X : Z) in
 * {@link Montgomery} form; stage 1 multiplies a point by every prime power up to B1 with the
 * Montgomery ladder, stage 2 meets each prime q in (B1, B2] as q = mD ± j with baby steps j
 * and giant steps mD, one product per prime. Pure.
 */
final class Ecm {
  /** B1 and the number of curves to try at it, growing: the usual table, for 8 to 40 digits. */
  private static final long[][] PLAN = {
    {150, 8}, {400, 16}, {2_000, 25}, {11_000, 90}, {50_000, 300}, {250_000, 700}, {1_000_000, 1_800}, {3_000_000, 5_100}
  };

  private final Montgomery m;
  private final BigInteger n;
  /** The point's coordinates and the scratch residues the formulas use. */
  private final long[] a24;
  private final long[] s1;
  private final long[] s2;
  private final long[] s3;
  private final long[] s4;
  /** The composites up to {@link #sieved}, shared by every curve. */
  private BitSet composite;
  private long sieved;
  /** What {@link #start} found in a curve's set-up: a factor of n, or n. */
  private BigInteger met;

  Ecm(BigInteger n) {
    this.n = n;
    this.m = new Montgomery(n);
    this.a24 = m.residue();
    this.s1 = m.residue();
    this.s2 = m.residue();
    this.s3 = m.residue();
    this.s4 = m.residue();
  }

  /** A proper factor of the odd composite {@code n}, or null when the plan runs out (factors of 40 digits and more). */
  static BigInteger factor(BigInteger n) {
    Ecm ecm = new Ecm(n);
    long sigma = 6;
    for (long[] step : PLAN) {
      // Equivalent mutants: a curve more or less per step, or B2 other than 50·B1, change which
      // curve finds a factor and when, never that what it returns is a proper factor.
      for (int curve = 0; curve < step[1]; curve++) {
        BigInteger g = ecm.curve(++sigma, step[0], step[0] * 50);
        if (g != null) {
          return g;
        }
      }
    }
    return null;
  }

  /** One curve, Suyama's σ: a proper factor, or null. */
  BigInteger curve(long sigma, long b1, long b2) {
    long[][] p = start(sigma);
    if (p == null) {
      return met.equals(n) ? null : met;
    }
    // Stage 2 looks primes up to b2 + d; the sieve is kept for the next curves. (Equivalent
    // mutants: a sieve too short, or none beyond stage 1's, reads the numbers past its end as
    // prime, so stage 2 forms more pairs: every prime is still met, the extra products only
    // cost time, and a factor they find is still proper.)
    sieveTo(b2 + 2 * 2310);
    p = stageOne(p, b1);
    BigInteger g = Montgomery.toBig(p[1]).gcd(n);
    if (!g.equals(BigInteger.ONE)) {
      return g.equals(n) ? null : g;
    }
    return stageTwo(p, b1, b2, composite);
  }

  /**
   * σ's curve: sets its a24 and returns its starting point (u³ : v³); null when 16u³v has no
   * inverse mod n, the gcd then in {@link #met}.
   */
  long[][] start(long sigma) {
    BigInteger s = BigInteger.valueOf(sigma);
    BigInteger u = s.multiply(s).subtract(BigInteger.valueOf(5)).mod(n);
    BigInteger v = s.shiftLeft(2).mod(n);
    BigInteger u3 = u.modPow(BigInteger.valueOf(3), n);
    BigInteger vMinusU = v.subtract(u);
    BigInteger num = vMinusU.pow(3).multiply(u.multiply(BigInteger.valueOf(3)).add(v)).mod(n);
    BigInteger den = u3.multiply(v).shiftLeft(4).mod(n);
    BigInteger g = den.gcd(n);
    if (!g.equals(BigInteger.ONE)) {
      met = g;
      return null;
    }
    System.arraycopy(m.toMontgomery(num.multiply(den.modInverse(n)).mod(n)), 0, a24, 0, m.words);
    return new long[][] {m.toMontgomery(u3), m.toMontgomery(v.modPow(BigInteger.valueOf(3), n))};
  }

  /** Stage 1: [k]P for k the product of every prime power up to b1, one prime power at a time. */
  long[][] stageOne(long[][] p, long b1) {
    sieveTo(b1);
    for (long q = 2; q <= b1; q = composite.nextClearBit((int) q + 1)) {
      long power = q;
      while (power <= b1 / q) {
        power *= q;
      }
      p = multiply(p, power);
    }
    return p;
  }

  /** The composites sieved up to at least {@code limit}. */
  private void sieveTo(long limit) {
    if (sieved < limit) { // equivalent mutant: <= sieves again to the same length
      sieved = limit;
      composite = sieve(sieved);
    }
  }

  /** Stage 2: the product of X_R·Z_S - X_S·Z_R over giant steps R = [mD]P and baby steps S = [j]P. */
  private BigInteger stageTwo(long[][] p, long b1, long b2, BitSet composite) {
    // Equivalent mutant: b2 <= 100,000 (the plan's B2 of 100,000 then laid out by 210): either
    // layout meets every prime of (b1, b2].
    int d = b2 < 100_000 ? 210 : 2310;
    int babies = d / 2;
    long[][] bx = new long[babies][];
    long[][] bz = new long[babies][];
    long[][] bxz = new long[babies][];
    long[][] p2 = dbl(p);
    long[][] prev = p; // [j-2]P, then [j]P walks up the odd multiples
    long[][] cur = p;
    // Equivalent mutant: j <= babies adds j = d/2, which shares a factor with d and is not kept.
    for (int j = 1; j < babies; j += 2) {
      if (j > 1) {
        long[][] next = add(cur, p2, j == 3 ? p : prev);
        prev = cur;
        cur = next;
      }
      if (gcd(j, d) == 1) {
        bx[j] = cur[0];
        bz[j] = cur[1];
        bxz[j] = m.residue();
        m.mul(cur[0], cur[1], bxz[j]);
      }
    }
    long first = Math.max(1, b1 / d);
    long[][] step = multiply(p, d);
    long[][] r = multiply(p, first * d);
    long[][] rPrev = first == 1 ? null : multiply(p, (first - 1) * d); // not needed from [D]P: its next is [2D]P
    long[] acc = m.one().clone();
    long[] xz = m.residue();
    // Equivalent mutants, for the plan's bounds (multiples of 10: composite, and no B2 a
    // multiple of d): < for <= here, and >= for > or < for <= against b1 and b2 below.
    for (long mm = first; (mm - 1) * d <= b2; mm++) {
      m.mul(r[0], r[1], xz);
      for (int j = 1; j < babies; j += 2) {
        if (bx[j] == null) {
          continue;
        }
        long lo = mm * d - j;
        long hi = mm * d + j;
        if ((lo > b1 && !composite.get((int) lo)) || (hi > b1 && hi <= b2 && !composite.get((int) hi))) {
          m.sub(r[0], bx[j], s1);
          m.add(r[1], bz[j], s2);
          m.mul(s1, s2, s1);
          m.sub(s1, xz, s1);
          m.add(s1, bxz[j], s1);
          m.mul(acc, s1, acc);
        }
      }
      long[][] next = mm == first && first == 1 ? dbl(step) : add(r, step, rPrev);
      rPrev = r;
      r = next;
    }
    BigInteger g = Montgomery.toBig(acc).gcd(n);
    return g.equals(BigInteger.ONE) || g.equals(n) ? null : g;
  }

  /** [k]P by the Montgomery ladder, k at least 1. */
  long[][] multiply(long[][] p, long k) {
    long[][] r0 = p;
    long[][] r1 = dbl(p);
    for (int i = 62 - Long.numberOfLeadingZeros(k); i >= 0; i--) {
      if ((k >>> i & 1) != 0) {
        r0 = add(r0, r1, p);
        r1 = dbl(r1);
      } else {
        r1 = add(r0, r1, p);
        r0 = dbl(r0);
      }
    }
    return r0;
  }

  /** [2]P: X = (X+Z)²(X-Z)², Z = 4XZ·((X-Z)² + a24·4XZ). */
  private long[][] dbl(long[][] p) {
    long[] x = m.residue();
    long[] z = m.residue();
    m.add(p[0], p[1], s1);
    m.mul(s1, s1, s1);
    m.sub(p[0], p[1], s2);
    m.mul(s2, s2, s2);
    m.mul(s1, s2, x);
    m.sub(s1, s2, s3);
    m.mul(s3, a24, s4);
    m.add(s4, s2, s4);
    m.mul(s3, s4, z);
    return new long[][] {x, z};
  }

  /** P + Q from P, Q and P - Q. */
  private long[][] add(long[][] p, long[][] q, long[][] diff) {
    long[] x = m.residue();
    long[] z = m.residue();
    m.sub(p[0], p[1], s1);
    m.add(q[0], q[1], s2);
    m.mul(s1, s2, s1);
    m.add(p[0], p[1], s3);
    m.sub(q[0], q[1], s4);
    m.mul(s3, s4, s3);
    m.add(s1, s3, s2);
    m.mul(s2, s2, s2);
    m.mul(s2, diff[1], x);
    m.sub(s1, s3, s4);
    m.mul(s4, s4, s4);
    m.mul(s4, diff[0], z);
    return new long[][] {x, z};
  }

  /**
   * The composites up to limit. (Equivalent mutants: a smaller first size, which the BitSet
   * grows past; 0 and 1 left unmarked, never looked up; i·i < limit, which differs only for a
   * limit that is a prime's square, beyond what either stage looks up.)
   */
  private static BitSet sieve(long limit) {
    BitSet composite = new BitSet((int) limit + 1);
    composite.set(0, 2);
    for (int i = 2; (long) i * i <= limit; i = composite.nextClearBit(i + 1)) {
      for (long j = (long) i * i; j <= limit; j += i) {
        composite.set((int) j);
      }
    }
    return composite;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
