package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link Factoring} on generated numbers: every factor prime (BigInteger's Miller-Rabin as the
 * judge, apart from deli's own test), their product the number, in GNU factor's order
 * (ascending), and GNU {@code factor} itself printing the same lines.
 */
class FactoringProperties {
  /** Small numbers, full-range longs, and products of two primes near 2³¹ (the hard case for trial division). */
  @Provide
  Arbitrary<Long> numbers() {
    Arbitrary<Long> primeProducts = Arbitraries.longs().between(1L << 20, 3_037_000_499L)
        .map(p -> BigInteger.valueOf(p).nextProbablePrime().longValueExact())
        .list().ofMinSize(1).ofMaxSize(3)
        .map(ps -> ps.stream().reduce(1L, (a, b) -> Math.multiplyHigh(a, b) == 0 && a * b > 0 ? a * b : a));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(2, 100_000)),
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(2, Long.MAX_VALUE)),
        net.jqwik.api.Tuple.of(2, primeProducts.filter(n -> n >= 2)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 62).map(k -> 1L << k)));
  }

  static void check(long n) {
    long[] factors = Factoring.factor(n);
    BigInteger product = BigInteger.ONE;
    for (int i = 0; i < factors.length; i++) {
      assertTrue(BigInteger.valueOf(factors[i]).isProbablePrime(64), factors[i] + " of " + n + " is prime");
      assertEquals(BigInteger.valueOf(factors[i]).isProbablePrime(64), Factoring.isPrime(factors[i]));
      assertTrue(i == 0 || factors[i - 1] <= factors[i], "ascending, as GNU factor prints: " + Arrays.toString(factors));
      product = product.multiply(BigInteger.valueOf(factors[i]));
    }
    assertEquals(BigInteger.valueOf(n), product, Arrays.toString(factors));
  }

  @Property(tries = 300)
  void everyFactorIsPrimeAndTheirProductIsTheNumberInAscendingOrder(@ForAll("numbers") long n) {
    check(n);
  }

  @Property(tries = 300)
  void isPrimeAgreesWithMillerRabin(@ForAll("numbers") long n) {
    assertEquals(BigInteger.valueOf(n).isProbablePrime(64), Factoring.isPrime(n), String.valueOf(n));
  }

  /** One GNU factor process per try, for a list of numbers: the same lines, in the same order. */
  @Property(tries = 8)
  void printsWhatGnuFactorPrints(@ForAll @Size(min = 1, max = 200) List<@net.jqwik.api.From("numbers") Long> numbers) throws Exception {
    long[] ns = numbers.stream().mapToLong(Long::longValue).toArray();
    List<String> ours = Arrays.stream(ns).mapToObj(n -> n + ":" + Arrays.stream(Factoring.factor(n)).mapToObj(f -> " " + f).reduce("", String::concat)).toList();
    assertEquals(GnuFactor.lines(ns), ours);
  }

  // Counterexamples jqwik shrank to (or kinds of them), kept as examples.

  @Test
  void theLargestLongAndTheLargestPrimeBelowIt() {
    check(Long.MAX_VALUE);
    check(9_223_372_036_854_775_783L);
    check(3_037_000_493L * 3_037_000_453L);
  }
}
