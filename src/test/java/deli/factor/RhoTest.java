package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Pollard-Brent rho on Montgomery residues: a proper factor, or null when its steps run out. */
class RhoTest {
  static void assertProperFactor(BigInteger n, BigInteger g) {
    assertNotNull(g, "no factor of " + n);
    assertTrue(g.compareTo(BigInteger.ONE) > 0 && g.compareTo(n) < 0, g + " is not a proper factor of " + n);
    assertEquals(BigInteger.ZERO, n.mod(g), g + " does not divide " + n);
  }

  /**
   * Small composites make the walk close its cycle modulo both primes within one batch of
   * differences (the batch's gcd is n: retraced one step at a time), and now and then on all of n
   * at once (the walk starts again with the next c).
   */
  @Test
  void everyOddCompositeBelow3000GetsAProperFactor() {
    int composites = 0;
    for (int i = 9; i < 3000; i += 2) {
      BigInteger n = BigInteger.valueOf(i);
      if (!n.isProbablePrime(40)) {
        assertProperFactor(n, Rho.factor(n, 1_000_000));
        composites++;
      }
    }
    assertEquals(1070, composites);
  }

  @Test
  void aSmallFactorOfANumberBeyondALong() {
    BigInteger big = BigInteger.ONE.shiftLeft(64).nextProbablePrime();
    BigInteger small = BigInteger.valueOf(1_000_003);
    BigInteger n = big.multiply(small);
    assertEquals(small, Rho.factor(n, 1_000_000));
    BigInteger p = BigInteger.ONE.shiftLeft(70).nextProbablePrime();
    BigInteger q = BigInteger.valueOf(65_537).multiply(BigInteger.valueOf(65_539));
    assertProperFactor(p.multiply(q), Rho.factor(p.multiply(q), 1_000_000));
  }

  @Test
  void twoFactorsOfFortyBitsNeedMoreThanAThousandSteps() {
    BigInteger p = BigInteger.ONE.shiftLeft(40).nextProbablePrime();
    BigInteger q = p.nextProbablePrime();
    BigInteger n = p.multiply(q).multiply(BigInteger.ONE.shiftLeft(66).nextProbablePrime());
    assertNull(Rho.factor(n, 1_000), "about 2^20 steps are needed, not 1,000");
    assertNull(Rho.factor(n, 1), "one step");
  }
}
