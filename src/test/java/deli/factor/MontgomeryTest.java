package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Montgomery} and {@link Bpsw} against BigInteger's own arithmetic and primality test. */
class MontgomeryTest {
  private final Random random = new Random(17);

  private BigInteger oddModulus(int bits) {
    return new BigInteger(bits, random).setBit(bits - 1).setBit(0);
  }

  @Test
  void productsSumsDifferencesAndPowersAgreeWithBigIntegerForOneToFourWords() {
    // Moduli just below a word boundary push the carries; small ones exercise one word.
    int[] sizes = {3, 20, 63, 64, 65, 100, 127, 128, 129, 190, 192, 256};
    for (int bits : sizes) {
      for (int trial = 0; trial < 60; trial++) {
        BigInteger n = trial == 0 ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE) : oddModulus(bits);
        Montgomery m = new Montgomery(n);
        BigInteger a = trial == 1 ? n.subtract(BigInteger.ONE) : new BigInteger(bits + 8, random).mod(n);
        BigInteger b = trial == 1 ? n.subtract(BigInteger.ONE) : new BigInteger(bits + 8, random).mod(n);
        long[] ma = m.toMontgomery(a);
        long[] mb = m.toMontgomery(b);
        long[] out = m.residue();
        m.mul(ma, mb, out);
        assertEquals(a.multiply(b).mod(n), m.fromMontgomery(out), "a·b mod " + n);
        m.add(ma, mb, out);
        assertEquals(a.add(b).mod(n), m.fromMontgomery(out), "a+b mod " + n);
        m.sub(ma, mb, out);
        assertEquals(a.subtract(b).mod(n), m.fromMontgomery(out), "a-b mod " + n);
        BigInteger e = new BigInteger(70, random);
        assertEquals(a.modPow(e, n), m.fromMontgomery(m.pow(ma, e)), "a^e mod " + n);
        assertEquals(BigInteger.ONE.mod(n), m.fromMontgomery(m.one()));
      }
    }
  }

  @Test
  void aResultThatIsZeroModNIsHeldAsZeroNotAsN() {
    // n = p·q: p·q ≡ 0 and x + (n - x) ≡ 0 come out of the reduction as exactly n, which must be
    // taken down to 0 (a found factor is a gcd with a residue: a residue of n would hide it).
    for (int bits : new int[] {20, 31, 50, 64, 90, 120}) {
      for (int trial = 0; trial < 20; trial++) {
        BigInteger p = BigInteger.probablePrime(bits, random);
        BigInteger q = BigInteger.probablePrime(bits + 1, random);
        BigInteger n = p.multiply(q);
        Montgomery m = new Montgomery(n);
        long[] zero = m.toMontgomery(BigInteger.ZERO);
        long[] out = m.residue();
        m.mul(m.toMontgomery(p), m.toMontgomery(q), out);
        assertEquals(java.util.Arrays.toString(zero), java.util.Arrays.toString(out), "p·q mod " + n);
        BigInteger x = new BigInteger(bits, random).add(BigInteger.ONE);
        m.add(m.toMontgomery(x), m.toMontgomery(n.subtract(x)), out);
        assertEquals(java.util.Arrays.toString(zero), java.util.Arrays.toString(out), "x + (n - x) mod " + n);
      }
    }
  }

  @Test
  void anEvenOrNonPositiveModulusIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Montgomery(BigInteger.TEN));
    assertThrows(IllegalArgumentException.class, () -> new Montgomery(BigInteger.valueOf(-7)));
  }

  @Test
  void bpswAgreesWithBigIntegerOnRandomNumbersOfEverySize() {
    for (int bits : new int[] {64, 65, 80, 100, 127, 128, 129, 160, 200, 256}) {
      for (int trial = 0; trial < 200; trial++) {
        BigInteger n = new BigInteger(bits, random).setBit(bits - 1);
        assertEquals(n.isProbablePrime(80), Bpsw.isPrime(n), n.toString());
      }
      BigInteger p = BigInteger.probablePrime(bits, random);
      assertTrue(Bpsw.isPrime(p), p.toString());
      assertFalse(Bpsw.isPrime(p.multiply(p)), "a prime's square");
    }
  }

  @Test
  void bpswAnswersForNumbersThatFitALongAsBigIntegerDoes() {
    for (long n = 2; n < 2000; n++) {
      assertEquals(BigInteger.valueOf(n).isProbablePrime(80), Bpsw.isPrime(BigInteger.valueOf(n)), Long.toString(n));
    }
    for (int trial = 0; trial < 300; trial++) {
      BigInteger n = new BigInteger(1 + trial % 63, random);
      assertEquals(n.isProbablePrime(80), Bpsw.isPrime(n), n.toString());
    }
    assertTrue(Bpsw.isPrime(BigInteger.valueOf(Long.MAX_VALUE - 24)), "2^63 - 25, the largest prime below 2^63");
  }

  @Test
  void sixtyFourBitNumbersReadAsUnsignedAreTestedExactly() {
    for (int trial = 0; trial < 3000; trial++) {
      BigInteger n = new BigInteger(64, random).setBit(63).setBit(0);
      if (n.mod(BigInteger.valueOf(111_546_435L)).gcd(BigInteger.valueOf(111_546_435L)).equals(BigInteger.ONE)) {
        assertEquals(n.isProbablePrime(80), Rho64.isPrimeUnsigned(n.longValue()), n.toString());
      }
    }
    assertTrue(Rho64.isPrimeUnsigned(-59L), "2^64 - 59, the largest prime below 2^64");
    long square = BigInteger.valueOf(4_294_967_291L).multiply(BigInteger.valueOf(4_294_967_279L)).longValue();
    assertFalse(Rho64.isPrimeUnsigned(square), "the two largest 32-bit primes' product");
    long p = Rho64.rhoUnsigned(square);
    assertTrue(p == 4_294_967_291L || p == 4_294_967_279L, Long.toUnsignedString(p));
    for (int trial = 0; trial < 50; trial++) {
      BigInteger a = BigInteger.probablePrime(30 + trial % 4, random);
      BigInteger b = BigInteger.probablePrime(64 - a.bitLength(), random);
      BigInteger n = a.multiply(b);
      if (n.bitLength() == 64) {
        long d = Rho64.rhoUnsigned(n.longValue());
        assertTrue(d == a.longValue() || d == b.longValue(), n + ": " + Long.toUnsignedString(d));
      }
    }
    assertEquals(7, Rho64.gcdUnsigned(-2L, 77), "gcd(2^64 - 2, 77): 2^63 - 1 is 7^2 times primes other than 11");
  }

  @Test
  void eachHalfOfBpswCatchesThePseudoprimesOfTheOther() {
    // Strong pseudoprimes to base 2 pass Miller-Rabin, and fail the Lucas test.
    for (long n : new long[] {2047, 3277, 4033, 4681, 8321, 3_215_031_751L}) {
      assertTrue(Bpsw.strongBaseTwo(BigInteger.valueOf(n)), Long.toString(n));
      assertFalse(Bpsw.strongLucas(BigInteger.valueOf(n)), Long.toString(n));
    }
    // Strong Lucas pseudoprimes pass the Lucas test, and fail Miller-Rabin to base 2.
    for (long n : new long[] {5459, 5777, 10877, 16109, 18971, 22499, 24569, 25199, 40309, 58519}) {
      assertTrue(Bpsw.strongLucas(BigInteger.valueOf(n)), Long.toString(n));
      assertFalse(Bpsw.strongBaseTwo(BigInteger.valueOf(n)), Long.toString(n));
    }
    for (long p : new long[] {5, 7, 11, 1_000_000_007L, 2_147_483_647L}) {
      assertTrue(Bpsw.strongLucas(BigInteger.valueOf(p)) && Bpsw.strongBaseTwo(BigInteger.valueOf(p)), Long.toString(p));
    }
    assertFalse(Bpsw.strongLucas(BigInteger.valueOf(49)), "a square");
    // Strong pseudoprimes to the first 12 and 13 prime bases, beyond a long: composite.
    assertFalse(Bpsw.isPrime(new BigInteger("318665857834031151167461")));
    assertFalse(Bpsw.isPrime(new BigInteger("3317044064679887385961981")));
    assertFalse(Bpsw.isPrime(BigInteger.ONE.shiftLeft(64)));
    assertFalse(Bpsw.isPrime(BigInteger.valueOf(37).multiply(BigInteger.ONE.shiftLeft(64).add(BigInteger.ONE))));
  }

  @Test
  void jacobiSymbolsAreEulersCriterionForPrimes() {
    for (long p : new long[] {3, 5, 7, 11, 13, 101, 1009}) {
      for (long a = -30; a <= 30; a++) {
        long r = BigInteger.valueOf(a).mod(BigInteger.valueOf(p)).modPow(BigInteger.valueOf((p - 1) / 2), BigInteger.valueOf(p)).longValue();
        int euler = r == 0 ? 0 : r == 1 ? 1 : -1;
        assertEquals(euler, Bpsw.jacobi(Math.floorMod(a, p), p), a + "/" + p);
        if (Math.abs(a) % 2 == 1 && Math.abs(a) < p) {
          assertEquals(euler, Bpsw.jacobi(a, BigInteger.valueOf(p)), a + "/" + p);
        }
      }
    }
    assertEquals(0, Bpsw.jacobi(3, 9));
  }
}
