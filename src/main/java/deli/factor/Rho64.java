package deli.factor;

/**
 * The 64-bit half of {@link Factoring}, for odd numbers below 2⁶³ with no small factor: a
 * deterministic Miller-Rabin test and Pollard-Brent rho, in Montgomery arithmetic with R = 2⁶⁴
 * (a product costs two multiplications and two {@link Math#multiplyHigh}, no division). Pure.
 */
final class Rho64 {
  /** Miller-Rabin bases that make the test exact below 2³², below 1,122,004,669,633, and below 2⁶⁴. */
  private static final long[] BASES_32 = {2, 7, 61};
  private static final long BELOW_JAESCHKE = 1_122_004_669_633L;
  private static final long[] BASES_JAESCHKE = {2, 13, 23, 1662803};
  private static final long[] BASES_64 = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

  private Rho64() {}

  /** Miller-Rabin for an odd {@code n} with no small factor, with bases that make it exact. */
  static boolean isPrime(long n) {
    long[] bases = n < (1L << 32) ? BASES_32 : n < BELOW_JAESCHKE ? BASES_JAESCHKE : BASES_64;
    long ninv = inverse(n);
    long one = Long.remainderUnsigned(-n, n); // R mod n, R = 2⁶⁴: Montgomery's 1
    long r2 = squareOfR(n, one);
    long minusOne = n - one;
    long d = n - 1;
    int s = Long.numberOfTrailingZeros(d);
    d >>>= s;
    for (long base : bases) {
      long a = base % n;
      if (a == 0) {
        continue;
      }
      long x = pow(mul(a, r2, n, ninv), d, one, n, ninv);
      if (x == one || x == minusOne) {
        continue;
      }
      boolean witness = true;
      for (int i = 1; i < s; i++) {
        x = mul(x, x, n, ninv);
        if (x == minusOne) {
          witness = false;
          break;
        }
        if (x == one) {
          break;
        }
      }
      if (witness) {
        return false;
      }
    }
    return true;
  }

  /**
   * A proper factor of the odd composite {@code n} (not a prime power of a small prime), by
   * Pollard's rho with Brent's cycle finding, gcds batched over 128 steps.
   */
  static long rho(long n) {
    long ninv = inverse(n);
    long one = Long.remainderUnsigned(-n, n);
    for (long c = one; ; c = add(c, one, n)) {
      long y = add(one, one, n);
      long x = y;
      long ys = y;
      long q = one;
      long g = 1;
      int m = 128;
      for (long r = 1; g == 1; r <<= 1) {
        x = y;
        for (long i = 0; i < r; i++) {
          y = add(mul(y, y, n, ninv), c, n);
        }
        for (long k = 0; k < r && g == 1; k += m) {
          ys = y;
          long steps = Math.min(m, r - k);
          for (long i = 0; i < steps; i++) {
            y = add(mul(y, y, n, ninv), c, n);
            q = mul(q, x > y ? x - y : y - x, n, ninv);
          }
          g = gcd(q, n);
        }
      }
      if (g == n) {
        // The batch overshot: retrace it one step at a time.
        do {
          ys = add(mul(ys, ys, n, ninv), c, n);
          g = gcd(x > ys ? x - ys : ys - x, n);
        } while (g == 1);
      }
      if (g != n) {
        return g;
      }
    }
  }

  /** a·b·R⁻¹ mod n, for a, b in [0, n) and odd n below 2⁶³ (Montgomery's REDC). */
  static long mul(long a, long b, long n, long ninv) {
    long lo = a * b;
    long hi = unsignedMultiplyHigh(a, b);
    long m = lo * ninv;
    long t = unsignedMultiplyHigh(m, n);
    // a·b - m·n is a multiple of R; its top half is hi - t, in (-n, n).
    long r = hi - t;
    return r < 0 ? r + n : r;
  }

  private static long add(long a, long b, long n) {
    long s = a + b - n; // in (-n, n): a, b < n < 2⁶³
    return s < 0 ? s + n : s;
  }

  private static long pow(long base, long e, long one, long n, long ninv) {
    long result = one;
    while (e > 0) {
      if ((e & 1) != 0) {
        result = mul(result, base, n, ninv);
      }
      base = mul(base, base, n, ninv);
      e >>>= 1;
    }
    return result;
  }

  /** R² mod n, from R mod n, by doubling 64 times. */
  private static long squareOfR(long n, long rModN) {
    if (n < (1L << 32)) {
      return Long.remainderUnsigned(rModN * rModN, n);
    }
    long x = rModN;
    for (int i = 0; i < 64; i++) {
      x = add(x, x, n);
    }
    return x;
  }

  /** The inverse of odd {@code a} mod 2⁶⁴ (Newton's iteration, doubling correct bits each step). */
  static long inverse(long a) {
    long x = a; // correct to 3 bits for odd a
    for (int i = 0; i < 5; i++) {
      x *= 2 - a * x;
    }
    return x;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** gcd(a, n) for n odd and positive (Stein's binary algorithm). */
  static long gcd(long a, long b) {
    if (a == 0) {
      return b;
    }
    a >>>= Long.numberOfTrailingZeros(a);
    while (a != b) {
      if (a > b) {
        a -= b;
        a >>>= Long.numberOfTrailingZeros(a);
      } else {
        b -= a;
        b >>>= Long.numberOfTrailingZeros(b);
      }
    }
    return a;
  }
}
