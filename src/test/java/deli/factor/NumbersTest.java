package deli.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Numbers}: longs where they fit, BigIntegers beside them, the same in JSON and CBOR. */
class NumbersTest {
  private static final BigInteger BIG = new BigInteger("340282366920938463463374607431768211457");

  @Test
  void longsStayAPlainJsonArrayAndBigNumbersKeepEveryDigit() throws Exception {
    ObjectMapper json = new ObjectMapper();
    assertEquals("[2,2,3]", json.writeValueAsString(Numbers.of(2, 2, 3)));
    Numbers mixed = Numbers.ofBig(BigInteger.valueOf(12), BIG, BigInteger.ONE.shiftLeft(63));
    assertEquals("[12," + BIG + ",9223372036854775808]", json.writeValueAsString(mixed));
    assertEquals(mixed, json.readValue(json.writeValueAsString(mixed), Numbers.class));
    assertEquals(Numbers.of(1, Long.MAX_VALUE), json.readValue("[1, 9223372036854775807]", Numbers.class));
    assertThrows(Exception.class, () -> json.readValue("[1, \"2\"]", Numbers.class));
    assertThrows(Exception.class, () -> json.readValue("{\"a\": 1}", Numbers.class));
  }

  @Test
  void cborCarriesBigNumbersAcrossNodes() throws Exception {
    CBORMapper cbor = new CBORMapper();
    Numbers mixed = Numbers.ofBig(BigInteger.valueOf(-4), BIG, BigInteger.valueOf(Long.MAX_VALUE));
    Numbers back = cbor.readValue(cbor.writeValueAsBytes(mixed), Numbers.class);
    assertEquals(mixed, back);
    assertEquals(mixed.hashCode(), back.hashCode());
    assertEquals(List.of(Numbers.of(7), mixed), List.of(cbor.readValue(cbor.writeValueAsBytes(Numbers.of(7)), Numbers.class), back));
  }

  @Test
  void aBigValueIsReadAsBigAndNeverAsALong() {
    Numbers n = Numbers.ofBig(BigInteger.TEN, BIG, BigInteger.ONE.negate().shiftLeft(70));
    assertFalse(n.isBig(0));
    assertTrue(n.isBig(1));
    assertTrue(n.anyBig());
    assertEquals(10, n.get(0));
    assertEquals(BIG, n.big(1));
    assertThrows(ArithmeticException.class, () -> n.get(1));
    assertThrows(ArithmeticException.class, n::toArray);
    assertEquals(2, n.firstNegative());
    assertEquals(-1, Numbers.of(0, 5).firstNegative());
    assertEquals("[10, " + BIG + ", " + BigInteger.ONE.negate().shiftLeft(70) + "]", n.toString());
    assertEquals(Numbers.of(10), n.slice(0, 1));
    assertFalse(n.slice(0, 1).anyBig(), "a slice of longs only is plain again");
    assertEquals(BIG, n.slice(1, 2).big(0));
    assertArrayEquals(new long[] {10}, n.slice(0, 1).toArray());
    Numbers.Builder grow = new Numbers.Builder(1);
    for (int i = 0; i < 20; i++) {
      grow.add(i % 5 == 0 ? BIG : BigInteger.valueOf(i));
    }
    Numbers grown = grow.build();
    assertEquals(20, grown.size());
    assertEquals(BIG, grown.big(15));
    assertEquals(BigInteger.valueOf(19), grown.big(19));
  }
}
