package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BigFactoring} where GNU factor takes minutes or hours (two factors of 16 to 20 digits,
 * which rho needs 2^26 to 2^32 steps for): checked against the definition, the product of
 * primes in ascending order. Apart from {@link BigFactoringTest} because it takes seconds, too
 * long to run for each mutant of the mutation profile.
 */
class EcmReachTest {
  private final Random random = new Random(20_261_205);

  private BigInteger prime(int bits) {
    return BigInteger.probablePrime(bits, random);
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

}
