package deli.python;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Python's {@code repr(float)}, as {@code json.dumps} writes a float: the shortest digits that
 * read back as the same double ({@code 0.1}, {@code 1e-05}, {@code 1e+16},
 * {@code 1795534252.0648844}), and {@code NaN}, {@code Infinity}, {@code -Infinity}.
 *
 * <p>Java 17's {@code Double.toString} is not always shortest, so the digits come from the
 * Schubfach algorithm (in jackson-core, as Java 19 adopted it) and are laid out by CPython's
 * rules ({@code format_float_short}, mode 'r'): an exponent below 1e-4 and from 1e16 up.
 */
public final class PyFloat {
  private PyFloat() {}

  /** The float as {@code json.dumps} writes it. */
  public static String json(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v == Double.POSITIVE_INFINITY ? "Infinity" : "-Infinity";
    }
    return repr(v);
  }

  /** The float as Python's {@code repr} writes it ({@code nan}, {@code inf} for the odd ones). */
  public static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v == Double.POSITIVE_INFINITY ? "inf" : "-inf";
    }
    if (v == 0) {
      return Double.doubleToRawLongBits(v) < 0 ? "-0.0" : "0.0"; // the sign bit: -0.0
    }
    char[] buf = new char[32];
    return new String(buf, 0, format(v, buf));
  }

  /**
   * Writes a finite, non-zero {@code v} as {@code repr} does into {@code out} (32 chars are
   * enough) and returns the length: for writers that keep no String per float.
   */
  public static int format(double v, char[] out) {
    String java = DoubleToDecimal.toString(v); // 1.0E16, -1.2345E-5, 123.456, 0.001
    int len = java.length();
    int at = java.charAt(0) == '-' ? 1 : 0;
    char[] digits = new char[20];
    int n = 0;
    int pointAt = -1;
    int exponent = 0;
    for (int i = at; i < len; i++) {
      char c = java.charAt(i);
      if (c == '.') {
        pointAt = n;
      } else if (c == 'E') {
        boolean neg = java.charAt(i + 1) == '-';
        for (int k = neg ? i + 2 : i + 1; k < len; k++) {
          exponent = exponent * 10 + (java.charAt(k) - '0');
        }
        exponent = neg ? -exponent : exponent;
        break;
      } else {
        digits[n++] = c;
      }
    }
    // The value is 0.DIGITS x 10^decpt, as CPython's dtoa returns it. Equivalent mutants, from
    // here to the subnormal test: Java's text starts with a digit (the point is never first);
    // it has leading zeros only in plain notation (1e-3 to 1e7), which layout writes the same
    // with or without them, and always a non-zero digit, where both loops stop; subnormals are
    // written with an exponent, so no leading zero there (end - lead is end + lead, lead 0).
    int decpt = (pointAt < 0 ? n : pointAt) + exponent;
    int lead = 0;
    while (lead < n - 1 && digits[lead] == '0') {
      lead++;
    }
    decpt -= lead;
    int end = n;
    while (end > lead + 1 && digits[end - 1] == '0') {
      end--;
    }
    if (end - lead == 2 && Math.abs(v) < Double.MIN_NORMAL) {
      // Java's rule prefers two digits where one would do (4.9E-324); Python's takes one. Only
      // subnormals have a rounding interval wide enough for that to change the value written.
      int one = oneDigit(Math.abs(v), digits[lead] - '0', decpt);
      if (one > 0) {
        digits[lead] = (char) ('0' + (one % 10 == 0 ? 1 : one));
        decpt = one == 10 ? decpt + 1 : decpt;
        end = lead + 1; // equivalent mutant: lead - 1 (layout writes one digit for any end up to lead + 1)
      }
    }
    int o = 0;
    if (at == 1) {
      out[o++] = '-';
    }
    return layout(digits, lead, end, decpt, out, o);
  }

  /**
   * The one-digit value nearest {@code v} that reads back as {@code v}: {@code first} or
   * {@code first + 1} (10 when that carries into a new decade), or 0 if neither does.
   */
  private static int oneDigit(double v, int first, int decpt) {
    BigDecimal exact = new BigDecimal(v);
    int best = 0;
    BigDecimal bestDistance = null;
    for (int d = first; d <= first + 1; d++) {
      BigDecimal candidate = new BigDecimal(BigInteger.valueOf(d), 1 - decpt);
      if (candidate.doubleValue() != v) {
        continue;
      }
      BigDecimal distance = candidate.subtract(exact).abs();
      // Equivalent mutant: "<= 0". No double is exactly halfway between two one-digit decimals.
      if (bestDistance == null || distance.compareTo(bestDistance) < 0) {
        bestDistance = distance;
        best = d;
      }
    }
    return best;
  }

  private static int layout(char[] d, int from, int to, int decpt, char[] out, int o) {
    if (decpt <= -4 || decpt > 16) {
      out[o++] = d[from];
      if (to > from + 1) {
        out[o++] = '.';
        for (int i = from + 1; i < to; i++) {
          out[o++] = d[i];
        }
      }
      int exp = decpt - 1;
      out[o++] = 'e';
      out[o++] = decpt <= -4 ? '-' : '+';
      int abs = Math.abs(exp);
      if (abs >= 100) {
        out[o++] = (char) ('0' + abs / 100);
      }
      out[o++] = (char) ('0' + abs / 10 % 10);
      out[o++] = (char) ('0' + abs % 10);
      return o;
    }
    if (decpt <= 0) {
      out[o++] = '0';
      out[o++] = '.';
      for (int i = 0; i < -decpt; i++) {
        out[o++] = '0';
      }
      for (int i = from; i < to; i++) {
        out[o++] = d[i];
      }
      return o;
    }
    for (int i = 0; i < decpt; i++) {
      out[o++] = from + i < to ? d[from + i] : '0';
    }
    out[o++] = '.';
    if (from + decpt >= to) {
      out[o++] = '0';
    } else {
      for (int i = from + decpt; i < to; i++) {
        out[o++] = d[i];
      }
    }
    return o;
  }
}
