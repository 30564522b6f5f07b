package deli.core;

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
    long unit =
        switch (m.group(2)) {
          case "ns" -> 1L;
          case "us", "µs" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    long nanos = nanos(m.group(1), unit);
    if (nanos < 0) {
      throw new IllegalArgumentException("'" + text + "' is too long a duration");
    }
    return Duration.ofNanos(nanos);
  }

  /**
   * {@code amount} (digits, perhaps a point and more) times {@code unit} nanoseconds, the
   * fraction of a nanosecond dropped; -1 beyond {@code Long.MAX_VALUE}. In longs, not
   * BigDecimal: on Java 25 BigDecimal's first use costs about 20 ms (its class computes tables
   * of powers as it loads), and a duration is read as every command starts.
   */
  static long nanos(String amount, long unit) {
    int dot = amount.indexOf('.');
    String whole = dot < 0 ? amount : amount.substring(0, dot);
    String fraction = dot < 0 ? "" : amount.substring(dot + 1);
    // Past 6 digits of fraction, fraction x unit (a unit is below 2^42) might not fit a long.
    if (whole.length() > 18 || fraction.length() > 6) {
      java.math.BigInteger n =
          new java.math.BigInteger(whole + fraction)
              .multiply(java.math.BigInteger.valueOf(unit))
              .divide(java.math.BigInteger.TEN.pow(fraction.length()));
      return n.bitLength() < 64 ? n.longValue() : -1;
    }
    try {
      long n = Math.multiplyExact(whole.isEmpty() ? 0 : Long.parseLong(whole), unit);
      if (!fraction.isEmpty()) {
        n = Math.addExact(n, Long.parseLong(fraction) * unit / POWERS_OF_TEN[fraction.length()]);
      }
      return n;
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

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
      if (ms < 1000) {
        return ms + "ms";
      }
      String thousandths = Long.toString(1000 + ms % 1000).substring(1).replaceFirst("0+$", "");
      return ms / 1000 + "." + thousandths + "s";
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
