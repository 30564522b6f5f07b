package deli.logserver;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;

/**
 * Python's {@code repr(float)}, as {@code json.dumps} writes a float: the shortest digits that
 * read back as the same double ({@code 0.1}, {@code 1e-05}, {@code 1e+16},
 * {@code 1795534252.0648844}), and {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest, so the digits come from the
 * Schubfach algorithm (in jackson-core, as Java 19 adopted it) and are laid out by CPython's
 * rules ({@code format_float_short}, mode 'r').
 */
public final class PyFloat {
  private PyFloat() {}

  /** The float as {@code json.dumps} writes it. */
  public static String json(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return repr(v);
  }

  /** The float as Python's {@code repr} writes it ({@code nan}, {@code inf} for the odd ones). */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    String java = DoubleToDecimal.toString(v);
    boolean negative = java.charAt(0) == '-';
    int start = negative ? 1 : 0;
    int e = java.indexOf('E');
    int exponent = e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
    String mantissa = java.substring(start, e < 0 ? java.length() : e);
    int dot = mantissa.indexOf('.');
    String digits = dot < 0 ? mantissa : mantissa.substring(0, dot) + mantissa.substring(dot + 1);
    // The value is 0.DIGITS x 10^decpt, as CPython's dtoa returns it.
    int decpt = (dot < 0 ? mantissa.length() : dot) + exponent;
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    decpt -= lead;
    int end = digits.length();
    while (end > lead + 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits = digits.substring(lead, end);
    if (digits.length() == 2) {
      // Java's rule prefers two digits where one would do (4.9E-324); Python's takes one.
      String one = oneDigit(Math.abs(v), digits, decpt);
      if (one != null) {
        decpt = one.charAt(0) == '+' ? decpt + 1 : decpt;
        digits = one.substring(1);
      }
    }
    return (negative ? "-" : "") + layout(digits, decpt);
  }

  /**
   * The one-digit decimal nearest {@code v} that reads back as {@code v}, as a sign-tagged
   * string ({@code "+1"} when rounding up carried into a new decade), or null if none does.
   */
  private static String oneDigit(double v, String two, int decpt) {
    int first = two.charAt(0) - '0';
    String best = null;
    BigDecimal exact = new BigDecimal(v);
    BigDecimal bestDistance = null;
    for (int d = first; d <= first + 1; d++) {
      boolean carry = d == 10;
      int digit = carry ? 1 : d;
      int point = carry ? decpt + 1 : decpt;
      BigDecimal candidate = new BigDecimal(java.math.BigInteger.valueOf(digit), 1 - point);
      if (candidate.doubleValue() != v) {
        continue;
      }
      BigDecimal distance = candidate.subtract(exact).abs();
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        bestDistance = distance;
        best = (carry ? "+" : "=") + digit;
      }
    }
    return best;
  }

  private static String layout(String digits, int decpt) {
    int n = digits.length();
    if (decpt <= -4 || decpt > 16) {
      StringBuilder s = new StringBuilder(n + 6);
      s.append(digits.charAt(0));
      if (n > 1) {
        s.append('.').append(digits, 1, n);
      }
      int exp = decpt - 1;
      s.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        s.append('0');
      }
      return s.append(abs).toString();
    }
    if (decpt <= 0) {
      return "0." + "0".repeat(-decpt) + digits;
    }
    if (decpt >= n) {
      return digits + "0".repeat(decpt - n) + ".0";
    }
    return digits.substring(0, decpt) + "." + digits.substring(decpt);
  }
}
