package deli.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** {@link Factoring} against GNU factor, the oracle, on the chapter's numbers and on hard ones. */
class FactoringTest {
  @Test
  void squaresAndProductsOfThePrimesAtTheEndOfTheTrialTableAndLongRunsOfOneFactor() {
    List<Long> primes = new ArrayList<>();
    for (long p = 7_001; p < 8_400; p += 2) {
      if (BigInteger.valueOf(p).isProbablePrime(50)) {
        primes.add(p);
      }
    }
    for (int a = 0; a < primes.size(); a++) {
      long p = primes.get(a);
      assertArrayEquals(new long[] {p, p}, Factoring.factor(p * p), p + "²");
      if (a + 1 < primes.size()) {
        long q = primes.get(a + 1);
        assertArrayEquals(new long[] {p, q}, Factoring.factor(p * q), p + " · " + q);
        assertArrayEquals(new long[] {2, 2, 2, p, q}, Factoring.factor(8 * p * q), "8 · " + p + " · " + q);
      }
    }
    // Sixteen factors and more: the array they are gathered in grows.
    long big = 1_000_000_007L;
    for (int k = 1; k <= 32; k++) {
      long[] expected = new long[k + 1];
      java.util.Arrays.fill(expected, 0, k, 2);
      expected[k] = big;
      assertArrayEquals(expected, Factoring.factor(big << k), "2^" + k + " · " + big);
    }
    long[] threes = new long[39];
    java.util.Arrays.fill(threes, 3);
    assertArrayEquals(threes, Factoring.factor(LongStream.range(0, 39).reduce(1, (x, y) -> x * 3)), "3^39");
    long[] mixed = {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 8_191, 8_191};
    assertArrayEquals(mixed, Factoring.factor(LongStream.range(0, 18).reduce(1, (x, y) -> x * 3) * 8_191 * 8_191), "3^18 · 8191²");
    // The array full (16 factors) just as the loop over the table's last three primes (8171,
    // 8179, 8191: past its blocks of four) adds one: as a factor it divides out, and as the
    // prime left over.
    for (int twos = 14; twos <= 17; twos++) {
      long[] expected = new long[twos + 2];
      java.util.Arrays.fill(expected, 0, twos, 2);
      expected[twos] = 8_171;
      expected[twos + 1] = 8_179;
      assertArrayEquals(expected, Factoring.factor((8_171L * 8_179) << twos), "2^" + twos + " · 8171 · 8179");
    }
  }


  private static void agreesWithGnuFactor(long[] numbers) throws Exception {
    List<String> expected = GnuFactor.lines(numbers);
    assertEquals(numbers.length, expected.size());
    for (int i = 0; i < numbers.length; i++) {
      assertEquals(expected.get(i), GnuFactor.line(numbers[i], Factoring.factor(numbers[i])));
    }
  }

  @Test
  void theChaptersFortyThousandSeededNineDigitNumbersFactorAsGnuFactorDoes() throws Exception {
    NumberSource.Chunk chunk = NumberSource.random(40_960, 42, 100_000_000, 1_000_000_000).next(40_960);
    assertEquals(40_960, chunk.numbers().size());
    assertEquals(786579303L, chunk.numbers().get(0), "random.seed(42) draws the chapter's list");
    agreesWithGnuFactor(chunk.numbers().toArray());
  }

  @Test
  void everyNumberFromTwoToOneHundredThousandFactorsAsGnuFactorDoes() throws Exception {
    agreesWithGnuFactor(LongStream.rangeClosed(2, 100_000).toArray());
  }

  @Test
  void hardSixtyTwoAndSixtyThreeBitNumbersFactorAsGnuFactorDoes() throws Exception {
    Random random = new Random(20_240_601);
    List<Long> hard = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // Semiprimes of two 31-bit primes (62 bits), and of a 31- and a 32-bit prime (63 bits).
      hard.add(BigInteger.probablePrime(31, random).multiply(BigInteger.probablePrime(31, random)).longValueExact());
      BigInteger p = BigInteger.probablePrime(31, random);
      BigInteger q = BigInteger.probablePrime(32, random);
      if (p.multiply(q).bitLength() <= 63) {
        hard.add(p.multiply(q).longValueExact());
      }
      hard.add(BigInteger.probablePrime(62, random).longValueExact());
      hard.add(BigInteger.probablePrime(63, random).longValueExact());
      // Unbalanced: a 20-bit prime times a 42-bit one; and a prime cubed.
      hard.add(BigInteger.probablePrime(20, random).multiply(BigInteger.probablePrime(42, random)).longValueExact());
      hard.add(BigInteger.probablePrime(21, random).pow(3).longValueExact());
    }
    long[] special = {
      Long.MAX_VALUE, // 7² · 73 · 127 · 337 · 92737 · 649657
      9_223_372_036_854_775_783L, // the largest prime below 2⁶³
      3_037_000_493L * 3_037_000_493L, // the largest prime square below 2⁶³
      2_147_483_647L * 2_147_483_647L,
      1L << 62,
      4_052_555_153_018_976_267L, // 3³⁹
      3_825_123_056_546_413_051L, // a strong pseudoprime to bases 2 to 23
      318_665_857_834_031_151L, // 3 times a 57-bit prime
      3_215_031_751L, // strong pseudoprime to 2, 3, 5, 7
      4_759_123_141L, // strong pseudoprime to 2, 7, 61: why 2³² needs more bases
      1_122_004_669_633L, // strong pseudoprime to 2, 13, 23, 1662803
      561, 41_041, 825_265, 321_197_185, // Carmichael numbers
      1_000_000_016_000_000_063L, // 1000000007 · 1000000009
      67_108_859L * 67_108_879L,
      8191L * 8191L, 8209L * 8209L, 8191L * 8209L, // around the end of trial division
      8_209L * 8_209L * 8_209L * 8_209L,
    };
    for (long s : special) {
      hard.add(s);
    }
    agreesWithGnuFactor(hard.stream().mapToLong(Long::longValue).toArray());
  }

  @Test
  void randomNumbersOfEverySizeUpToTwoToTheSixtyThreeFactorAsGnuFactorDoes() throws Exception {
    Random random = new Random(63);
    long[] numbers = new long[5_000];
    for (int i = 0; i < numbers.length; i++) {
      numbers[i] = Math.max(2, (random.nextLong() >>> 1) >>> random.nextInt(62));
    }
    agreesWithGnuFactor(numbers);
  }

  @Test
  void isPrimeAgreesWithBigIntegerOnRandomLongs() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      long n = (random.nextLong() >>> 1) >>> random.nextInt(62);
      assertEquals(BigInteger.valueOf(n).isProbablePrime(64), Factoring.isPrime(n), Long.toString(n));
    }
  }

  @Test
  void zeroAndOneHaveNoFactorsAsGnuFactorPrintsThemAndNegativeNumbersAreRefused() {
    assertArrayEquals(new long[0], Factoring.factor(1));
    assertArrayEquals(new long[0], Factoring.factor(0));
    assertThrows(IllegalArgumentException.class, () -> Factoring.factor(-12));
    assertArrayEquals(new long[] {2}, Factoring.factor(2));
  }
}
