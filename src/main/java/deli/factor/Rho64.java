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
    // Equivalent mutant: n <= 2^32 (even; n is odd).
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
      // Equivalent mutant: i <= s, one squaring more, to a^(n-1). It could change the answer
      // only if a^(n-1) = -1 mod n, which no odd n allows: with t = v2(n-1), every prime p of n
      // would need an order of a with 2^(t+1) in it, so p = 1 mod 2^(t+1), and then so would n.
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
    // Equivalent mutants in this walk and in rhoUnsigned's (PIT's survivors): every g it can
    // return is a gcd with n checked to be neither 1 nor n, so a proper factor whatever the
    // walk; changing how far it goes between gcds (i <= r, k <= r, r + k for r - k, i <=
    // steps), x >= y for x > y (equal, the difference is 0 either way), retracing when the
    // batch did not overshoot, or retracing with x + ys, changes which factor it meets and
    // when, not that it is one.
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

  /** a + b mod n (equivalent mutant: s <= 0 gives n for 0, which mul takes as 0). */
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

  /** R² mod n, from R mod n: squared where that fits a long, else by doubling 64 times. */
  static long squareOfR(long n, long rModN) {
    if (n < (1L << 32)) { // equivalent mutant: <= (2^32 is even, n odd)
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
    long x = a; // correct to 3 bits for odd a (equivalent mutant: a sixth step, already exact)
    for (int i = 0; i < 5; i++) {
      x *= 2 - a * x;
    }
    return x;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /**
   * gcd(a, n) for n odd and positive (Stein's binary algorithm). Equivalent mutants: a >= b
   * (a = b ends the loop first), and a + b for a - b or b - a: gcd(a + b, b) is gcd(a, b), and
   * (a + b) with its factors of 2 gone is below the larger of the two, so the loop still ends
   * at the gcd.
   */
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

  /**
   * Miller-Rabin with the bases exact below 2⁶⁴, for an odd {@code n} read as unsigned (2⁶³ to
   * 2⁶⁴ too) with no factor below 29: the same Montgomery steps with unsigned comparisons.
   */
  static boolean isPrimeUnsigned(long n) {
    long ninv = inverse(n);
    long one = Long.remainderUnsigned(-n, n);
    long r2 = squareOfRUnsigned(n, one);
    long minusOne = n - one;
    long d = n - 1;
    int s = Long.numberOfTrailingZeros(d);
    d >>>= s;
    for (long base : BASES_64) {
      long x = one;
      long b = mulUnsigned(Long.remainderUnsigned(base, n), r2, n, ninv);
      for (long e = d; e != 0; e >>>= 1) {
        if ((e & 1) != 0) {
          x = mulUnsigned(x, b, n, ninv);
        }
        b = mulUnsigned(b, b, n, ninv);
      }
      if (x == one || x == minusOne) {
        continue;
      }
      boolean witness = true;
      for (int i = 1; i < s && witness; i++) { // equivalent mutant: i <= s (as in isPrime)
        x = mulUnsigned(x, x, n, ninv);
        witness = x != minusOne;
      }
      if (witness) {
        return false;
      }
    }
    return true;
  }

  /** a·b·R⁻¹ mod n for any odd n, a, b in [0, n), read as unsigned. */
  static long mulUnsigned(long a, long b, long n, long ninv) {
    long hi = unsignedMultiplyHigh(a, b);
    long t = unsignedMultiplyHigh(a * b * ninv, n);
    long r = hi - t;
    return Long.compareUnsigned(hi, t) < 0 ? r + n : r;
  }

  /** R² mod n for any odd n read as unsigned, from R mod n, by doubling 64 times. */
  static long squareOfRUnsigned(long n, long rModN) {
    long x = rModN;
    for (int i = 0; i < 64; i++) {
      x = addUnsigned(x, x, n);
    }
    return x;
  }

  /**
   * a + b mod n, unsigned. Equivalent mutants: s >= n to s > n gives n for 0, which
   * mulUnsigned takes as 0; s <= a for s < a differs only for b = 0, and b is never 0 here (a
   * walk's c is R·k mod n for k below n, and R mod n doubled stays nonzero mod the odd n).
   */
  private static long addUnsigned(long a, long b, long n) {
    long s = a + b;
    return Long.compareUnsigned(s, a) < 0 || Long.compareUnsigned(s, n) >= 0 ? s - n : s;
  }

  /**
   * {@link #rho} for an odd composite {@code n} read as unsigned (2⁶³ to 2⁶⁴ too): a proper
   * factor, by the same walk in {@link #mulUnsigned} arithmetic.
   */
  static long rhoUnsigned(long n) {
    long ninv = inverse(n); // equivalent mutants: as in rho
    long one = Long.remainderUnsigned(-n, n);
    for (long c = one; ; c = addUnsigned(c, one, n)) {
      long y = addUnsigned(one, one, n);
      long x = y;
      long ys = y;
      long q = one;
      long g = 1;
      for (long r = 1; g == 1; r <<= 1) {
        x = y;
        for (long i = 0; i < r; i++) {
          y = addUnsigned(mulUnsigned(y, y, n, ninv), c, n);
        }
        for (long k = 0; k < r && g == 1; k += 128) {
          ys = y;
          for (long i = 0; i < Math.min(128, r - k); i++) {
            y = addUnsigned(mulUnsigned(y, y, n, ninv), c, n);
            q = mulUnsigned(q, Long.compareUnsigned(x, y) > 0 ? x - y : y - x, n, ninv);
          }
          g = gcdUnsigned(q, n);
        }
      }
      if (g == n) {
        // The batch overshot: retrace it one step at a time.
        do {
          ys = addUnsigned(mulUnsigned(ys, ys, n, ninv), c, n);
          g = gcdUnsigned(Long.compareUnsigned(x, ys) > 0 ? x - ys : ys - x, n);
        } while (g == 1);
      }
      if (g != n) {
        return g;
      }
    }
  }

  /**
   * gcd(a, n) for an odd n, both read as unsigned (Stein's binary algorithm). Equivalent mutant:
   * {@code >= 0} for {@code > 0} (a = b ends the loop first). Unlike {@link #gcd}'s, its
   * differences must stay differences: two numbers above 2⁶³ would wrap as a sum.
   */
  static long gcdUnsigned(long a, long b) {
    if (a == 0) {
      return b;
    }
    a >>>= Long.numberOfTrailingZeros(a);
    while (a != b) {
      if (Long.compareUnsigned(a, b) > 0) {
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
