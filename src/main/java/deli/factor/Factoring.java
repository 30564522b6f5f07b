package deli.factor;

import java.util.Arrays;

/**
 * Prime factorization of every long, pure and allocation-light: trial division by the primes
 * below {@value #TRIAL_LIMIT} (by multiplying with their inverses mod 2⁶⁴, no division), then
 * {@link Rho64}'s deterministic Miller-Rabin test, and Pollard-Brent rho or, from 2⁴⁷ on,
 * {@link Ecm64}'s elliptic curves for what is left. The
 * chapter's trial division up to √n is the baseline this replaces. Numbers beyond a long go
 * to {@link BigFactoring}.
 */
public final class Factoring {
  /** Trial division covers the primes below this; a cofactor below its square is prime. */
  static final int TRIAL_LIMIT = 1 << 13;

  private static final long TRIAL_SQUARE = (long) TRIAL_LIMIT * TRIAL_LIMIT;
  /**
   * Composites from here on are split by {@link Ecm64}, below by rho: rho's √p steps for the
   * smaller factor p cost less than a few curves up to about 23-bit factors (thread CPU on
   * semiprimes of two equal factors, rho against ECM: 44 bits 27-48 / 48-55 µs, 48 bits about
   * even, 52 bits 1.8x, 64 bits 3.5x; BENCHMARKS.md).
   */
  static final long ECM_FROM = 1L << 47;
  /** The odd primes below TRIAL_LIMIT, their inverses mod 2⁶⁴, and ⌊(2⁶⁴-1)/p⌋. */
  private static final long[] PRIMES;
  private static final long[] INVERSES;
  private static final long[] LIMITS;

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
      INVERSES[i] = Rho64.inverse(PRIMES[i]);
      LIMITS[i] = Long.divideUnsigned(-1L, PRIMES[i]);
    }
  }

  private Factoring() {}

  /**
   * The prime factors of {@code n}, ascending, each as often as it divides {@code n}: the
   * numbers GNU {@code factor} prints: none for 0 and 1.
   *
   * @throws IllegalArgumentException when {@code n} is negative
   */
  public static long[] factor(long n) {
    if (n < 2) {
      if (n < 0) {
        throw new IllegalArgumentException(n + " is negative");
      }
      return new long[0];
    }
    // Most numbers have few factors: a small array, grown in the rare case (2⁶² has 62).
    long[] out = new long[16];
    int count = 0;
    int twos = Long.numberOfTrailingZeros(n);
    if (twos > 0) { // equivalent mutant: >= 0 fills nothing for no twos
      out = ensure(out, twos);
      Arrays.fill(out, 0, twos, 2);
      count = twos;
      n >>>= twos;
    }
    int i = 0;
    // p divides n exactly when n·p⁻¹ mod 2⁶⁴ is at most ⌊(2⁶⁴-1)/p⌋ (unsigned), and then it is
    // n / p. Four primes at a time: four independent multiply-and-compare tests, one branch.
    // Equivalent mutants: < for <= in those tests and in the loops that divide p out, here and
    // after (n·p⁻¹ equals the limit only for an n of p·⌊(2⁶⁴-1)/p⌋, above every long); fewer
    // blocks or none (i + 4 < length, or the loop negated: the loop after it tries the same
    // primes one at a time); k <= i + 4 (the next block's first prime tried early, still in
    // ascending order); n / p⁻¹ for n · p⁻¹ in a test (the block is then searched prime by
    // prime: only cost); p / p for p · p, here and in the loop after (no early end: every prime
    // tried, then what is left decided below).
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
    if (n < TRIAL_SQUARE) { // equivalent mutant: <= (2^26 is even)
      out[count++] = n;
      return Arrays.copyOf(out, count);
    }
    count = factorLarge(n, out, count);
    Arrays.sort(out, 0, count);
    return Arrays.copyOf(out, count);
  }

  /** Room for size factors (equivalent mutants: growing when already just large enough, or to size alone). */
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
      if (p * p > n) { // equivalent mutant: p / p, every prime tried, then Miller-Rabin
        return true;
      }
      if (n % p == 0) {
        return n == p;
      }
    }
    return Rho64.isPrime(n);
  }

  /** Factors an {@code n} with no prime factor below TRIAL_LIMIT into {@code out}. */
  private static int factorLarge(long n, long[] out, int count) {
    if (n < TRIAL_SQUARE || Rho64.isPrime(n)) {
      out[count++] = n;
      return count;
    }
    // Equivalent mutants: either way round (rho or curves) gives a proper factor; and
    // TRIAL_SQUARE (2^26) is even, so <= for < above changes nothing.
    long d = n < ECM_FROM ? Rho64.rho(n) : Ecm64.factor(n);
    count = factorLarge(d, out, count);
    return factorLarge(n / d, out, count);
  }

}
