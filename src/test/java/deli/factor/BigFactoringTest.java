package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BigFactoring} against GNU factor on every size class and on the hard kinds GNU's own
 * tests use; beyond what GNU factors in reasonable time, against the definition (the product,
 * each factor prime, ascending).
 */
class BigFactoringTest {
  private final Random random = new Random(20_261_204);

  private BigInteger prime(int bits) {
    return BigInteger.probablePrime(bits, random);
  }

  /** The primes just below and just above 2^bits. */
  private static List<BigInteger> primesAround(int bits) {
    BigInteger power = BigInteger.ONE.shiftLeft(bits);
    BigInteger below = power;
    do {
      below = below.subtract(BigInteger.ONE);
    } while (!below.isProbablePrime(80));
    return List.of(below, power.nextProbablePrime());
  }

  /**
   * deli's line for each number is GNU factor's. Compared as sorted lists: GNU factor 9.1 prints
   * a number of 2^127 and more at once and smaller ones through its own buffer, so that its lines
   * can come out of input order (deli keeps it).
   */
  private static void agreeWithGnuFactor(List<BigInteger> numbers) throws Exception {
    List<String> expected = new ArrayList<>(GnuFactor.lines(numbers));
    List<String> lines = new ArrayList<>();
    for (BigInteger n : numbers) {
      Numbers factors = BigFactoring.factor(n);
      StringBuilder line = new StringBuilder().append(n).append(':');
      for (int j = 0; j < factors.size(); j++) {
        factors.appendTo(line.append(' '), j);
      }
      lines.add(line.toString());
    }
    expected.sort(null);
    lines.sort(null);
    assertEquals(expected, lines);
  }

  @Test
  void everySizeClassFromSixtyThreeToTwoHundredBitsFactorsAsGnuFactorDoes() throws Exception {
    List<BigInteger> numbers = new ArrayList<>();
    for (int bits = 60; bits <= 100; bits += 4) {
      for (int i = 0; i < 8; i++) {
        numbers.add(new BigInteger(bits, random));
      }
    }
    for (int bits : new int[] {62, 63, 64, 65, 96, 100, 127, 128, 129, 160, 200}) {
      numbers.addAll(primesAround(bits));
      numbers.add(BigInteger.ONE.shiftLeft(bits));
    }
    for (int bits : new int[] {63, 64, 96, 100, 127, 128}) {
      // 2^bits ± 1, whose factors GNU finds quickly (2^128 + 1's 56-bit factor is left to the ECM test).
      numbers.add(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      if (bits != 128) {
        numbers.add(BigInteger.ONE.shiftLeft(bits).add(BigInteger.ONE));
      }
    }
    numbers.add(BigInteger.ZERO);
    numbers.add(BigInteger.ONE);
    agreeWithGnuFactor(numbers);
  }

  @Test
  void hardKindsFactorAsGnuFactorDoes() throws Exception {
    List<BigInteger> numbers = new ArrayList<>();
    for (int bits : new int[] {32, 33, 36, 40}) {
      // Semiprimes with factors of equal size, and squares and cubes of primes.
      BigInteger p = prime(bits);
      numbers.add(p.multiply(prime(bits)));
      numbers.add(p.multiply(p));
      numbers.add(p.pow(3));
      numbers.add(prime(bits).multiply(prime(bits)).multiply(prime(bits)));
    }
    // Carmichael numbers (6k+1)(12k+1)(18k+1) with all three prime, beyond a long.
    for (long k = 1_000_000; numbers.size() < 24; k++) {
      BigInteger a = BigInteger.valueOf(6 * k + 1);
      BigInteger b = BigInteger.valueOf(12 * k + 1);
      BigInteger c = BigInteger.valueOf(18 * k + 1);
      if (a.isProbablePrime(50) && b.isProbablePrime(50) && c.isProbablePrime(50)) {
        numbers.add(a.multiply(b).multiply(c));
      }
    }
    numbers.add(new BigInteger("318665857834031151167461"));
    numbers.add(new BigInteger("3317044064679887385961981"));
    agreeWithGnuFactor(numbers);
  }

  @Test
  void ecmAloneFindsAFactorAndRhoAloneGivesUpWithinItsSteps() {
    BigInteger p = prime(40);
    BigInteger q = prime(70);
    BigInteger n = p.multiply(q);
    BigInteger d = Ecm.factor(n);
    assertNotNull(d);
    assertTrue(d.equals(p) || d.equals(q), d.toString());
    assertNull(Rho.factor(prime(60).multiply(prime(61)), 1_000), "2^30 steps' work in 1,000 steps");
    BigInteger small = Rho.factor(BigInteger.valueOf(1_000_003).multiply(q), 1 << 16);
    assertEquals(BigInteger.valueOf(1_000_003), small);
  }

  @Test
  void trialDivisionTakesEveryOddPrimeBelowTwoToTheTwelveAndLeavesTheRest() {
    List<Integer> small = new ArrayList<>();
    for (int p = 3; p < 4096; p += 2) {
      if (BigInteger.valueOf(p).isProbablePrime(50)) {
        small.add(p);
      }
    }
    for (int round = 0; round < 40; round++) {
      // A few primes below 2¹² (the first, the last, and any between), some more than once,
      // times a part with no factor below 2¹² that stays longer than a long.
      List<BigInteger> expected = new ArrayList<>();
      BigInteger n = prime(40 + random.nextInt(30)).multiply(prime(30 + random.nextInt(40)));
      BigInteger rest = n;
      for (int k = 0; k < 1 + random.nextInt(12); k++) {
        int p = round == 0 ? 3 : round == 1 ? 4093 : small.get(random.nextInt(small.size()));
        for (int times = 0; times < 1 + random.nextInt(3); times++) {
          expected.add(BigInteger.valueOf(p));
          n = n.multiply(BigInteger.valueOf(p));
        }
      }
      expected.sort(null);
      List<BigInteger> out = new ArrayList<>();
      assertEquals(rest, BigFactoring.trialDivide(n, out), "what is left of " + n);
      assertEquals(expected, out, "the small primes of " + n);
    }
    // Once what is left fits a long, the rest is left to Factoring: 3⁵⁰ · 4093 · p stops at
    // 4093 · p (the primes are tried a group of them at a time, 4093 in the last group).
    BigInteger p = prime(40);
    BigInteger n = BigInteger.valueOf(3).pow(50).multiply(BigInteger.valueOf(4093)).multiply(p);
    List<BigInteger> out = new ArrayList<>();
    assertEquals(p.multiply(BigInteger.valueOf(4093)), BigFactoring.trialDivide(n, out));
    assertEquals(50, out.size());
  }

  @Test
  void remaindersByWordsAreBigIntegersRemainders() {
    for (int i = 0; i < 1000; i++) {
      BigInteger n = new BigInteger(1 + random.nextInt(300), random);
      long m = 1 + random.nextInt(Integer.MAX_VALUE) * 2L;
      assertEquals(n.mod(BigInteger.valueOf(m)).longValue(), BigFactoring.remainder(n, m), n + " mod " + m);
    }
  }

  @Test
  void negativeNumbersAreRefusedAndLongsGoTheSixtyFourBitWay() {
    assertThrows(IllegalArgumentException.class, () -> BigFactoring.factor(BigInteger.valueOf(-5)));
    assertEquals(Numbers.of(2, 2, 3), BigFactoring.factor(BigInteger.valueOf(12)));
    assertEquals(Numbers.of(), BigFactoring.factor(BigInteger.ONE));
  }
}
