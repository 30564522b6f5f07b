package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading numbers: what GNU factor accepts is accepted, of any size, and every bad token is named as GNU names it. */
class NumberSourceTest {

  private static Numbers parsed(String token) {
    Numbers.Builder out = new Numbers.Builder(1);
    assertTrue(NumberSource.parseInto(token, out), token);
    return out.build();
  }

  private static void refused(String token) {
    Numbers.Builder out = new Numbers.Builder(1);
    assertFalse(NumberSource.parseInto(token, out), token);
    assertEquals(0, out.size());
  }

  @Test
  void tokensAreLeadingSpacesAnOptionalPlusAndDigitsOfAnySize() {
    assertEquals(Numbers.of(12), parsed("12"));
    assertEquals(Numbers.of(12), parsed("+0012"));
    assertEquals(Numbers.of(12), parsed("  +12"));
    assertEquals(Numbers.of(0), parsed("000"));
    assertEquals(Numbers.of(1), parsed("1"));
    assertEquals(Numbers.of(Long.MAX_VALUE), parsed("9223372036854775807"));
    assertEquals(Numbers.of(999_999_999_999_999_999L), parsed("999999999999999999"));
    Numbers big = parsed("0018446744073709551617");
    assertTrue(big.isBig(0));
    assertEquals(new BigInteger("18446744073709551617"), big.big(0));
    assertEquals(Numbers.of(Long.MAX_VALUE), parsed("00000009223372036854775807"), "leading zeros: still a long");
    for (String bad : new String[] {"abc", "-5", "+", "", "++3", "1.5", "12 ", "\t12", "+ 12", "0x10", "1e3", "\u0663"}) {
      refused(bad);
    }
  }

  @Test
  void aRefusalIsGnuFactorsLineQuotedAsGnuQuotes() {
    assertEquals("\u2018abc\u2019 is not a valid positive integer", NumberSource.refusal("abc"));
    assertEquals("\u2018a\\tb\\\\c\u2019 is not a valid positive integer", NumberSource.refusal("a\tb\\c"));
    assertEquals("\u2018\u20ac\u00e47\u2019 is not a valid positive integer", NumberSource.refusal("\u20ac\u00e47"));
  }

  @Test
  void aStreamGivesEveryGoodNumberInOrderAndAnErrorPerBadTokenSkippingBlankLines() throws Exception {
    String input = "12\n\n  15  16\nx 18\n1\n \t \n340282366920938463463374607431768211457\n12\r\n+21";
    NumberSource source = NumberSource.ofStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), input.length());
    List<BigInteger> numbers = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    NumberSource.Chunk chunk;
    int chunks = 0;
    do {
      chunk = source.next(2); // small chunks cut lines in the middle
      for (int i = 0; i < chunk.numbers().size(); i++) {
        numbers.add(chunk.numbers().big(i));
      }
      errors.addAll(chunk.errors());
      assertTrue(chunk.numbers().size() + chunk.errors().size() <= 2);
      chunks++;
    } while (!chunk.last());
    assertEquals(
        List.of(12L, 15L, 16L, 18L, 1L).stream().map(BigInteger::valueOf).toList(), numbers.subList(0, 5));
    assertEquals(new BigInteger("340282366920938463463374607431768211457"), numbers.get(5));
    assertEquals(BigInteger.valueOf(21), numbers.get(6));
    assertEquals(7, numbers.size());
    assertEquals(
        List.of("\u2018x\u2019 is not a valid positive integer", "\u201812\\r\u2019 is not a valid positive integer"), errors);
    assertEquals(1.0, chunk.fraction());
    assertTrue(chunks >= 5);
  }

  @Test
  void invalidUtf8InAStreamIsQuotedInOctalByteForByte() throws Exception {
    byte[] input = {'1', (byte) 0xff, ' ', (byte) 0xe2, (byte) 0x82, (byte) 0xac, '\n', 1, '\n'};
    NumberSource.Chunk chunk = NumberSource.ofStream(new ByteArrayInputStream(input), 0).next(10);
    assertEquals(
        List.of(
            "\u20181\\377\u2019 is not a valid positive integer",
            "\u2018\u20ac\u2019 is not a valid positive integer",
            "\u2018\\001\u2019 is not a valid positive integer"),
        chunk.errors());
  }

  @Test
  void argumentsAreReadInOrderWithTheBadOnesNamed() throws Exception {
    NumberSource.Chunk chunk = NumberSource.ofArguments(List.of("4", "four", " 9")).next(10);
    assertEquals(Numbers.of(4, 9), chunk.numbers());
    assertEquals(List.of("\u2018four\u2019 is not a valid positive integer"), chunk.errors());
    assertTrue(chunk.last());
  }

  @Test
  void randomNumbersComeInChunksUntilTheCountIsDrawn() throws Exception {
    NumberSource source = NumberSource.random(5, 42, 100_000_000, 1_000_000_000);
    NumberSource.Chunk first = source.next(3);
    NumberSource.Chunk second = source.next(3);
    assertEquals(Numbers.of(786579303, 219540831, 126855092), first.numbers());
    assertEquals(2, second.numbers().size());
    assertTrue(second.last());
  }
}
