package deli.factor;

import java.math.BigInteger;

/**
 * Primality for numbers of any size. Below 2⁶⁴ and below 3.3·10²⁴, Miller-Rabin with the bases
 * known to make it exact there (Jaeschke's and Sorenson-Webster's), in {@link Montgomery}
 * arithmetic; beyond, the Baillie-PSW test: a strong probable-prime test to base 2, then a
 * strong Lucas probable-prime test with Selfridge's parameters. No composite is known to pass
 * both; GNU factor's answer is the same. Pure.
 */
final class Bpsw {
  private static final BigInteger TWO = BigInteger.TWO;
  /** The first 13 primes, exact below this bound (Sorenson and Webster, 2015). */
  private static final long[] BASES_13 = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41};
  private static final BigInteger BELOW_13 = new BigInteger("3317044064679887385961981");
  /** 3·5·...·23: one remainder tests the small primes. */
  private static final long SMALL_PRIMES = 111_546_435L;

  private Bpsw() {}

  /** Whether {@code n} is (by BPSW) prime; {@code n} of any size. */
  static boolean isPrime(BigInteger n) {
    // The size tests here and below only choose the quicker exact test: moving a boundary by
    // one (63 or 64 bits going the longer way) is an equivalent mutant, as is a small-prime
    // remainder test that finds nothing (the tests after it find those composites too).
    if (n.bitLength() <= 63) {
      return Factoring.isPrime(n.longValue());
    }
    if (!n.testBit(0)) {
      return false;
    }
    long r = BigFactoring.remainder(n, SMALL_PRIMES);
    for (int p : new int[] {3, 5, 7, 11, 13, 17, 19, 23}) {
      if (r % p == 0) {
        return false;
      }
    }
    if (n.bitLength() <= 64) {
      return Rho64.isPrimeUnsigned(n.longValue());
    }
    if (n.compareTo(BELOW_13) < 0) {
      Montgomery m = new Montgomery(n);
      for (long base : BASES_13) {
        if (!strong(m, BigInteger.valueOf(base))) {
          return false;
        }
      }
      return true;
    }
    return strongBaseTwo(n) && strongLucas(n);
  }

  /** The Miller-Rabin test to base 2, for odd n. */
  static boolean strongBaseTwo(BigInteger n) {
    return strong(new Montgomery(n), TWO);
  }

  /** The Miller-Rabin test to {@code base} (below n), for odd n: true when n is a strong probable prime to it. */
  private static boolean strong(Montgomery m, BigInteger base) {
    BigInteger n = m.modulus;
    BigInteger nMinusOne = n.subtract(BigInteger.ONE);
    int s = nMinusOne.getLowestSetBit();
    long[] one = m.one();
    long[] minusOne = m.residue();
    m.sub(minusOne, one, minusOne);
    long[] x = m.pow(m.toMontgomery(base), nMinusOne.shiftRight(s));
    if (java.util.Arrays.equals(x, one) || java.util.Arrays.equals(x, minusOne)) {
      return true;
    }
    for (int i = 1; i < s; i++) {
      m.mul(x, x, x);
      if (java.util.Arrays.equals(x, minusOne)) {
        return true;
      }
      if (java.util.Arrays.equals(x, one)) {
        return false;
      }
    }
    return false;
  }

  /** The strong Lucas test with P = 1 and Q = (1 - D)/4, D the first of 5, -7, 9, ... with (D/n) = -1. */
  static boolean strongLucas(BigInteger n) {
    BigInteger root = n.sqrt();
    if (root.multiply(root).equals(n)) {
      return false; // no such D exists for a square
    }
    long d = 5;
    while (jacobi(d, n) != -1) {
      d = d > 0 ? -(d + 2) : -d + 2;
    }
    BigInteger bigD = BigInteger.valueOf(d).mod(n);
    BigInteger q = BigInteger.valueOf((1 - d) / 4).mod(n);
    BigInteger k = n.add(BigInteger.ONE);
    int s = k.getLowestSetBit();
    k = k.shiftRight(s);
    BigInteger u = BigInteger.ONE;
    BigInteger v = BigInteger.ONE;
    BigInteger qk = q;
    for (int i = k.bitLength() - 2; i >= 0; i--) {
      u = u.multiply(v).mod(n);
      v = v.multiply(v).subtract(qk.shiftLeft(1)).mod(n);
      qk = qk.multiply(qk).mod(n);
      if (k.testBit(i)) {
        BigInteger u2 = u.add(v); // P·U + V, P = 1
        BigInteger v2 = bigD.multiply(u).add(v); // D·U + P·V
        u = half(u2, n);
        v = half(v2, n);
        qk = qk.multiply(q).mod(n);
      }
    }
    if (u.signum() == 0 || v.signum() == 0) {
      return true;
    }
    for (int r = 1; r < s; r++) {
      v = v.multiply(v).subtract(qk.shiftLeft(1)).mod(n);
      if (v.signum() == 0) {
        return true;
      }
      qk = qk.multiply(qk).mod(n);
    }
    return false;
  }

  /** x/2 mod n for odd n. */
  private static BigInteger half(BigInteger x, BigInteger n) {
    x = x.mod(n);
    return (x.testBit(0) ? x.add(n) : x).shiftRight(1);
  }

  /** The Jacobi symbol (a/n) for a small odd |a| and an odd n above it. */
  static int jacobi(long a, BigInteger n) {
    int sign = 1;
    if (a < 0) {
      a = -a;
      if (n.testBit(1)) {
        sign = -sign; // (-1/n) = -1 when n ≡ 3 mod 4
      }
    }
    // Reciprocity for odd a and n: (a/n) = (n/a), negated when both are 3 mod 4.
    if ((a & 3) == 3 && n.testBit(1)) {
      sign = -sign;
    }
    return sign * jacobi(n.mod(BigInteger.valueOf(a)).longValue(), a);
  }

  /** The Jacobi symbol (a/n), n odd and positive. */
  static int jacobi(long a, long n) {
    a %= n;
    int result = 1;
    while (a != 0) {
      while ((a & 1) == 0) {
        a >>= 1;
        long r = n & 7;
        if (r == 3 || r == 5) {
          result = -result;
        }
      }
      long t = a;
      a = n;
      n = t;
      if ((a & 3) == 3 && (n & 3) == 3) {
        result = -result;
      }
      a %= n;
    }
    return n == 1 ? result : 0;
  }
}
