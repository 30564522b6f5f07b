package deli.factor;

import java.math.BigInteger;

/**
 * Suyama's curve for σ mod a prime p as B·y² = x³ + A·x² + x, with affine points (null the
 * identity) and the chord-and-tangent law: an oracle for the elliptic-curve method
 * ({@link Ecm64}, {@link Ecm}) that shares nothing with it but the parametrization. It says at
 * which stage a curve must find p: stage 1 when [k]P is the identity mod p; stage 2 when the
 * order of Q = [k]P divides one of the two values of a pair the stage forms (X_R·Z_S - X_S·Z_R
 * for R = [mD]Q and S = [j]Q vanishes exactly when mD - j or mD + j is a multiple of it).
 */
final class TextbookCurve {
  /** Where the outcome cannot be predicted (see {@link #stage}). */
  static final int UNPREDICTED = -1;

  private final BigInteger p;
  private final BigInteger a;
  private final BigInteger b;
  /** The starting point (u³/v³, 1), with B chosen to put it on the curve. */
  final BigInteger[] start;

  private TextbookCurve(BigInteger p, BigInteger a, BigInteger b, BigInteger[] start) {
    this.p = p;
    this.a = a;
    this.b = b;
    this.start = start;
  }

  /** Suyama's curve for σ mod p, or null where it is singular mod p (or cannot be formed). */
  static TextbookCurve suyama(BigInteger p, long sigma) {
    BigInteger s = BigInteger.valueOf(sigma);
    BigInteger u = s.multiply(s).subtract(BigInteger.valueOf(5)).mod(p);
    BigInteger v = s.shiftLeft(2).mod(p);
    if (u.signum() == 0 || v.signum() == 0) {
      return null;
    }
    BigInteger u3 = u.pow(3);
    BigInteger x = u3.multiply(v.pow(3).modInverse(p)).mod(p);
    BigInteger ap2 = v.subtract(u).pow(3).multiply(u.multiply(BigInteger.valueOf(3)).add(v))
        .multiply(u3.multiply(v).shiftLeft(2).modInverse(p)).mod(p);
    BigInteger a = ap2.subtract(BigInteger.TWO).mod(p);
    BigInteger b = x.pow(3).add(a.multiply(x.pow(2))).add(x).mod(p);
    if (a.pow(2).subtract(BigInteger.valueOf(4)).mod(p).signum() == 0 || b.signum() == 0) {
      return null;
    }
    return new TextbookCurve(p, a, b, new BigInteger[] {x, BigInteger.ONE});
  }

  /**
   * The stage at which σ's curve finds p: 1, 2, or 0 for neither. k is stage 1's multiplier;
   * {@code pairs} holds stage 2's pairs as {mD - j, mD + j}; {@code reach} bounds every multiple
   * of Q stage 2 forms. {@link #UNPREDICTED} where the curve is singular mod p, or where Q's
   * order is within stage 2's reach but divides no pair: some multiple formed on the way is
   * then the identity, and x-only arithmetic through the identity (0 : 0) may find p by chance.
   */
  static int stage(BigInteger p, long sigma, BigInteger k, int reach, int[][] pairs) {
    TextbookCurve curve = suyama(p, sigma);
    if (curve == null) {
      return UNPREDICTED;
    }
    BigInteger[] q = curve.times(k, curve.start);
    if (q == null) {
      return 1;
    }
    int order = curve.orderUpTo(q, reach);
    if (order == 0) {
      return 0;
    }
    for (int[] pair : pairs) {
      if (pair[0] % order == 0 || pair[1] % order == 0) {
        return 2;
      }
    }
    return UNPREDICTED;
  }

  /**
   * The order of q if it is at most {@code reach}, else 0: baby steps [i]q, i < w, and giant
   * steps [g·w]q; where [g·w]q = ±[i]q the order divides g·w ∓ i, and the least such is it.
   */
  int orderUpTo(BigInteger[] q, int reach) {
    int w = (int) Math.ceil(Math.sqrt(reach));
    BigInteger[][] baby = new BigInteger[w][];
    baby[1] = q;
    int order = Integer.MAX_VALUE;
    for (int i = 2; i < w; i++) {
      baby[i] = plus(baby[i - 1], q);
      if (baby[i] == null) {
        order = Math.min(order, i);
      }
    }
    BigInteger[] step = plus(baby[w - 1], q);
    BigInteger[] giant = null;
    for (int g = 1; g * w <= reach + w; g++) {
      giant = plus(giant, step);
      if (giant == null) {
        order = Math.min(order, g * w);
        continue;
      }
      for (int i = 1; i < w; i++) {
        if (baby[i] != null && baby[i][0].equals(giant[0])) {
          order = Math.min(order, baby[i][1].equals(giant[1]) ? g * w - i : g * w + i);
        }
      }
    }
    return order > reach ? 0 : order;
  }

  /** s + t; null is the identity. */
  BigInteger[] plus(BigInteger[] s, BigInteger[] t) {
    if (s == null) {
      return t;
    }
    if (t == null) {
      return s;
    }
    BigInteger lambda;
    if (s[0].equals(t[0])) {
      if (s[1].add(t[1]).mod(p).signum() == 0) {
        return null;
      }
      BigInteger x = s[0];
      lambda = x.pow(2).multiply(BigInteger.valueOf(3)).add(a.multiply(x).shiftLeft(1)).add(BigInteger.ONE)
          .multiply(b.multiply(s[1]).shiftLeft(1).modInverse(p));
    } else {
      lambda = t[1].subtract(s[1]).multiply(t[0].subtract(s[0]).modInverse(p));
    }
    lambda = lambda.mod(p);
    BigInteger x = b.multiply(lambda.pow(2)).subtract(a).subtract(s[0]).subtract(t[0]).mod(p);
    BigInteger y = lambda.multiply(s[0].subtract(x)).subtract(s[1]).mod(p);
    return new BigInteger[] {x, y};
  }

  /** [k]point, by doubling and adding. */
  BigInteger[] times(BigInteger k, BigInteger[] point) {
    BigInteger[] r = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      r = plus(r, r);
      if (k.testBit(i)) {
        r = plus(r, point);
      }
    }
    return r;
  }

  /** The product of every prime power up to b1: what stage 1 multiplies by. */
  static BigInteger primePowerProduct(long b1) {
    BigInteger k = BigInteger.ONE;
    for (long q = 2; q <= b1; q++) {
      if (BigInteger.valueOf(q).isProbablePrime(50)) {
        long power = q;
        while (power <= b1 / q) {
          power *= q;
        }
        k = k.multiply(BigInteger.valueOf(power));
      }
    }
    return k;
  }
}
