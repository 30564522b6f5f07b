package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Ecm64}, the one-word elliptic-curve method: a proper factor of every kind of 64-bit
 * composite it is given (equal-sized factors, squares and cubes, three factors, small factors,
 * numbers near 2⁶³ and 2⁶⁴), the whole factorization through {@link Factoring} and
 * {@link BigFactoring} equal to GNU factor's, and its modular inverse equal to BigInteger's.
 */
class Ecm64Test {
  private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
  private final Random random = new Random(20_261_204);

  private BigInteger prime(int bits) {
    return BigInteger.probablePrime(bits, random);
  }

  /** {@code d} is a proper factor of {@code n}, both read as unsigned. */
  private static void assertProperFactor(BigInteger n, long d) {
    BigInteger bd = new BigInteger(Long.toUnsignedString(d));
    assertTrue(bd.compareTo(BigInteger.ONE) > 0 && bd.compareTo(n) < 0, d + " is a proper factor of " + n);
    assertEquals(BigInteger.ZERO, n.mod(bd), d + " divides " + n);
  }

  private static void assertSplits(BigInteger n) {
    assertTrue(n.bitLength() <= 64 && n.testBit(0) && !n.isProbablePrime(64), n + " is an odd composite word");
    assertProperFactor(n, Ecm64.factor(n.longValue()));
  }

  /** Hard kinds of composites of one word: each split, by curves alone or by rho behind them. */
  private List<BigInteger> hardComposites() {
    List<BigInteger> numbers = new ArrayList<>();
    for (int bits = 46; bits <= 64; bits += 2) {
      for (int i = 0; i < 6; i++) {
        // Two primes of (about) half the size each: the hardest for rho, the target here.
        BigInteger n;
        do {
          n = prime(bits / 2).multiply(prime(bits - bits / 2));
        } while (n.bitLength() > 64);
        numbers.add(n);
      }
    }
    for (int i = 0; i < 4; i++) {
      numbers.add(prime(32).pow(2)); // squares of primes up to 2³²: near 2⁶⁴
      numbers.add(prime(21).pow(3));
      numbers.add(prime(16).pow(4));
      numbers.add(prime(20).multiply(prime(21)).multiply(prime(22))); // three factors
      numbers.add(BigInteger.valueOf(8209).multiply(prime(50))); // the smallest factor trial division leaves
      numbers.add(prime(14).multiply(prime(49))); // unbalanced
      numbers.add(prime(31).multiply(prime(32))); // around 2⁶³
    }
    // The largest semiprimes of two primes below 2³²: just below 2⁶⁴.
    numbers.add(BigInteger.valueOf(4_294_967_291L).multiply(BigInteger.valueOf(4_294_967_279L)));
    numbers.add(BigInteger.valueOf(4_294_967_291L).pow(2));
    // The smallest semiprime of two primes above 2^31.5, just above 2⁶³, and one just below.
    numbers.add(BigInteger.valueOf(3_037_000_507L).multiply(BigInteger.valueOf(3_037_000_537L)));
    numbers.add(BigInteger.valueOf(3_037_000_493L).multiply(BigInteger.valueOf(3_037_000_453L)));
    return numbers;
  }

  @Test
  void everyHardKindOfOneWordCompositeIsSplitIntoAProperFactor() {
    for (BigInteger n : hardComposites()) {
      assertSplits(n);
    }
  }

  @Test
  void withNoCurvesLeftRhoStillFindsTheFactor() {
    for (BigInteger n : hardComposites().subList(0, 20)) {
      assertProperFactor(n, Ecm64.factor(n.longValue(), 0));
    }
  }

  @Test
  void aFactorSharedWithACurvesParametersIsFoundByItsGcd() {
    // σ = 7 gives u = 44 = 4 · 11 and v = 28 = 4 · 7: the first curve cannot be set up mod 11.
    BigInteger n = BigInteger.valueOf(11).multiply(prime(58));
    assertEquals(11, Ecm64.factor(n.longValue()));
    BigInteger m = BigInteger.valueOf(7).multiply(prime(61));
    assertEquals(7, Ecm64.factor(m.longValue()));
  }

  @Test
  void hardNumbersFromTwoToTheFortySevenToTwoToTheSixtyFourFactorAsGnuFactorDoes() throws Exception {
    List<BigInteger> numbers = new ArrayList<>(hardComposites());
    // Where ECM takes over from rho: semiprimes of two primes near √2⁴⁷, just below and just above 2⁴⁷.
    numbers.add(BigInteger.valueOf(11_863_259L).multiply(BigInteger.valueOf(11_863_279L)));
    numbers.add(BigInteger.valueOf(11_863_279L).multiply(BigInteger.valueOf(11_863_289L)));
    numbers.add(TWO_64.subtract(BigInteger.ONE)); // 3 · 5 · 17 · 257 · 641 · 65537 · 6700417
    numbers.add(BigInteger.valueOf(Long.MAX_VALUE));
    List<String> ours = new ArrayList<>();
    for (BigInteger n : numbers) {
      Numbers factors = BigFactoring.factor(n);
      StringBuilder line = new StringBuilder().append(n).append(':');
      for (int j = 0; j < factors.size(); j++) {
        factors.appendTo(line.append(' '), j);
      }
      ours.add(line.toString());
    }
    List<String> gnu = new ArrayList<>(GnuFactor.lines(numbers));
    // GNU factor may print numbers of two words out of input order (see BigFactoringTest).
    gnu.sort(null);
    ours.sort(null);
    assertEquals(gnu, ours);
  }

  @Test
  void aPlanCoversEveryPrimeOfStageTwoAndItsSwapsSpellTheProductOfThePrimePowersUpToB1() {
    EcmPlan plan = EcmPlan.of(200, 4_000, 60);
    java.util.Set<Integer> covered = new java.util.HashSet<>();
    for (int pair : plan.pairs()) {
      int m = pair >>> 16;
      int j = pair & 0xffff;
      assertTrue(m >= 1 && m <= plan.giants() && j % 2 == 1 && j < 30, m + ", " + j);
      covered.add(m * 60 - j);
      covered.add(m * 60 + j);
    }
    for (int q = 201; q <= 4_000; q++) {
      if (BigInteger.valueOf(q).isProbablePrime(50)) {
        assertTrue(covered.contains(q), q + " is paired");
      }
    }
    // Replay the ladder's swaps on bits: the state after each step is the bit just read.
    BigInteger k = BigInteger.ONE;
    boolean swapped = false;
    long[] swaps = plan.swaps();
    for (int i = 0; i < swaps.length - 1; i++) {
      swapped ^= swaps[i] != 0;
      k = k.shiftLeft(1).add(swapped ? BigInteger.ONE : BigInteger.ZERO);
    }
    assertEquals(swapped, swaps[swaps.length - 1] != 0, "the last swap puts R0 back");
    BigInteger expected = BigInteger.ONE;
    for (int q = 2; q <= 200; q++) {
      if (BigInteger.valueOf(q).isProbablePrime(50)) {
        int power = q;
        while (power <= 200 / q) {
          power *= q;
        }
        expected = expected.multiply(BigInteger.valueOf(power));
      }
    }
    assertEquals(expected, k);
  }

  @Test
  void theModularInverseIsBigIntegersForModuliOfEverySizeUpToTwoToTheSixtyFour() {
    for (int i = 0; i < 2_000; i++) {
      int bits = 2 + random.nextInt(63);
      BigInteger n = new BigInteger(bits, random).setBit(0).setBit(bits - 1);
      BigInteger a = new BigInteger(64, random).mod(n);
      if (n.equals(BigInteger.ONE) || a.signum() == 0 || !a.gcd(n).equals(BigInteger.ONE)) {
        continue;
      }
      long inv = Ecm64.inverse(a.longValue(), n.longValue());
      assertEquals(a.modInverse(n), new BigInteger(Long.toUnsignedString(inv)), a + "⁻¹ mod " + n);
    }
    long n = -5; // 2⁶⁴ - 5, odd
    assertEquals(1, Ecm64.inverse(1, n));
    assertEquals(new BigInteger("2").modInverse(TWO_64.subtract(BigInteger.valueOf(5))),
        new BigInteger(Long.toUnsignedString(Ecm64.inverse(2, n))));
  }
}
