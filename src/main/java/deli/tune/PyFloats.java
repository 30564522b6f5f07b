package deli.tune;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Reading and printing floats as the book's Python does: {@code float(cell)} on a CSV cell, and
 * {@code f"{quality:.3f}"}.
 */
final class PyFloats {
  private static final Pattern SPECIAL = Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

  private PyFloats() {}

  /** What {@code float(text)} makes of a cell: a finite number, or why not. */
  sealed interface Parsed permits Finite, NotANumber, NotFinite {}

  record Finite(double value) implements Parsed {}

  /** {@code float(text)} raises ValueError. */
  record NotANumber() implements Parsed {}

  /** {@code float(text)} is inf or nan (also "1e999"), which k-NN cannot order. */
  record NotFinite() implements Parsed {}

  static Parsed parse(String cell) {
    String s = strip(cell);
    if (isDecimal(s)) {
      // Double.parseDouble rounds correctly, as Python's float() does.
      double v = Double.parseDouble(s.indexOf('_') < 0 ? s : s.replace("_", ""));
      return Double.isFinite(v) ? new Finite(v) : new NotFinite();
    }
    return SPECIAL.matcher(s).matches() ? new NotFinite() : new NotANumber();
  }

  /** 10^0 to 10^22: every one a double exactly. */
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  /**
   * Reads a plain decimal ({@code [+-]digits[.digits]} or {@code [+-].digits}, at most 18
   * digits, nothing else) from {@code s} at {@code from}, up to the first char that cannot
   * continue it (or {@code to}); stores it in {@code out[at]} and returns where it stopped, or
   * -1 for anything else (which {@link #parse} then reads). The value is what
   * {@code Double.parseDouble} gives: the digits as a whole number below 2^53 and a power of ten
   * up to 10^22 are both exact doubles, so their quotient is the correctly rounded value
   * (Clinger's fast path).
   */
  static int plain(String s, int from, int to, double[] out, int at) {
    int i = from;
    boolean negative = false;
    if (i < to && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      negative = s.charAt(i) == '-';
      i++;
    }
    long m = 0;
    int digits = 0;
    int start = i;
    while (i < to && isDigit(s.charAt(i))) {
      m = m * 10 + (s.charAt(i++) - '0');
      digits++;
    }
    boolean whole = i > start;
    int scale = 0;
    if (i < to && s.charAt(i) == '.') {
      i++;
      int f = i;
      while (i < to && isDigit(s.charAt(i))) {
        m = m * 10 + (s.charAt(i++) - '0');
        digits++;
      }
      scale = i - f;
      if (!whole && scale == 0) {
        return -1;
      }
    } else if (!whole) {
      return -1;
    }
    if (digits > 18 || m > (1L << 53) || scale >= POWERS.length) {
      return -1;
    }
    if (i < to) {
      char c = s.charAt(i);
      if (c == 'e' || c == 'E' || c == '_' || isSpace(c)) {
        return -1; // read in full by parse
      }
    }
    double v = scale == 0 ? m : m / POWERS[scale];
    out[at] = negative ? -v : v;
    return i;
  }

  /**
   * Python's float literal: a sign, digits with single underscores between them, a point, an
   * exponent ({@code 1_000.5e-3}). Java's parser would also take {@code 1d}, {@code 0x1p3}.
   */
  static boolean isDecimal(String s) {
    int n = s.length();
    int i = 0;
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int end = digits(s, i);
    boolean whole = end > i;
    i = end;
    boolean fraction = false;
    if (i < n && s.charAt(i) == '.') {
      end = digits(s, ++i);
      fraction = end > i;
      i = end;
    }
    if (!whole && !fraction) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      end = digits(s, i);
      if (end == i) {
        return false;
      }
      i = end;
    }
    return i == n;
  }

  /** The end of a run of ASCII digits from {@code i}, single underscores allowed between digits. */
  private static int digits(String s, int i) {
    int n = s.length();
    if (i >= n || !isDigit(s.charAt(i))) {
      return i;
    }
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        i++;
      } else if (c == '_' && i + 1 < n && isDigit(s.charAt(i + 1))) {
        i += 2;
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code str.strip()}: Python's whitespace at both ends (the ASCII and Unicode spaces). */
  static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && isSpace(s.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  /** Python's {@code str.isspace()} for one character (ASCII 9-13, 28-32, and Unicode spaces). */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
    }
    return c == 0x85 || c == 0xa0 || Character.isSpaceChar(c) || c == 0x2028 || c == 0x2029;
  }

  /**
   * {@code f"{x:.3f}"}: the exact binary value rounded half-even to 3 decimals. Java's
   * {@code %.3f} rounds half-up from a shorter decimal, so 0.0625 gives 0.063 there and 0.062 in
   * Python (a data set of 16 testing rows shows it).
   */
  static String fixed3(double x) {
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
  }
}
