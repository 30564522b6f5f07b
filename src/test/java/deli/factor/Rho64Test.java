package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Rho64}, the one-word arithmetic under {@link Factoring}: Miller-Rabin against a sieve
 * and against BigInteger at the edges of its sets of bases, rho's factors, and the Montgomery
 * product, inverse and gcd against BigInteger.
 */
class Rho64Test {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private final Random random = new Random(20_261_205);

  private static BigInteger unsigned(long x) {
    return new BigInteger(Long.toUnsignedString(x));
  }

  @Test
  void millerRabinIsTheSieveForEveryNumberBelowTwoToTheTwentyWithNoFactorBelow29() {
    int limit = 1 << 20;
    boolean[] composite = new boolean[limit];
    for (int i = 2; (long) i * i < limit; i++) {
      for (int j = i * i; !composite[i] && j < limit; j += i) {
        composite[j] = true;
      }
    }
    // What Factoring asks about: numbers with no factor below 29 (trial division's primes).
    for (int n = 29; n < limit; n += 2) {
      if (n % 3 == 0 || n % 5 == 0 || n % 7 == 0 || n % 11 == 0 || n % 13 == 0 || n % 17 == 0
          || n % 19 == 0 || n % 23 == 0) {
        continue;
      }
      assertEquals(!composite[n], Rho64.isPrime(n), Integer.toString(n));
    }
  }

  @Test
  void eachSetOfBasesIsUsedOnlyWhereItIsExact() {
    // The least strong pseudoprime to 2, 7 and 61 (above 2³², where the next set takes over).
    assertFalse(Rho64.isPrime(4_759_123_141L));
    // The least strong pseudoprime to 2, 13, 23 and 1662803: the next set's first number.
    assertFalse(Rho64.isPrime(1_122_004_669_633L));
    // Strong pseudoprimes to the first bases of the 64-bit set (2, 325, 9375), left to the rest.
    for (long n : new long[] {3_215_031_751L, 2_152_302_898_747L, 3_474_749_660_383L, 341_550_071_728_321L}) {
      assertFalse(Rho64.isPrime(n), Long.toString(n));
    }
    for (long n : new long[] {4_294_967_291L, 4_294_967_311L, 1_122_004_669_631L, 1_122_004_669_657L}) {
      assertEquals(BigInteger.valueOf(n).isProbablePrime(80), Rho64.isPrime(n), Long.toString(n));
    }
  }

  @Test
  void millerRabinIsBigIntegersOnNumbersOfEverySizeAndOnSemiprimes() {
    for (int i = 0; i < 3_000; i++) {
      int bits = 21 + random.nextInt(43);
      long n = new BigInteger(bits, random).setBit(0).setBit(bits - 1).longValue();
      assertEquals(BigInteger.valueOf(n).isProbablePrime(80), Rho64.isPrime(n), Long.toString(n));
      BigInteger p = BigInteger.probablePrime(bits / 2, random);
      BigInteger semiprime = p.multiply(BigInteger.probablePrime(bits - bits / 2, random));
      if (semiprime.bitLength() < 63) {
        assertFalse(Rho64.isPrime(semiprime.longValue()), semiprime.toString());
      }
      assertTrue(Rho64.isPrime(p.longValue()) || p.longValue() == 2, p.toString());
    }
  }

  @Test
  void millerRabinReadingNumbersAboveTwoToTheSixtyThreeAsUnsignedIsBigIntegers() {
    int primes = 0;
    for (int i = 0; i < 4_000; i++) {
      BigInteger n = new BigInteger(64, random).setBit(63).setBit(0);
      if (n.mod(BigInteger.valueOf(223_092_870L)).gcd(BigInteger.valueOf(223_092_870L)).equals(BigInteger.ONE)) {
        boolean prime = n.isProbablePrime(80);
        primes += prime ? 1 : 0;
        assertEquals(prime, Rho64.isPrimeUnsigned(n.longValue()), n.toString());
      }
    }
    assertTrue(primes > 20, primes + " primes among them");
    BigInteger p = BigInteger.valueOf(4_294_967_291L);
    assertFalse(Rho64.isPrimeUnsigned(p.multiply(p).longValue()), "the largest 32-bit prime's square");
  }

  @Test
  void theSquareOfRIsBigIntegersForEveryOddModulusSize() {
    for (int i = 0; i < 3_000; i++) {
      int bits = 2 + random.nextInt(63);
      long n = new BigInteger(bits, random).setBit(0).setBit(bits - 1).longValue();
      BigInteger big = unsigned(n);
      long one = Long.remainderUnsigned(-n, n);
      BigInteger expected = TWO_64.multiply(TWO_64).mod(big);
      if (bits < 64) {
        assertEquals(expected, unsigned(Rho64.squareOfR(n, one)), "R² mod " + big);
      }
      assertEquals(expected, unsigned(Rho64.squareOfRUnsigned(n, one)), "R² mod " + big);
    }
  }

  @Test
  void rhoFindsAProperFactorOfEveryOddCompositeBelowThreeThousandAndOfSemiprimes() {
    for (long n = 9; n < 3_000; n += 2) {
      if (!BigInteger.valueOf(n).isProbablePrime(50)) {
        assertProperFactor(n, Rho64.rho(n));
        assertProperFactor(n, Rho64.rhoUnsigned(n));
      }
    }
    for (int bits = 20; bits <= 62; bits += 6) {
      BigInteger n;
      do {
        n = BigInteger.probablePrime(bits / 2, random).multiply(BigInteger.probablePrime(bits - bits / 2, random));
      } while (n.bitLength() > 62);
      assertProperFactor(n.longValue(), Rho64.rho(n.longValue()));
      assertProperFactor(n.longValue(), Rho64.rhoUnsigned(n.longValue()));
    }
  }

  private static void assertProperFactor(long n, long d) {
    assertTrue(d > 1 && d < n && n % d == 0, d + " is a proper factor of " + n);
  }

  @Test
  void montgomerysProductInverseAndGcdAreBigIntegers() {
    for (int i = 0; i < 5_000; i++) {
      int bits = 3 + random.nextInt(60);
      long n = new BigInteger(bits, random).setBit(0).setBit(bits - 1).longValue();
      long a = Math.floorMod(random.nextLong(), n);
      long b = Math.floorMod(random.nextLong(), n);
      long ninv = Rho64.inverse(n);
      assertEquals(1L, n * ninv, "n · n⁻¹ mod 2⁶⁴ for " + n);
      BigInteger rInverse = TWO_64.modInverse(BigInteger.valueOf(n));
      BigInteger expected = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).multiply(rInverse).mod(BigInteger.valueOf(n));
      assertEquals(expected.longValue(), Rho64.mul(a, b, n, ninv), a + " · " + b + " / R mod " + n);
      assertEquals(expected.longValue(), Rho64.mulUnsigned(a, b, n, ninv), a + " · " + b + " / R mod " + n);
      assertEquals(BigInteger.valueOf(a).gcd(BigInteger.valueOf(n)).longValue(), Rho64.gcd(a, n), "gcd(" + a + ", " + n + ")");
    }
    for (int i = 0; i < 2_000; i++) {
      long n = random.nextLong() | 1L | Long.MIN_VALUE; // odd, 2⁶³ to 2⁶⁴
      long a = unsigned(random.nextLong()).mod(unsigned(n)).longValue();
      long b = unsigned(random.nextLong()).mod(unsigned(n)).longValue();
      long ninv = Rho64.inverse(n);
      BigInteger big = unsigned(n);
      BigInteger expected = unsigned(a).multiply(unsigned(b)).multiply(TWO_64.modInverse(big)).mod(big);
      assertEquals(expected, unsigned(Rho64.mulUnsigned(a, b, n, ninv)), a + " · " + b + " / R mod " + big);
      assertEquals(unsigned(a).gcd(big), unsigned(Rho64.gcdUnsigned(a, n)), "gcd(" + a + ", " + big + ")");
    }
  }
  /**
   * Two multiples of one odd factor, both above 2⁶³: the subtractions of Stein's algorithm
   * there are exact, where a sum would wrap past 2⁶⁴ and lose the common factor.
   */
  @Test
  void gcdUnsignedKeepsACommonFactorOfTwoNumbersAboveTwoToTheSixtyThree() {
    BigInteger twoTo63 = BigInteger.ONE.shiftLeft(63);
    for (int i = 0; i < 2_000; i++) {
      BigInteger g = BigInteger.valueOf(random.nextInt(1 << 20) | 1);
      BigInteger low = twoTo63.add(g).subtract(BigInteger.ONE).divide(g); // ⌈2⁶³ / g⌉
      BigInteger span = TWO_64.subtract(BigInteger.ONE).divide(g).subtract(low);
      BigInteger x = low.add(new BigInteger(64, random).mod(span)).setBit(0);
      BigInteger y = low.add(new BigInteger(64, random).mod(span)).setBit(0);
      long a = g.multiply(x).longValue();
      long b = g.multiply(y).longValue();
      BigInteger expected = unsigned(a).gcd(unsigned(b));
      assertTrue(expected.compareTo(g) >= 0 && unsigned(a).compareTo(twoTo63) >= 0 && unsigned(b).compareTo(twoTo63) >= 0);
      assertEquals(expected, unsigned(Rho64.gcdUnsigned(a, b)), "gcd(" + unsigned(a) + ", " + unsigned(b) + ")");
      assertEquals(expected, unsigned(Rho64.gcdUnsigned(b, a)), "gcd(" + unsigned(b) + ", " + unsigned(a) + ")");
    }
  }
}
