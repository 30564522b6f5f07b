package deli.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way deli writes durations, on the command line and in config: {@code 250ms},
 * {@code 1s}, {@code 1.5s}, {@code 2m}; a bare {@code 0} is zero.
 */
public final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(ns|us|µs|ms|s|m|h)");

  private Durations() {}

  /**
   * Parses a duration such as {@code 250ms} or {@code 1.5s}.
   *
   * @throws IllegalArgumentException with a message fit for a user when the text is not one
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = FORMAT.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration (write 250ms, 1s, 1.5s, 2m or 0)");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> BigDecimal.ONE;
          case "us", "µs" -> BigDecimal.valueOf(1_000L);
          case "ms" -> BigDecimal.valueOf(1_000_000L);
          case "s" -> BigDecimal.valueOf(1_000_000_000L);
          case "m" -> BigDecimal.valueOf(60_000_000_000L);
          default -> BigDecimal.valueOf(3_600_000_000_000L);
        };
    BigDecimal nanos = amount.multiply(nanosPerUnit);
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** Writes a duration back in the form {@link #parse} reads, as short as it stays exact. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      long ms = nanos / 1_000_000L;
      return ms >= 1000 ? BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString() + "s" : ms + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }

  /** Seconds as a double, for printing the chapter's {@code %.2f} figures. */
  public static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
