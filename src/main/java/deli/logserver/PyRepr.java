package deli.logserver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Calendar;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code str()} and {@code repr()} of the values a pickle decodes to, for the text
 * format and for the few values JSON cannot hold. Exact for str, int, float, bool, None, bytes,
 * lists, tuples and dicts; an approximation for the rest (sets in no set order, datetimes).
 */
final class PyRepr {
  private PyRepr() {}

  static String str(Object v) {
    return v instanceof String s ? s : repr(v);
  }

  static String repr(Object v) {
    StringBuilder sb = new StringBuilder();
    repr(v, sb, 0);
    return sb.toString();
  }

  private static void repr(Object v, StringBuilder sb, int depth) {
    if (depth > JsonLines.MAX_DEPTH) {
      sb.append("...");
      return;
    }
    if (v == null) {
      sb.append("None");
    } else if (v instanceof String s) {
      string(s, sb);
    } else if (v instanceof Boolean b) {
      sb.append(b ? "True" : "False");
    } else if (v instanceof Double d) {
      sb.append(PyFloat.repr(d));
    } else if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
      sb.append(v);
    } else if (v instanceof byte[] b) {
      bytes(b, sb);
    } else if (v instanceof Object[] tuple) {
      sb.append('(');
      for (int i = 0; i < tuple.length; i++) {
        if (i > 0) {
          sb.append(", ");
        }
        repr(tuple[i], sb, depth + 1);
      }
      sb.append(tuple.length == 1 ? ",)" : ")");
    } else if (v instanceof Set<?> set) {
      if (set.isEmpty()) {
        sb.append("set()");
      } else {
        items(set, '{', '}', sb, depth);
      }
    } else if (v instanceof Collection<?> list) {
      items(list, '[', ']', sb, depth);
    } else if (v instanceof Map<?, ?> map) {
      sb.append('{');
      Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        repr(e.getKey(), sb, depth + 1);
        sb.append(": ");
        repr(e.getValue(), sb, depth + 1);
        if (it.hasNext()) {
          sb.append(", ");
        }
      }
      sb.append('}');
    } else if (v instanceof BigDecimal d) {
      sb.append("Decimal('").append(d.toString()).append("')");
    } else if (v instanceof Calendar c) {
      // As str(datetime) writes it (Pyrolite keeps milliseconds of the microseconds).
      sb.append(
          String.format(
              java.util.Locale.ROOT,
              "%04d-%02d-%02d %02d:%02d:%02d",
              c.get(Calendar.YEAR),
              c.get(Calendar.MONTH) + 1,
              c.get(Calendar.DAY_OF_MONTH),
              c.get(Calendar.HOUR_OF_DAY),
              c.get(Calendar.MINUTE),
              c.get(Calendar.SECOND)));
      if (c.get(Calendar.MILLISECOND) != 0) {
        sb.append(String.format(java.util.Locale.ROOT, ".%06d", c.get(Calendar.MILLISECOND) * 1000));
      }
    } else {
      sb.append(v);
    }
  }

  private static void items(Collection<?> c, char open, char close, StringBuilder sb, int depth) {
    sb.append(open);
    boolean first = true;
    for (Object o : c) {
      if (!first) {
        sb.append(", ");
      }
      first = false;
      repr(o, sb, depth + 1);
    }
    sb.append(close);
  }

  /** Python's repr of a str: single quotes unless the text has one and no double quote. */
  private static void string(String s, StringBuilder sb) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    sb.append(quote);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append(quote);
  }

  /** Python's repr of bytes: {@code b'...'} with {@code \xhh} for what is not printable ASCII. */
  private static void bytes(byte[] b, StringBuilder sb) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte x : b) {
      hasSingle |= x == '\'';
      hasDouble |= x == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    sb.append('b').append(quote);
    for (byte x : b) {
      int c = x & 0xff;
      if (c == quote || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    }
    sb.append(quote);
  }
}
