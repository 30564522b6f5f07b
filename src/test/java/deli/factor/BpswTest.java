package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** {@link Bpsw#isPrime} on numbers of 63 bits and fewer, which it hands to the long test. */
class BpswTest {

  @Test
  void smallNumbersAgreeWithBigIntegersTest() {
    for (long n = 0; n < 2_000; n++) {
      BigInteger b = BigInteger.valueOf(n);
      assertEquals(b.isProbablePrime(60), Bpsw.isPrime(b), Long.toString(n));
    }
    BigInteger mersenne61 = BigInteger.ONE.shiftLeft(61).subtract(BigInteger.ONE);
    assertEquals(true, Bpsw.isPrime(mersenne61));
    assertEquals(false, Bpsw.isPrime(mersenne61.multiply(BigInteger.valueOf(3))));
  }
}
