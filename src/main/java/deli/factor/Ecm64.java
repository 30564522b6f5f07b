package deli.factor;

/**
 * Lenstra's elliptic-curve method on one word, for odd composites below 2⁶⁴ (read as unsigned)
 * whose factors are too large for rho to be quick: a 32 x 32-bit semiprime costs rho about
 * 2¹⁶ steps (twice as many products), where a curve costs a few thousand products and a few
 * curves find a factor (yafu's micro-ECM does the same). {@link Ecm}'s method with its
 * arithmetic on longs ({@link Rho64#mulUnsigned}): Suyama's curves, started from x = u³/v³ so
 * that stage 1's ladder adds with a difference whose Z is 1, over the product of every prime
 * power up to B1; stage 2 pairs each prime of (B1, B2] as mD ± j. Nothing is allocated per
 * step. Pure; one instance per modulus.
 */
final class Ecm64 {
  /** Curves to try before {@link Rho64#rhoUnsigned} takes over (never needed in practice: a safety net). */
  static final int CURVES = 64;

  private static final EcmPlan SMALL = EcmPlan.of(85, 25 * 85, 60);
  private static final EcmPlan MEDIUM = EcmPlan.of(125, 25 * 125, 60);
  private static final EcmPlan LARGE = EcmPlan.of(200, 20 * 200, 60);

  private final long n;
  private final long ninv;
  private final long one;
  private final long r2;
  /** Scratch for stage 2's baby steps: X, Z and X·Z of [j]Q for each j of the plan. */
  private final long[] bx;
  private final long[] bz;
  private final long[] bxz;
  /** The point {@link #add} and {@link #dbl} leave: two longs, without an object per step. */
  private long ox;
  private long oz;
  /** The current curve's a24 = (A + 2) / 4 and starting point (xp : 1). */
  private long a24;
  private long xp;
  /** The ladder's two points, R0 = (x0 : z0) and R1 = R0 + P = (x1 : z1). */
  private long x0;
  private long z0;
  private long x1;
  private long z1;
  /** Stage 2's product. */
  private long acc;

  Ecm64(long n, EcmPlan plan) {
    this.n = n;
    this.ninv = Rho64.inverse(n);
    this.one = Long.remainderUnsigned(-n, n);
    long x = one;
    for (int i = 0; i < 64; i++) {
      x = add(x, x);
    }
    this.r2 = x;
    // Equivalent mutants: larger arrays here (d * 2) only leave their ends unused.
    this.bx = new long[plan.d() / 2];
    this.bz = new long[plan.d() / 2];
    this.bxz = new long[plan.d() / 2];
  }

  /**
   * A proper factor of the odd composite {@code n} (unsigned), found on one curve after another;
   * meant for an n whose small factors trial division has taken.
   */
  static long factor(long n) {
    return factor(n, CURVES);
  }

  /** {@link #factor(long)} with at most {@code curves} curves before rho. */
  static long factor(long n, int curves) {
    long g = byCurves(n, curves);
    return g != 0 ? g : Rho64.rhoUnsigned(n);
  }

  /** A proper factor of {@code n} found by one of the first {@code curves} curves, or 0. */
  static long byCurves(long n, int curves) {
    EcmPlan plan = planFor(n);
    Ecm64 ecm = new Ecm64(n, plan);
    for (int sigma = 7; sigma < 7 + curves; sigma++) {
      long g = ecm.curve(sigma, plan);
      if (g != 0) {
        return g;
      }
    }
    return 0;
  }

  /**
   * The bounds for {@code n}'s size: larger numbers, larger factors to find, longer curves.
   * (Which plan runs changes how many curves a factor takes, never the factor found: a curve
   * returns only proper factors.)
   */
  static EcmPlan planFor(long n) {
    int bits = 64 - Long.numberOfLeadingZeros(n);
    return bits <= 52 ? SMALL : bits <= 58 ? MEDIUM : LARGE;
  }

  /** One curve, Suyama's σ: a proper factor, or 0. */
  long curve(long sigma, EcmPlan plan) {
    long u = mont(sigma * sigma - 5);
    long v = mont(4 * sigma);
    long u3 = mul(mul(u, u), u);
    long v3 = mul(mul(v, v), v);
    long vu = sub(v, u);
    long num = mul(mul(mul(vu, vu), vu), add(add(add(u, u), u), v));
    long den = mul(u3, v);
    den = add(den, den);
    den = add(den, den);
    den = add(den, den);
    den = add(den, den);
    // One inversion gives both x = u³/v³ and a24 = num/den.
    long w = mul(den, v3);
    long plainW = mul(w, 1);
    long g = Rho64.gcdUnsigned(plainW, n);
    if (g != 1) {
      return g == n ? 0 : g;
    }
    long inv = mul(inverse(plainW, n), r2);
    xp = mul(mul(u3, den), inv);
    a24 = mul(mul(num, v3), inv);
    stageOne(plan.swaps());
    return stageTwo(x0, z0, plan);
  }

  /**
   * Stage 1: (x0 : z0) = [k]P by the Montgomery ladder, the difference always P = (xp : 1). The
   * ladder's two points trade places where k's bit changes, by masks rather than branches (k's
   * bits are as good as random: a branch on them is mispredicted every other step).
   */
  private void stageOne(long[] swaps) {
    dbl(xp, one);
    x0 = xp;
    z0 = one;
    x1 = ox;
    z1 = oz;
    for (int i = 0; i < swaps.length - 1; i++) {
      ladderStep(swaps[i]);
    }
    // Equivalent mutants: k is even in every plan (2's power is in it), so this last mask is
    // 0 and what it masks (x0 ^ x1, z0 ^ z1) may be anything. One ladder step more (i <=
    // length - 1 above) makes the point [2k]P or [2k+1]P: a curve then finds its factors at
    // other σ, and a factor found is still proper (the answers of factor() are the same).
    long mask = swaps[swaps.length - 1];
    x0 ^= (x0 ^ x1) & mask;
    z0 ^= (z0 ^ z1) & mask;
  }

  /**
   * One bit of the ladder: (x1 : z1) = R0 + R1, (x0 : z0) = 2·R0, after trading places when
   * {@code mask} is -1. A method of its own, on fields, so that the JIT compiles it within the
   * first curve (a method is compiled after a few hundred calls, a loop inside one only after
   * tens of thousands of turns): a one-off {@code deli factor} run is over before that.
   */
  private void ladderStep(long mask) {
    long sx = (x0 ^ x1) & mask;
    long sz = (z0 ^ z1) & mask;
    long ax = x0 ^ sx;
    long az = z0 ^ sz;
    long bx1 = x1 ^ sx;
    long bz1 = z1 ^ sz;
    // The sum and the doubling share R0's sum and difference.
    long p = add(ax, az);
    long m = sub(ax, az);
    long uu = mul(m, add(bx1, bz1));
    long vv = mul(p, sub(bx1, bz1));
    long e = add(uu, vv);
    long f = sub(uu, vv);
    x1 = mul(e, e);
    z1 = mul(xp, mul(f, f));
    p = mul(p, p);
    m = mul(m, m);
    long t = sub(p, m);
    x0 = mul(p, m);
    z0 = mul(t, add(m, mul(a24, t)));
  }

  /** Stage 2 from Q = (qx : qz): the product of X_R·Z_S - X_S·Z_R over the plan's pairs, R = [mD]Q, S = [j]Q. */
  private long stageTwo(long qx, long qz, EcmPlan plan) {
    // Baby steps: the odd multiples [j]Q, j < d/2, each [j-2]Q + [2]Q with the difference [j-4]Q.
    dbl(qx, qz);
    long x2 = ox;
    long z2 = oz;
    long px = qx;
    long pz = qz;
    long cx = qx;
    long cz = qz;
    bx[0] = qx;
    bz[0] = qz;
    // Equivalent mutant: j <= d / 2 is the same loop, d / 2 being even in every plan and j odd.
    for (int j = 3; j < plan.d() / 2; j += 2) {
      add(cx, cz, x2, z2, px, pz);
      px = cx;
      pz = cz;
      cx = ox;
      cz = oz;
      bx[j / 2] = cx;
      bz[j / 2] = cz;
    }
    for (int j : plan.babies()) {
      bxz[j / 2] = mul(bx[j / 2], bz[j / 2]);
    }
    // [D]Q by the ladder, the difference always Q.
    long ax = qx;
    long az = qz;
    long bbx = x2;
    long bbz = z2;
    for (int i = 30 - Integer.numberOfLeadingZeros(plan.d()); i >= 0; i--) {
      add(ax, az, bbx, bbz, qx, qz);
      if ((plan.d() >>> i & 1) != 0) {
        ax = ox;
        az = oz;
        dbl(bbx, bbz);
        bbx = ox;
        bbz = oz;
      } else {
        bbx = ox;
        bbz = oz;
        dbl(ax, az);
        ax = ox;
        az = oz;
      }
    }
    long stepX = ax;
    long stepZ = az;
    // Giant steps: R walks [D]Q, [2D]Q, ..., each the last plus [D]Q with the one before as difference.
    acc = qz; // stage 1's Z: a factor found there shows in the same gcd
    long rx = stepX;
    long rz = stepZ;
    long prx = 0;
    long prz = 0;
    int[] pairs = plan.pairs();
    int next = 0;
    for (int mm = 1; mm <= plan.giants(); mm++) {
      if (mm > 1) {
        if (mm == 2) {
          dbl(rx, rz);
        } else {
          add(rx, rz, stepX, stepZ, prx, prz);
        }
        prx = rx;
        prz = rz;
        rx = ox;
        rz = oz;
      }
      long rxz = mul(rx, rz);
      while (next < pairs.length && pairs[next] >>> 16 == mm) {
        pair(rx, rz, rxz, (pairs[next++] & 0xffff) / 2);
      }
    }
    long g = Rho64.gcdUnsigned(mul(acc, 1), n);
    return g == 1 || g == n ? 0 : g;
  }

  /** acc·(X_R·Z_S - X_S·Z_R) for R = (rx : rz) and S the baby step {@code b}, as (X_R - X_S)(Z_R + Z_S) - X_R·Z_R + X_S·Z_S. */
  private void pair(long rx, long rz, long rxz, int b) {
    long e = mul(sub(rx, bx[b]), add(rz, bz[b]));
    acc = mul(acc, add(sub(e, rxz), bxz[b]));
  }

  /** (ox : oz) = P + Q, from P - Q = (dx : dz). */
  private void add(long px, long pz, long qx, long qz, long dx, long dz) {
    long uu = mul(sub(px, pz), add(qx, qz));
    long vv = mul(add(px, pz), sub(qx, qz));
    long e = add(uu, vv);
    long f = sub(uu, vv);
    ox = mul(dz, mul(e, e));
    oz = mul(dx, mul(f, f));
  }

  /** (ox : oz) = [2]P: X = (X+Z)²(X-Z)², Z = 4XZ·((X-Z)² + a24·4XZ). */
  private void dbl(long x, long z) {
    long s = add(x, z);
    long d = sub(x, z);
    s = mul(s, s);
    d = mul(d, d);
    long t = sub(s, d);
    ox = mul(s, d);
    oz = mul(t, add(d, mul(a24, t)));
  }

  private long mont(long x) {
    return mul(Long.remainderUnsigned(x, n), r2);
  }

  /**
   * a·b·R⁻¹ mod n, the same arithmetic for every n below 2⁶⁴. (A cheaper product for n below 2⁶³
   * was 5% faster per curve there, but as a branch on n that flips between numbers it had the
   * JIT recompiling the product mid-run: see BENCHMARKS.md.)
   */
  private long mul(long a, long b) {
    return Rho64.mulUnsigned(a, b, n, ninv);
  }

  /**
   * a + b mod n, as a - (n - b) when that does not go below 0: one unsigned comparison.
   * (Equivalent mutants, here and in sub: <= 0 for < 0 returns n for 0, which mul, add and sub
   * all take as 0; no result leaves this class without a mul, which reduces it.)
   */
  private long add(long a, long b) {
    long nb = n - b;
    return Long.compareUnsigned(a, nb) < 0 ? a + b : a - nb;
  }

  private long sub(long a, long b) {
    long d = a - b;
    return Long.compareUnsigned(a, b) < 0 ? d + n : d;
  }

  /** a⁻¹ mod n for a coprime to the odd n (both unsigned), by the binary extended Euclid. */
  static long inverse(long a, long n) {
    long u = a;
    long v = n;
    long x1 = 1;
    long x2 = 0;
    long halfN = (n >>> 1) + 1; // (x + n) / 2 for odd x is x/2 (rounded down) + halfN
    while (u != 1 && v != 1) {
      while ((u & 1) == 0) {
        u >>>= 1;
        x1 = (x1 & 1) == 0 ? x1 >>> 1 : (x1 >>> 1) + halfN;
      }
      while ((v & 1) == 0) {
        v >>>= 1;
        x2 = (x2 & 1) == 0 ? x2 >>> 1 : (x2 >>> 1) + halfN;
      }
      // Equivalent mutants: > 0 here (u = v never happens: gcd(u, v) stays 1 and the loop ends
      // at 1), and <= 0 for < 0 below (x1 = x2 gives n for 0, which halving and subtracting
      // keep as n, and the inverse is never 0).
      if (Long.compareUnsigned(u, v) >= 0) {
        u -= v;
        x1 = Long.compareUnsigned(x1, x2) < 0 ? x1 - x2 + n : x1 - x2;
      } else {
        v -= u;
        x2 = Long.compareUnsigned(x2, x1) < 0 ? x2 - x1 + n : x2 - x1;
      }
    }
    return u == 1 ? x1 : x2;
  }
}
