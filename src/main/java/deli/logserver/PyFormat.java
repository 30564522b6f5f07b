package deli.logserver;

import deli.python.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code %} operator on strings, as logging uses it: {@code "%(levelname)-8s"} with a
 * mapping, {@code "Sorted %d items"} with a tuple. Conversions s, r, a, d, i, u, f, F, e, E, g,
 * G, x, X, o, c and %%; flags {@code -0+ #}, width and precision. A format is parsed once.
 */
final class PyFormat {
  /** One piece of a format: literal text, or a conversion. */
  private record Piece(String text, String key, String flags, int width, int precision, char type) {}

  private final List<Piece> pieces;
  private final String source;

  private PyFormat(String source, List<Piece> pieces) {
    this.source = source;
    this.pieces = List.copyOf(pieces);
  }

  String source() {
    return source;
  }

  /** The mapping keys the format names, in order ({@code asctime}, {@code message}...). */
  List<String> keys() {
    return pieces.stream().filter(p -> p.key() != null).map(Piece::key).toList();
  }

  /** Parses a format; a malformed one is an {@link IllegalArgumentException} saying where. */
  static PyFormat parse(String format) {
    List<Piece> pieces = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        text.append(c);
        i++;
        continue;
      }
      int start = i++;
      if (i < n && format.charAt(i) == '%') {
        text.append('%');
        i++;
        continue;
      }
      String key = null;
      if (i < n && format.charAt(i) == '(') {
        int close = format.indexOf(')', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed '%(' at position " + start + " of '" + format + "'");
        }
        key = format.substring(i + 1, close);
        i = close + 1;
      }
      int flagsStart = i;
      while (i < n && "-+ #0".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      String flags = format.substring(flagsStart, i);
      int width = -1;
      int ws = i;
      while (i < n && Character.isDigit(format.charAt(i))) {
        i++;
      }
      if (i > ws) {
        width = Integer.parseInt(format.substring(ws, i));
      }
      int precision = -1;
      if (i < n && format.charAt(i) == '.') {
        int ps = ++i;
        while (i < n && Character.isDigit(format.charAt(i))) {
          i++;
        }
        precision = i > ps ? Integer.parseInt(format.substring(ps, i)) : 0;
      }
      if (i >= n || "sradiufFeEgGxXoc".indexOf(format.charAt(i)) < 0) {
        throw new IllegalArgumentException(
            "unsupported format character at position " + i + " of '" + format + "'");
      }
      if (text.length() > 0) {
        pieces.add(new Piece(text.toString(), null, "", -1, -1, ' '));
        text.setLength(0);
      }
      pieces.add(new Piece(null, key, flags, width, precision, format.charAt(i)));
      i++;
    }
    if (text.length() > 0) {
      pieces.add(new Piece(text.toString(), null, "", -1, -1, ' '));
    }
    return new PyFormat(format, pieces);
  }

  /** {@code format % mapping}; a key the mapping lacks is written as None. */
  String apply(Map<?, ?> mapping) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      if (p.text() != null) {
        sb.append(p.text());
      } else {
        convert(p, p.key() == null ? mapping : mapping.get(p.key()), sb);
      }
    }
    return sb.toString();
  }

  /** {@code format % args} for positional conversions; null when the args do not fit. */
  String applyPositional(Object[] args) {
    StringBuilder sb = new StringBuilder();
    int next = 0;
    for (Piece p : pieces) {
      if (p.text() != null) {
        sb.append(p.text());
      } else if (p.key() != null || next >= args.length) {
        return null;
      } else {
        convert(p, args[next++], sb);
      }
    }
    return next == args.length ? sb.toString() : null;
  }

  private static void convert(Piece p, Object v, StringBuilder sb) {
    String flags = p.flags();
    String sign = ""; // numbers: '-', or '+' / ' ' as the flags ask
    String prefix = ""; // '#': 0x, 0X, 0o, between the sign and the zeros of the width
    String body;
    boolean numeric = true;
    switch (p.type()) {
      case 's', 'r', 'a', 'c' -> {
        numeric = false;
        body = switch (p.type()) {
          case 's' -> PyRepr.str(v);
          case 'r' -> PyRepr.repr(v);
          case 'a' -> ascii(PyRepr.repr(v));
          default -> v instanceof String str ? str : new String(Character.toChars(toInt(v).intValue()));
        };
        if (p.type() != 'c' && p.precision() >= 0 && p.precision() < body.codePointCount(0, body.length())) {
          body = body.substring(0, body.offsetByCodePoints(0, p.precision()));
        }
      }
      case 'd', 'i', 'u', 'x', 'X', 'o' -> {
        BigInteger b = toInt(v);
        int radix = p.type() == 'o' ? 8 : p.type() == 'x' || p.type() == 'X' ? 16 : 10;
        body = b.abs().toString(radix);
        if (p.precision() > body.length()) {
          body = "0".repeat(p.precision() - body.length()) + body; // the least number of digits
        }
        if (radix != 10 && flags.indexOf('#') >= 0) {
          prefix = radix == 8 ? "0o" : "0x";
        }
        if (p.type() == 'X') {
          body = body.toUpperCase(Locale.ROOT);
          prefix = prefix.toUpperCase(Locale.ROOT);
        }
        sign = b.signum() < 0 ? "-" : "";
      }
      default -> {
        double d = toDouble(v);
        body = floating(p, d);
        if (body.startsWith("-")) {
          body = body.substring(1);
          sign = "-";
        } else if (Double.doubleToRawLongBits(d) < 0 && !Double.isNaN(d)) {
          sign = "-"; // -0.0, or a negative number rounded to zero: Python keeps its sign
        }
      }
    }
    if (numeric && sign.isEmpty()) {
      sign = flags.indexOf('+') >= 0 ? "+" : flags.indexOf(' ') >= 0 ? " " : "";
    }
    int pad = p.width() - sign.length() - prefix.length() - body.codePointCount(0, body.length());
    if (pad <= 0) {
      sb.append(sign).append(prefix).append(body);
    } else if (flags.indexOf('-') >= 0) {
      sb.append(sign).append(prefix).append(body).append(" ".repeat(pad));
    } else if (numeric && flags.indexOf('0') >= 0) {
      sb.append(sign).append(prefix).append("0".repeat(pad)).append(body);
    } else {
      sb.append(" ".repeat(pad)).append(sign).append(prefix).append(body);
    }
  }

  /** Python's {@code ascii()} of a repr: what is not ASCII escaped as x, u or U and its hex digits. */
  private static String ascii(String repr) {
    StringBuilder sb = new StringBuilder(repr.length());
    repr.codePoints().forEach(cp -> {
      if (cp < 0x80) {
        sb.append((char) cp);
      } else {
        String hex = Integer.toHexString(cp);
        int digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
        sb.append(cp < 0x100 ? "\\x" : cp < 0x10000 ? "\\u" : "\\U").append("0".repeat(digits - hex.length())).append(hex);
      }
    });
    return sb.toString();
  }

  /** A float's digits without its sign (the caller writes it), rounded half-even as CPython does. */
  private static String floating(Piece p, double d) {
    int precision = p.precision() < 0 ? 6 : p.precision();
    boolean alt = p.flags().indexOf('#') >= 0; // keep the point, and %g's trailing zeros
    boolean upper = Character.isUpperCase(p.type());
    double a = Math.abs(d);
    String s;
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      s = Double.isNaN(d) ? "nan" : "inf";
    } else if (p.type() == 'f' || p.type() == 'F') {
      s = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).toPlainString() + (alt && precision == 0 ? "." : "");
    } else if (p.type() == 'e' || p.type() == 'E') {
      s = exponential(a, precision, alt);
    } else {
      // %g: precision significant digits, trailing zeros dropped, exponent below 1e-4 or at 10^p.
      int sig = precision == 0 ? 1 : precision;
      int exp = a == 0 ? 0 : decimalExponent(new BigDecimal(a).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
      if (exp < -4 || exp >= sig) {
        s = exponential(a, sig - 1, alt);
        if (!alt) {
          int at = s.indexOf('e');
          s = dropZeros(s.substring(0, at)) + s.substring(at);
        }
      } else {
        s = new BigDecimal(a).setScale(Math.max(0, sig - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
        s = alt ? (s.contains(".") ? s : s + ".") : dropZeros(s);
      }
    }
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  /** {@code a} as {@code d.ddde+XX} with {@code precision} digits after the point. */
  private static String exponential(double a, int precision, boolean alt) {
    String digits;
    int exp;
    if (a == 0) {
      digits = "0".repeat(precision + 1);
      exp = 0;
    } else {
      BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
      exp = decimalExponent(r);
      digits = r.unscaledValue().toString();
      digits = digits.length() > precision + 1 ? digits.substring(0, precision + 1) : digits + "0".repeat(precision + 1 - digits.length());
    }
    String mantissa = digits.charAt(0) + (precision > 0 || alt ? "." : "") + digits.substring(1);
    return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  /** The power of ten of a number's first digit: 1 for 12.5, -3 for 0.00125. */
  private static int decimalExponent(BigDecimal r) {
    return r.precision() - r.scale() - 1;
  }

  private static String dropZeros(String s) {
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  private static BigInteger toInt(Object v) {
    if (v instanceof Integer || v instanceof Long) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof Boolean b) {
      return b ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return new BigDecimal(d).toBigInteger();
    }
    throw new IllegalArgumentException("%d format: a real number is required, not " + RecordDecoder.pythonType(v));
  }

  private static double toDouble(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw new IllegalArgumentException("must be real number, not " + RecordDecoder.pythonType(v));
  }
}
