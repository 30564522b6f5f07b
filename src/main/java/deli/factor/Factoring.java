package deli.factor;

import java.util.Arrays;

/**
 * Prime factorization of every integer from 2 to 2⁶³-1, pure and allocation-light: trial
 * division by the primes below {@value #TRIAL_LIMIT} (by multiplying with their inverses
 * mod 2⁶⁴, no division), then a deterministic Miller-Rabin test and Pollard-Brent rho in
 * Montgomery arithmetic for what is left. The chapter's trial division up to √n is the
 * baseline this replaces.
 */
public final class Factoring {
  /** The largest number deli factors. */
  public static final long MAX = Long.MAX_VALUE;

  /** Trial division covers the primes below this; a cofactor below its square is prime. */
  static final int TRIAL_LIMIT = 1 << 13;

  private static final long TRIAL_SQUARE = (long) TRIAL_LIMIT * TRIAL_LIMIT;
  /** The odd primes below TRIAL_LIMIT, their inverses mod 2⁶⁴, and ⌊(2⁶⁴-1)/p⌋. */
  private static final long[] PRIMES;
  private static final long[] INVERSES;
  private static final long[] LIMITS;

  /** Miller-Rabin bases that make the test exact below 2³², below 1,122,004,669,633, and below 2⁶⁴. */
  private static final long[] BASES_32 = {2, 7, 61};
  private static final long BELOW_JAESCHKE = 1_122_004_669_633L;
  private static final long[] BASES_JAESCHKE = {2, 13, 23, 1662803};
  private static final long[] BASES_64 = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};

  static {
    boolean[] composite = new boolean[TRIAL_LIMIT];
    long[] primes = new long[TRIAL_LIMIT];
    int count = 0;
    for (int i = 3; i < TRIAL_LIMIT; i += 2) {
      if (!composite[i]) {
        primes[count++] = i;
        for (int j = i * i; j < TRIAL_LIMIT; j += 2 * i) {
          composite[j] = true;
        }
      }
    }
    PRIMES = Arrays.copyOf(primes, count);
    INVERSES = new long[count];
    LIMITS = new long[count];
    for (int i = 0; i < count; i++) {
      INVERSES[i] = inverse(PRIMES[i]);
      LIMITS[i] = Long.divideUnsigned(-1L, PRIMES[i]);
    }
  }

  private Factoring() {}

  /**
   * The prime factors of {@code n}, ascending, each as often as it divides {@code n}: the
   * numbers GNU {@code factor} prints.
   *
   * @throws IllegalArgumentException when {@code n} is below 2
   */
  public static long[] factor(long n) {
    if (n < 2) {
      throw new IllegalArgumentException(n + " has no prime factors");
    }
    // Most numbers have few factors: a small array, grown in the rare case (2⁶² has 62).
    long[] out = new long[16];
    int count = 0;
    int twos = Long.numberOfTrailingZeros(n);
    if (twos > 0) {
      out = ensure(out, twos);
      Arrays.fill(out, 0, twos, 2);
      count = twos;
      n >>>= twos;
    }
    int i = 0;
    // p divides n exactly when n·p⁻¹ mod 2⁶⁴ is at most ⌊(2⁶⁴-1)/p⌋ (unsigned), and then it is
    // n / p. Four primes at a time: four independent multiply-and-compare tests, one branch.
    for (; i + 4 <= PRIMES.length; i += 4) {
      long p0 = PRIMES[i];
      if (p0 * p0 > n) {
        if (n > 1) {
          out = ensure(out, count + 1);
          out[count++] = n;
        }
        return Arrays.copyOf(out, count);
      }
      boolean any =
          Long.compareUnsigned(n * INVERSES[i], LIMITS[i]) <= 0
              | Long.compareUnsigned(n * INVERSES[i + 1], LIMITS[i + 1]) <= 0
              | Long.compareUnsigned(n * INVERSES[i + 2], LIMITS[i + 2]) <= 0
              | Long.compareUnsigned(n * INVERSES[i + 3], LIMITS[i + 3]) <= 0;
      if (any) {
        for (int k = i; k < i + 4; k++) {
          long inv = INVERSES[k];
          long lim = LIMITS[k];
          long q = n * inv;
          while (Long.compareUnsigned(q, lim) <= 0) {
            out = ensure(out, count + 1);
            out[count++] = PRIMES[k];
            n = q;
            q = n * inv;
          }
        }
      }
    }
    for (; i < PRIMES.length && n > 1; i++) {
      long p = PRIMES[i];
      if (p * p > n) {
        out = ensure(out, count + 1);
        out[count++] = n;
        return Arrays.copyOf(out, count);
      }
      long inv = INVERSES[i];
      long lim = LIMITS[i];
      long q = n * inv;
      while (Long.compareUnsigned(q, lim) <= 0) {
        out = ensure(out, count + 1);
        out[count++] = p;
        n = q;
        q = n * inv;
      }
    }
    if (n == 1) {
      return Arrays.copyOf(out, count);
    }
    // Every factor left is above TRIAL_LIMIT = 2¹³, so there are at most four of them.
    out = ensure(out, count + 4);
    if (n < TRIAL_SQUARE) {
      out[count++] = n;
      return Arrays.copyOf(out, count);
    }
    count = factorLarge(n, out, count);
    Arrays.sort(out, 0, count);
    return Arrays.copyOf(out, count);
  }

  private static long[] ensure(long[] out, int size) {
    return size <= out.length ? out : Arrays.copyOf(out, Math.max(size, 2 * out.length));
  }

  /** Whether {@code n} is prime; exact for every long. */
  public static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    if ((n & 1) == 0) {
      return n == 2;
    }
    for (long p : PRIMES) {
      if (p * p > n) {
        return true;
      }
      if (n % p == 0) {
        return n == p;
      }
    }
    return isPrimeLarge(n);
  }

  /** Factors an {@code n} with no prime factor below TRIAL_LIMIT into {@code out}. */
  private static int factorLarge(long n, long[] out, int count) {
    if (n < TRIAL_SQUARE || isPrimeLarge(n)) {
      out[count++] = n;
      return count;
    }
    long d = rho(n);
    count = factorLarge(d, out, count);
    return factorLarge(n / d, out, count);
  }

  /** Miller-Rabin for an odd {@code n} with no small factor, with bases that make it exact. */
  static boolean isPrimeLarge(long n) {
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
  private static long gcd(long a, long b) {
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
