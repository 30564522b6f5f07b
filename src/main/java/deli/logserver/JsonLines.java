package deli.logserver;

import deli.python.PyFloat;
import deli.python.PyObjects;
import deli.python.PyValue;
import deli.python.PyRepr;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A record as the chapter's {@code serialize} writes it, {@code json.dumps(record)} with
 * Python's defaults: keys in the dict's order, {@code ", "} and {@code ": "} between items,
 * everything outside printable ASCII escaped ({@code ensure_ascii}, {@code \}{@code u00e9},
 * surrogate pairs for the rest), floats as Python's repr, ints of any size, tuples as lists.
 *
 * <p>A value JSON cannot hold (bytes, sets, deques, datetimes, Decimal, UUID, complex, paths)
 * is written as {@code json.dumps(record, default=str)} writes it: a JSON string of its
 * Python {@code str()}. Where even that would raise (ints of more than 4300 digits, keys that
 * are not str, int, float, bool or None), the int is written in hex and the key as its repr,
 * so the record is kept.
 */
final class JsonLines implements LineFormat {
  /** Deeper than this is an error, as for Python's json (which also refuses self-reference). */
  static final int MAX_DEPTH = 500;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  @Override
  public void write(Map<?, ?> record, LineBuffer out) {
    value(record, out, 0);
  }

  /** {@code json.dumps(v)}. */
  static void value(Object v, LineBuffer out, int depth) {
    if (v instanceof String s) {
      string(s, out);
    } else if (v == null) {
      out.appendAscii("null");
    } else if (v instanceof Integer i) {
      out.appendLong(i);
    } else if (v instanceof Long l) {
      out.appendLong(l);
    } else if (v instanceof Double d) {
      appendFloat(d, out);
    } else if (v instanceof Boolean b) {
      out.appendAscii(b ? "true" : "false");
    } else if (v instanceof Map<?, ?> map) {
      object(map, out, depth); // dict, and OrderedDict, defaultdict and Counter, which json.dumps writes as dicts
    } else if (v instanceof PyValue || v instanceof PyObjects.Set || v instanceof PyObjects.Deque) {
      deeper(depth);
      string(PyRepr.str(v), out);
    } else if (v instanceof Object[] tuple) {
      deeper(depth);
      out.append('[');
      for (int i = 0; i < tuple.length; i++) {
        if (i > 0) {
          out.appendAscii(", ");
        }
        value(tuple[i], out, depth + 1);
      }
      out.append(']');
    } else if (v instanceof Collection<?> list) {
      deeper(depth);
      out.append('[');
      boolean first = true;
      for (Object o : list) {
        if (!first) {
          out.appendAscii(", ");
        }
        first = false;
        value(o, out, depth + 1);
      }
      out.append(']');
    } else if (v instanceof BigInteger big) {
      String digits = big.bitLength() <= 14_300 ? big.toString() : null;
      if (digits != null && digits.length() - (big.signum() < 0 ? 1 : 0) <= RecordUnpickler.MAX_INT_DIGITS) {
        out.appendAscii(digits);
      } else {
        string((big.signum() < 0 ? "-0x" : "0x") + big.abs().toString(16), out);
      }
    } else {
      string(PyRepr.str(v), out);
    }
  }

  private static void object(Map<?, ?> map, LineBuffer out, int depth) {
    deeper(depth);
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      key(e.getKey(), out);
      out.appendAscii(": ");
      value(e.getValue(), out, depth + 1);
      if (it.hasNext()) {
        out.appendAscii(", ");
      }
    }
    out.append('}');
  }

  /** Keys as json.dumps coerces them: str as is; int, float, bool and None as their JSON text. */
  private static void key(Object k, LineBuffer out) {
    if (k instanceof String s) {
      string(s, out);
    } else if (k instanceof Boolean b) {
      out.appendAscii(b ? "\"true\"" : "\"false\"");
    } else if (k == null) {
      out.appendAscii("\"null\"");
    } else if (k instanceof Double d) {
      string(PyFloat.json(d), out);
    } else if (k instanceof Integer || k instanceof Long || k instanceof BigInteger) {
      string(k.toString(), out);
    } else {
      string(PyRepr.repr(k), out);
    }
  }

  private static void deeper(int depth) {
    if (depth >= MAX_DEPTH) {
      throw new BadInput(
          BadInput.Reason.TOO_DEEP, "a record nested more than " + MAX_DEPTH + " levels deep (or holding itself)");
    }
  }

  /** A JSON string with Python's ensure_ascii escaping. */
  static void string(String s, LineBuffer out) {
    out.append('"');
    int n = s.length();
    int plain = 0;
    while (plain < n) {
      char c = s.charAt(plain);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        break;
      }
      plain++;
    }
    if (plain == n) {
      out.appendAscii(s);
    } else {
      if (plain > 0) {
        out.appendAscii(s.substring(0, plain));
      }
      for (int i = plain; i < n; i++) {
        escape(s.charAt(i), out);
      }
    }
    out.append('"');
  }

  private static void escape(char c, LineBuffer out) {
    switch (c) {
      case '"' -> out.appendAscii("\\\"");
      case '\\' -> out.appendAscii("\\\\");
      case '\n' -> out.appendAscii("\\n");
      case '\r' -> out.appendAscii("\\r");
      case '\t' -> out.appendAscii("\\t");
      case '\b' -> out.appendAscii("\\b");
      case '\f' -> out.appendAscii("\\f");
      default -> {
        if (c >= 0x20 && c <= 0x7e) {
          out.append(c);
        } else {
          out.append('\\');
          out.append('u');
          out.append(HEX[(c >> 12) & 0xf]);
          out.append(HEX[(c >> 8) & 0xf]);
          out.append(HEX[(c >> 4) & 0xf]);
          out.append(HEX[c & 0xf]);
        }
      }
    }
  }

  /** Appends the float as {@code json.dumps} writes it, without a String for the common case. */
  private static void appendFloat(double v, LineBuffer out) {
    if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
      out.appendAscii(PyFloat.json(v));
      return;
    }
    char[] buf = new char[32];
    out.appendAscii(buf, PyFloat.format(v, buf));
  }
}
