package deli.factor;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Prime factorization of numbers of any size, as GNU factor prints them: longs go to
 * {@link Factoring}; a larger number loses its small prime factors by trial division, then is
 * split by {@link Rho} (factors of up to about 30 bits, quickly) and {@link Ecm} (larger ones),
 * each part tested with {@link Bpsw}. Pure.
 */
public final class BigFactoring {
  /** Trial division below this for numbers beyond a long; rho finds the factors just above it in a few steps. */
  private static final int TRIAL_LIMIT = 1 << 12;
  /** Products of consecutive primes, each below 2³², so that one remainder tests several primes. */
  private static final long[] GROUPS;
  private static final int[][] GROUP_PRIMES;
  /**
   * Rho's steps before ECM takes over: factors up to about 2²⁴. A curve costs a few thousand
   * products, less than rho's √p steps from about 2²⁸ on.
   */
  private static final long RHO_STEPS = 1 << 12;

  static {
    List<Long> groups = new ArrayList<>();
    List<int[]> primes = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    long product = 1;
    for (int p = 3; p < TRIAL_LIMIT; p += 2) {
      if (!Factoring.isPrime(p)) {
        continue;
      }
      if (product * p >= 1L << 32) {
        groups.add(product);
        primes.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
        product = 1;
      }
      product *= p;
      current.add(p);
    }
    groups.add(product);
    primes.add(current.stream().mapToInt(Integer::intValue).toArray());
    GROUPS = groups.stream().mapToLong(Long::longValue).toArray();
    GROUP_PRIMES = primes.toArray(new int[0][]);
  }

  private BigFactoring() {}

  /**
   * The prime factors of {@code n}, ascending, each as often as it divides {@code n}; none for
   * 0 and 1.
   *
   * @throws IllegalArgumentException when {@code n} is negative
   */
  public static Numbers factor(BigInteger n) {
    if (n.signum() < 0) {
      throw new IllegalArgumentException(n + " is negative");
    }
    if (n.bitLength() <= 63) { // equivalent mutant: < 63 (63 bits the long way, the same factors)
      return Numbers.owning(Factoring.factor(n.longValue()));
    }
    List<BigInteger> out = new ArrayList<>();
    int twos = n.getLowestSetBit();
    for (int i = 0; i < twos; i++) {
      out.add(BigInteger.TWO);
    }
    n = n.shiftRight(twos);
    n = trialDivide(n, out);
    split(n, out);
    out.sort(null);
    return Numbers.ofBig(out.toArray(new BigInteger[0]));
  }

  /**
   * Divides out every odd prime below TRIAL_LIMIT, adding each to {@code out} (ascending), until
   * what is left fits a long ({@link Factoring} divides that further); what is left.
   */
  static BigInteger trialDivide(BigInteger n, List<BigInteger> out) {
    // Equivalent mutants: more words than n needs (here and below: leading zeros), and >= 63
    // for > 63 (a 63-bit rest divided one group further here rather than by Factoring).
    long[] words = Montgomery.limbs(n, (n.bitLength() + 63) / 64);
    for (int g = 0; g < GROUPS.length && n.bitLength() > 63; g++) {
      long r = remainder(words, GROUPS[g]);
      for (int p : GROUP_PRIMES[g]) {
        if (r % p != 0) {
          continue;
        }
        BigInteger bp = BigInteger.valueOf(p);
        BigInteger[] qr = n.divideAndRemainder(bp);
        while (qr[1].signum() == 0) {
          out.add(bp);
          n = qr[0];
          qr = n.divideAndRemainder(bp);
        }
        words = Montgomery.limbs(n, (n.bitLength() + 63) / 64);
      }
    }
    return n;
  }

  /** n mod m for m below 2³², a word at a time, without BigInteger's division. */
  static long remainder(BigInteger n, long m) {
    // Equivalent mutant: more words than n needs (bitLength * 64) only adds leading zeros.
    return remainder(Montgomery.limbs(n, (n.bitLength() + 63) / 64), m);
  }

  /** The remainder of the number whose words (least significant first) are {@code words}, by m below 2³². */
  static long remainder(long[] words, long m) {
    long r = 0;
    for (int i = words.length - 1; i >= 0; i--) {
      long w = words[i];
      r = Long.remainderUnsigned(r << 32 | w >>> 32, m);
      r = Long.remainderUnsigned(r << 32 | (w & 0xffff_ffffL), m);
    }
    return r;
  }

  /** Adds the prime factors of {@code n} (odd, or 1) to {@code out}. */
  private static void split(BigInteger n, List<BigInteger> out) {
    if (n.bitLength() <= 63) { // equivalent mutant: < 63, as in factor
      for (long p : Factoring.factor(n.longValue())) {
        out.add(BigInteger.valueOf(p));
      }
      return;
    }
    if (Bpsw.isPrime(n)) {
      out.add(n);
      return;
    }
    BigInteger root = n.sqrt();
    if (root.multiply(root).equals(n)) {
      split(root, out);
      split(root, out);
      return;
    }
    if (n.bitLength() == 64) {
      BigInteger d = new BigInteger(Long.toUnsignedString(Ecm64.factor(n.longValue())));
      split(d, out);
      split(n.divide(d), out);
      return;
    }
    // Equivalent mutants: ECM asked although rho found a factor (another proper factor), or rho
    // without limit asked although ECM found one; the last null check is reached only past
    // ECM's plan (factors of 40 digits and more), which no test can wait for.
    BigInteger d = Rho.factor(n, RHO_STEPS);
    if (d == null) {
      d = Ecm.factor(n);
    }
    if (d == null) {
      d = Rho.factor(n, Long.MAX_VALUE); // beyond ECM's plan: rho, however long it takes
    }
    split(d, out);
    split(n.divide(d), out);
  }
}
