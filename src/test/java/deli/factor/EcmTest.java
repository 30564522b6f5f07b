package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Ecm}, the elliptic-curve method on numbers of several words: each curve held to the
 * textbook group law ({@link TextbookCurve}) mod each factor, with both of its stage 2 layouts;
 * a factor shared with a curve's parameters found by its gcd.
 */
class EcmTest {
  private final Random random = new Random(20_261_205);

  private BigInteger prime(int bits) {
    return BigInteger.probablePrime(bits, random);
  }

  /** Each prime in (b1, b2] as a pair of itself: stage 2 meets every one. */
  private static int[][] primePairs(long b1, long b2) {
    boolean[] composite = new boolean[(int) b2 + 1];
    List<int[]> primes = new ArrayList<>();
    for (int r = 2; r <= b2; r++) {
      if (!composite[r]) {
        for (long c = (long) r * r; c <= b2; c += r) {
          composite[(int) c] = true;
        }
        if (r > b1) {
          primes.add(new int[] {r, r});
        }
      }
    }
    return primes.toArray(new int[0][]);
  }

  /**
   * For n = p·q, what a curve with bounds b1 and b2 must return, as the textbook reckons it mod
   * p and mod q: stage 1 finds a factor when [k]P is the identity mod it; stage 2 when the order
   * of [k]P is a prime in (b1, b2], and not when that order is beyond every multiple stage 2
   * forms. Curves outside these two cases are counted apart, not checked.
   */
  private static int[] checkCurves(BigInteger p, BigInteger q, long b1, long b2, int curves) {
    BigInteger n = p.multiply(q);
    Ecm ecm = new Ecm(n);
    BigInteger k = TextbookCurve.primePowerProduct(b1);
    int[][] pairs = primePairs(b1, b2);
    int d = b2 < 100_000 ? 210 : 2310;
    int reach = (int) ((b2 / d + 2) * d + d / 2);
    int[] counts = new int[3]; // found p, found nothing or q, unpredicted
    for (int sigma = 7; sigma < 7 + curves; sigma++) {
      int byP = TextbookCurve.stage(p, sigma, k, reach, pairs);
      int byQ = TextbookCurve.stage(q, sigma, k, reach, pairs);
      if (byP == TextbookCurve.UNPREDICTED || byQ == TextbookCurve.UNPREDICTED) {
        counts[2]++;
        continue;
      }
      // Stage 1 has a gcd of its own: a factor found there is returned before stage 2.
      boolean foundP = byP == 1 || byP == 2 && byQ != 1;
      boolean foundQ = byQ == 1 || byQ == 2 && byP != 1;
      BigInteger expected = foundP == foundQ ? null : foundP ? p : q;
      assertEquals(expected, ecm.curve(sigma, b1, b2), "σ = " + sigma + ", n = " + p + " · " + q + ", B1 = " + b1);
      counts[foundP ? 0 : 1]++;
    }
    return counts;
  }

  @Test
  void everyCurveFindsAFactorExactlyWhenTheGroupLawModThatFactorSaysItMust() {
    int[][] sizes = {{14, 60}, {16, 66}, {18, 80}, {20, 100}, {22, 130}};
    int[] total = new int[3];
    for (int[] size : sizes) {
      int[] counts = checkCurves(prime(size[0]), prime(size[1]), 150, 150 * 50, 30);
      for (int i = 0; i < 3; i++) {
        total[i] += counts[i];
      }
    }
    assertTrue(total[0] > 20 && total[1] > 20 && total[2] < 10,
        total[0] + " curves found p, " + total[1] + " did not, " + total[2] + " unpredicted");
  }

  @Test
  void withStageTwosWiderLayoutTooFromBTwoOfAHundredThousand() {
    // b2 from 100,000 on: giant steps of 2310 and the baby steps coprime to it.
    int[] counts = checkCurves(prime(28), prime(90), 2_000, 2_000 * 50, 8);
    assertTrue(counts[0] >= 2 && counts[1] >= 2 && counts[2] < 3,
        counts[0] + " curves found p, " + counts[1] + " did not, " + counts[2] + " unpredicted");
  }

  /**
   * Stage 1 against the definition, on prime moduli of one to three words (every Z invertible,
   * so X/Z is the x-coordinate): [k]P for k the product of every prime power up to B1, B1 a
   * prime power itself or a prime (where "up to" is tested at its end) or neither.
   */
  @Test
  void stageOneIsThePointTimesEveryPrimePowerUpToB1() {
    for (BigInteger n : List.of(prime(61), prime(100), prime(150))) {
      Ecm ecm = new Ecm(n);
      for (long b1 : new long[] {128, 151, 343, 1_331, 2_000}) {
        BigInteger k = TextbookCurve.primePowerProduct(b1);
        for (long sigma = 7; sigma < 10; sigma++) {
          TextbookCurve curve = TextbookCurve.suyama(n, sigma);
          long[][] point = ecm.stageOne(ecm.start(sigma), b1);
          BigInteger x = Montgomery.toBig(point[0]).mod(n);
          BigInteger z = Montgomery.toBig(point[1]).mod(n);
          BigInteger[] expected = curve.times(k, curve.start);
          String where = "σ = " + sigma + ", B1 = " + b1 + ", mod " + n;
          if (expected == null) {
            assertEquals(BigInteger.ZERO, z, where);
          } else {
            assertEquals(expected[0], x.multiply(z.modInverse(n)).mod(n), where);
          }
        }
      }
    }
  }

  /**
   * A curve whose point, after stage 1 mod p, has the prime order {@code order}: stage 2 must
   * meet it. (p and σ were found by searching with {@link TextbookCurve}; the test checks the
   * order again before it asks the curve.)
   */
  private void assertStageTwoMeets(long p, long sigma, long b1, long b2, int order) {
    BigInteger bp = BigInteger.valueOf(p);
    TextbookCurve curve = TextbookCurve.suyama(bp, sigma);
    BigInteger[] q = curve.times(TextbookCurve.primePowerProduct(b1), curve.start);
    assertEquals(order, curve.orderUpTo(q, order + 1), "the order of [k]P mod " + p);
    BigInteger other = prime(90);
    assertEquals(0, TextbookCurve.stage(other, sigma, TextbookCurve.primePowerProduct(b1),
        (int) b2 + 2 * 2310, primePairs(b1, b2)), "mod " + other);
    assertEquals(bp, new Ecm(bp.multiply(other)).curve(sigma, b1, b2), "σ = " + sigma + " mod " + p + " · " + other);
  }

  @Test
  void theLastGiantStepsMeetPrimesJustBelowB2() {
    // B2 = 7,500: the primes above 34 · 210 + 105 = 7,245 are met only by the last two giant steps.
    assertStageTwoMeets(538_303, 7, 150, 7_500, 7_481);
    assertStageTwoMeets(876_311, 32, 150, 7_500, 7_309);
  }

  @Test
  void stageTwoStartsItsGiantStepsAtB1() {
    // B1 = 11,000, B2 = 550,000: giant steps of 2310 from the fourth on, the first three skipped.
    assertStageTwoMeets(568_193_051, 14, 11_000, 550_000, 178_001);
    assertStageTwoMeets(810_628_457, 52, 11_000, 550_000, 25_253);
  }

  @Test
  void aCurveWhoseSetUpMeetsAFactorReturnsItAndNothingWhenItMeetsTheWholeNumber() {
    // σ = 7: u = 44 = 4 · 11 and v = 28 = 4 · 7.
    BigInteger big = prime(80);
    assertEquals(BigInteger.valueOf(11), new Ecm(big.multiply(BigInteger.valueOf(11))).curve(7, 150, 7_500));
    assertEquals(BigInteger.valueOf(7), new Ecm(big.multiply(BigInteger.valueOf(7))).curve(7, 150, 7_500));
    assertNull(new Ecm(BigInteger.valueOf(77)).curve(7, 150, 7_500));
  }

  @Test
  void factorFindsAFactorOfEachSizeItsPlanReaches() {
    for (int bits : new int[] {20, 30, 40}) {
      BigInteger p = prime(bits);
      BigInteger n = p.multiply(prime(100));
      BigInteger f = Ecm.factor(n);
      assertTrue(f != null && f.signum() > 0 && !f.equals(BigInteger.ONE) && !f.equals(n)
          && n.mod(f).signum() == 0, f + " is a proper factor of " + n);
    }
  }
}
