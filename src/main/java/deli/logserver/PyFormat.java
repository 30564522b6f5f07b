package deli.logserver;

import deli.python.PyRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
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
    String body;
    boolean numeric = false;
    switch (p.type()) {
      case 's' -> body = PyRepr.str(v);
      case 'r', 'a' -> body = PyRepr.repr(v);
      case 'c' -> body = v instanceof String s ? s : new String(Character.toChars(toInt(v).intValue()));
      case 'd', 'i', 'u' -> {
        body = toInt(v).toString();
        numeric = true;
      }
      case 'x', 'X', 'o' -> {
        BigInteger b = toInt(v);
        String digits = b.abs().toString(p.type() == 'o' ? 8 : 16);
        if (p.flags().indexOf('#') >= 0) {
          digits = (p.type() == 'o' ? "0o" : "0x") + digits;
        }
        body = (b.signum() < 0 ? "-" : "") + digits;
        if (p.type() == 'X') {
          body = body.toUpperCase(Locale.ROOT);
        }
        numeric = true;
      }
      default -> {
        body = floating(p, toDouble(v));
        numeric = true;
      }
    }
    boolean text = p.type() == 's' || p.type() == 'r' || p.type() == 'a';
    if (text && p.precision() >= 0 && p.precision() < body.codePointCount(0, body.length())) {
      body = body.substring(0, body.offsetByCodePoints(0, p.precision()));
    }
    if (numeric && !body.startsWith("-")) {
      if (p.flags().indexOf('+') >= 0) {
        body = "+" + body;
      } else if (p.flags().indexOf(' ') >= 0) {
        body = " " + body;
      }
    }
    int pad = p.width() - body.codePointCount(0, body.length());
    if (pad <= 0) {
      sb.append(body);
    } else if (p.flags().indexOf('-') >= 0) {
      sb.append(body).append(" ".repeat(pad));
    } else if (numeric && p.flags().indexOf('0') >= 0) {
      int sign = body.startsWith("-") || body.startsWith("+") || body.startsWith(" ") ? 1 : 0;
      sb.append(body, 0, sign).append("0".repeat(pad)).append(body, sign, body.length());
    } else {
      sb.append(" ".repeat(pad)).append(body);
    }
  }

  private static String floating(Piece p, double d) {
    int precision = p.precision() < 0 ? 6 : p.precision();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      String s = Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
      return Character.isUpperCase(p.type()) ? s.toUpperCase(Locale.ROOT) : s;
    }
    return switch (p.type()) {
      case 'f', 'F' -> new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
      case 'e', 'E' -> {
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        yield p.type() == 'E' ? s.toUpperCase(Locale.ROOT) : s;
      }
      default -> {
        // %g: precision significant digits, trailing zeros dropped, exponent below 1e-4 or at 10^p.
        int sig = precision == 0 ? 1 : precision;
        if (d == 0) {
          yield 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal r = new BigDecimal(d).round(new java.math.MathContext(sig, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        String s;
        if (exp < -4 || exp >= sig) {
          String e = String.format(Locale.ROOT, "%." + (sig - 1) + "e", d);
          int at = e.indexOf('e');
          String m = e.substring(0, at);
          if (m.contains(".")) {
            m = m.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
          s = m + e.substring(at);
        } else {
          s = r.setScale(Math.max(0, sig - 1 - exp), RoundingMode.HALF_EVEN).toPlainString();
          if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
          }
        }
        yield p.type() == 'G' ? s.toUpperCase(Locale.ROOT) : s;
      }
    };
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
