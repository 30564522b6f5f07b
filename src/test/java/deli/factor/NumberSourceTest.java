package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading numbers: what GNU factor accepts is accepted, and every bad token is named. */
class NumberSourceTest {

  private static String refused(String token) {
    return assertThrows(IllegalArgumentException.class, () -> NumberSource.parse(token)).getMessage();
  }

  @Test
  void tokensAreDigitsWithAnOptionalPlusFromTwoToTwoToTheSixtyThreeMinusOne() {
    assertEquals(12, NumberSource.parse("12"));
    assertEquals(12, NumberSource.parse("+0012"));
    assertEquals(Long.MAX_VALUE, NumberSource.parse("9223372036854775807"));
    assertEquals("'abc' is not a positive integer", refused("abc"));
    assertEquals("'-5' is not a positive integer", refused("-5"));
    assertEquals("'+' is not a positive integer", refused("+"));
    assertEquals("'1.5' is not a positive integer", refused("1.5"));
    assertEquals("1 has no prime factors: deli factors 2 to 9223372036854775807", refused("1"));
    assertEquals("0 has no prime factors: deli factors 2 to 9223372036854775807", refused("000"));
    assertEquals("9223372036854775808 is too large: deli factors 2 to 9223372036854775807", refused("9223372036854775808"));
    assertEquals("18446744073709551617 is too large: deli factors 2 to 9223372036854775807", refused("0018446744073709551617"));
  }

  @Test
  void aStreamGivesEveryGoodNumberInOrderAndAnErrorPerBadTokenWithItsLine() throws Exception {
    String input = "12\n\n  15  16\nx 18\n1\n   \n99999999999999999999\n21";
    NumberSource source =
        NumberSource.ofStream(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.txt", input.length());
    List<Long> numbers = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    NumberSource.Chunk chunk;
    int chunks = 0;
    do {
      chunk = source.next(2); // small chunks cut lines in the middle
      chunk.numbers().stream().forEach(numbers::add);
      errors.addAll(chunk.errors());
      assertTrue(chunk.numbers().size() + chunk.errors().size() <= 2);
      chunks++;
    } while (!chunk.last());
    assertEquals(List.of(12L, 15L, 16L, 18L, 21L), numbers);
    assertEquals(
        List.of(
            "in.txt:2: empty line",
            "in.txt:4: 'x' is not a positive integer",
            "in.txt:5: 1 has no prime factors: deli factors 2 to 9223372036854775807",
            "in.txt:6: empty line",
            "in.txt:7: 99999999999999999999 is too large: deli factors 2 to 9223372036854775807"),
        errors);
    assertEquals(1.0, chunk.fraction());
    assertTrue(chunks >= 5);
  }

  @Test
  void argumentsAreReadInOrderWithTheBadOnesNamed() throws Exception {
    NumberSource.Chunk chunk = NumberSource.ofArguments(List.of("4", "four", "9")).next(10);
    assertEquals(Numbers.of(4, 9), chunk.numbers());
    assertEquals(List.of("'four' is not a positive integer"), chunk.errors());
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
