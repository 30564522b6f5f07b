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
  void numbersWithTwoLargeFactorsBeyondGnusReachFactorByTheDefinition() {
    // Factors rho would need minutes for: 2^26 to 2^31 steps. ECM finds them.
    List<BigInteger[]> cases = new ArrayList<>();
    cases.add(new BigInteger[] {prime(52), prime(60)});
    cases.add(new BigInteger[] {prime(62), prime(64)});
    cases.add(new BigInteger[] {prime(55), prime(57), prime(95)});
    cases.add(new BigInteger[] {prime(63), prime(63)}); // a square of two words
    cases.get(3)[1] = cases.get(3)[0];
    cases.add(new BigInteger[] {new BigInteger("59649589127497217"), new BigInteger("5704689200685129054721")}); // 2^128 + 1
    for (BigInteger[] c : cases) {
      BigInteger n = BigInteger.ONE;
      List<BigInteger> expected = new ArrayList<>();
      for (BigInteger p : c) {
        n = n.multiply(p);
        expected.add(p);
      }
      expected.sort(null);
      Numbers factors = BigFactoring.factor(n);
      List<BigInteger> got = new ArrayList<>();
      for (int i = 0; i < factors.size(); i++) {
        got.add(factors.big(i));
      }
      assertEquals(expected, got, n.toString());
    }
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
