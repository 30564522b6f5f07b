package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void readsTheFormsTheIssueNames() {
    assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
    assertEquals(Duration.ofSeconds(1), Durations.parse("1s"));
    assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
    assertEquals(Duration.ZERO, Durations.parse("0"));
    assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
    assertEquals(Duration.ofNanos(500), Durations.parse("500ns"));
  }

  @Test
  void refusesWhatIsNotADurationWithAMessageForTheUser() {
    for (String bad : new String[] {"", "1", "1x", "s", "-1s", "1.s", "ms", "1 s s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad), bad);
      assertTrue(e.getMessage().contains("is not a duration"), e.getMessage());
    }
  }

  @Test
  void writesDurationsBackInTheFormItReads() {
    for (String s : new String[] {"0", "250ms", "1s", "1.5s", "90s", "5us", "7ns", "1.25s", "1.001s", "2.01s", "1.999s"}) {
      assertEquals(s, Durations.format(Durations.parse(s)));
    }
  }

  @Test
  void anAmountTimesItsUnitIsExactWhateverItsDigits() {
    // BigDecimal as the oracle: the product, the fraction of a nanosecond dropped.
    SplittableRandom random = new SplittableRandom(5);
    String[] units = {"ns", "us", "ms", "s", "m", "h"};
    long[] nanos = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};
    for (int i = 0; i < 20_000; i++) {
      StringBuilder amount = new StringBuilder();
      int whole = random.nextInt(22);
      for (int d = 0; d < whole; d++) {
        amount.append((char) ('0' + random.nextInt(10)));
      }
      int fraction = whole == 0 ? 1 + random.nextInt(12) : random.nextInt(12);
      if (fraction > 0) {
        amount.append('.');
        for (int d = 0; d < fraction; d++) {
          amount.append((char) ('0' + (random.nextInt(4) == 0 ? 9 : random.nextInt(10))));
        }
      }
      int u = random.nextInt(units.length);
      java.math.BigDecimal exact = new java.math.BigDecimal(amount.toString()).multiply(java.math.BigDecimal.valueOf(nanos[u]));
      String text = amount + units[u];
      if (exact.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(text), text);
        assertTrue(e.getMessage().contains("too long a duration"), e.getMessage());
      } else {
        assertEquals(Duration.ofNanos(exact.longValue()), Durations.parse(text), text);
      }
    }
    assertEquals(Duration.ofNanos(Long.MAX_VALUE), Durations.parse("9223372036854775807ns"));
    assertThrows(IllegalArgumentException.class, () -> Durations.parse("9223372036854775808ns"));
    assertEquals(Duration.ofNanos(1), Durations.parse("0.0000000015s"));
  }

  @Test
  void aRangeIsTwoDurationsOrOne() {
    DurationRange r = DurationRange.parse("1s..2s");
    assertEquals(Duration.ofSeconds(1), r.min());
    assertEquals(Duration.ofSeconds(2), r.max());
    assertEquals("1s..2s", r.toString());
    assertEquals(DurationRange.of(Duration.ofMillis(250)), DurationRange.parse("250ms"));
    assertEquals("0..5s", DurationRange.parse("0..5s").toString());
  }

  @Test
  void aRangeMustNotRunBackwards() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DurationRange.parse("2s..1s"));
    assertTrue(e.getMessage().contains("end comes before its start"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DurationRange.parse("1s..x"));
  }

  @Test
  void drawsStayInsideTheRangeAndRepeatWithTheSeed() {
    DurationRange r = DurationRange.parse("100ms..200ms");
    SplittableRandom a = new SplittableRandom(7);
    SplittableRandom b = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      Duration d = r.draw(a);
      assertTrue(d.compareTo(r.min()) >= 0 && d.compareTo(r.max()) <= 0, d.toString());
      assertEquals(d, r.draw(b));
    }
  }
}
