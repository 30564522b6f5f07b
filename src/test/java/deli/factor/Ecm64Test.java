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

  @Test
  void curvesAloneSplitEveryHardKindOfOneWordCompositeWithinTheirBudget() {
    for (BigInteger n : hardComposites()) {
      assertProperFactor(n, Ecm64.byCurves(n.longValue(), Ecm64.CURVES));
    }
    // No curves, no factor: the answer rho's fallback stands behind.
    assertEquals(0, Ecm64.byCurves(hardComposites().get(0).longValue(), 0));
  }

  @Test
  void byCurvesTriesTheCurvesItIsGivenInOrderAndNoMore() {
    long firstCurve = 0;
    long secondCurve = 0;
    for (BigInteger big : hardComposites()) {
      long n = big.longValue();
      EcmPlan plan = Ecm64.planFor(n);
      long byFirst = new Ecm64(n, plan).curve(7, plan);
      long bySecond = new Ecm64(n, plan).curve(8, plan);
      if (byFirst != 0 && firstCurve == 0) {
        firstCurve = n;
        assertEquals(0, Ecm64.byCurves(n, 0));
        assertEquals(byFirst, Ecm64.byCurves(n, 1));
      }
      if (byFirst == 0 && bySecond != 0 && secondCurve == 0) {
        secondCurve = n;
        assertEquals(0, Ecm64.byCurves(n, 1));
        assertEquals(bySecond, Ecm64.byCurves(n, 2));
      }
    }
    assertTrue(firstCurve != 0 && secondCurve != 0, "numbers whose first and whose second curve find a factor");
  }

  @Test
  void aCurveWhoseSetUpMeetsAFactorReturnsItAndNothingWhenItMeetsTheWholeNumber() {
    // σ = 7: u = 44 = 4 · 11 and v = 28 = 4 · 7, so u³/v³ cannot be formed mod 11 or mod 7.
    long n = 11L * 1_000_003L;
    EcmPlan plan = Ecm64.planFor(n);
    assertEquals(11, new Ecm64(n, plan).curve(7, plan));
    assertEquals(7, new Ecm64(7L * 1_000_003L, plan).curve(7, plan));
    assertEquals(0, new Ecm64(77, plan).curve(7, plan));
  }

  @Test
  void theLargerANumberTheLongerItsCurves() {
    EcmPlan small = Ecm64.planFor((1L << 52) - 1);
    EcmPlan medium = Ecm64.planFor(1L << 52);
    EcmPlan large = Ecm64.planFor(1L << 58);
    assertTrue(small.swaps().length < medium.swaps().length && medium.swaps().length < large.swaps().length);
    assertEquals(medium, Ecm64.planFor((1L << 58) - 1));
    assertEquals(large, Ecm64.planFor(-1));
    assertEquals(small, Ecm64.planFor(3));
  }

  /**
   * Each curve against the textbook: for n = p·q, a curve finds p exactly when the point it
   * starts from, multiplied by the product k of every prime power up to B1 (stage 1), is the
   * identity mod p, or has an order dividing one of stage 2's mD ± j; reckoned here on the
   * same Montgomery curve mod p with affine points and the chord-and-tangent law (no ladder,
   * no projective coordinates), for curves of every plan and numbers up to 2⁶⁴.
   */
  @Test
  void everyCurveFindsAFactorExactlyWhenTheGroupLawModThatFactorSaysItMust() {
    int[][] sizes = {{14, 30}, {17, 33}, {20, 36}, {18, 38}, {22, 40}, {21, 43}};
    int found = 0;
    int missed = 0;
    int skipped = 0;
    for (int[] size : sizes) {
      BigInteger p;
      BigInteger q;
      do { // the last size: n above 2⁶³, read as unsigned
        p = prime(size[0]);
        q = prime(size[1]);
      } while (size[0] + size[1] == 64 && p.multiply(q).bitLength() < 64);
      BigInteger n = p.multiply(q);
      EcmPlan plan = Ecm64.planFor(n.longValue());
      Ecm64 ecm = new Ecm64(n.longValue(), plan);
      BigInteger k = TextbookCurve.primePowerProduct(b1Of(plan));
      int[][] pairs = new int[plan.pairs().length][];
      for (int i = 0; i < pairs.length; i++) {
        int md = (plan.pairs()[i] >>> 16) * plan.d();
        int j = plan.pairs()[i] & 0xffff;
        pairs[i] = new int[] {md - j, md + j};
      }
      int reach = (plan.giants() + 1) * plan.d();
      for (int sigma = 7; sigma < 37; sigma++) {
        int byP = TextbookCurve.stage(p, sigma, k, reach, pairs);
        int byQ = TextbookCurve.stage(q, sigma, k, reach, pairs);
        if (byP == TextbookCurve.UNPREDICTED || byQ == TextbookCurve.UNPREDICTED) {
          skipped++;
          continue;
        }
        // One gcd over both stages (stage 2's product starts from stage 1's Z).
        boolean foundP = byP != 0;
        boolean foundQ = byQ != 0;
        long expected = foundP == foundQ ? 0 : foundP ? p.longValue() : q.longValue();
        assertEquals(expected, ecm.curve(sigma, plan), "σ = " + sigma + ", n = " + p + " · " + q);
        if (foundP) {
          found++;
        } else {
          missed++;
        }
      }
    }
    assertTrue(found > 20 && missed > 20 && skipped < 10,
        found + " curves found p, " + missed + " did not, " + skipped + " unpredicted");
  }

  /** The largest B1 whose prime powers the plan's ladder multiplies by: the greatest prime in its k. */
  private static int b1Of(EcmPlan plan) {
    BigInteger k = BigInteger.ONE;
    long[] swaps = plan.swaps();
    boolean swapped = false;
    for (int i = 0; i < swaps.length - 1; i++) {
      swapped ^= swaps[i] != 0;
      k = k.shiftLeft(1).add(swapped ? BigInteger.ONE : BigInteger.ZERO);
    }
    int b1 = 2;
    for (int q = 2; q < 1_000; q++) {
      if (BigInteger.valueOf(q).isProbablePrime(50) && k.mod(BigInteger.valueOf(q)).signum() == 0) {
        b1 = q;
      }
    }
    return b1;
  }
}
