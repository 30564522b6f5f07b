package deli.python;

import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * Python's {@code str()} and {@code repr()}: of a string as CPython 3.11 writes it, and of the
 * values a pickle decodes to. Exact for str, int, float, bool, None, bytes, lists, tuples, dicts,
 * and the {@link PyValue}s (datetimes, Decimal, UUID, complex, paths), sets and deques that
 * {@link PyObjects} keeps as their pickles have them.
 *
 * <p>A str's repr escapes every character that {@code str.isprintable()} refuses: Unicode
 * categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs other than the space. Java 17 knows Unicode 13,
 * CPython 3.11 knows Unicode 14: the 836 characters Unicode 14 assigned (all printable, the two
 * new Cf ones aside, which both sides escape) are listed here, so they print raw as in Python. A
 * JVM that knows a later Unicode than the CPython a user runs would print raw what that CPython
 * still escapes; the test against CPython says so when it happens.
 */
public final class PyRepr {
  /** Deeper than this, a value is written {@code ...} (a record holding itself ends too). */
  public static final int MAX_DEPTH = 500;

  /**
   * Ranges, first and last included, of the code points Unicode 14 assigned that Java 17 (Unicode
   * 13) calls unassigned and CPython 3.11 prints: computed by comparing the two over every code
   * point.
   */
  private static final int[] UNICODE_14_PRINTABLE = {
        0x61d, 0x61d, 0x870, 0x88e, 0x898, 0x89f, 0x8b5, 0x8b5, 0x8c8, 0x8d2, 0xc3c, 0xc3c,
        0xc5d, 0xc5d, 0xcdd, 0xcdd, 0x170d, 0x170d, 0x1715, 0x1715, 0x171f, 0x171f, 0x180f, 0x180f,
        0x1ac1, 0x1ace, 0x1b4c, 0x1b4c, 0x1b7d, 0x1b7e, 0x1dfa, 0x1dfa, 0x20c0, 0x20c0, 0x2c2f, 0x2c2f,
        0x2c5f, 0x2c5f, 0x2e53, 0x2e5d, 0x9ffd, 0x9fff, 0xa7c0, 0xa7c1, 0xa7d0, 0xa7d1, 0xa7d3, 0xa7d3,
        0xa7d5, 0xa7d9, 0xa7f2, 0xa7f4, 0xfbc2, 0xfbc2, 0xfd40, 0xfd4f, 0xfdcf, 0xfdcf, 0xfdfe, 0xfdff,
        0x10570, 0x1057a, 0x1057c, 0x1058a, 0x1058c, 0x10592, 0x10594, 0x10595, 0x10597, 0x105a1, 0x105a3, 0x105b1,
        0x105b3, 0x105b9, 0x105bb, 0x105bc, 0x10780, 0x10785, 0x10787, 0x107b0, 0x107b2, 0x107ba, 0x10f70, 0x10f89,
        0x11070, 0x11075, 0x110c2, 0x110c2, 0x116b9, 0x116b9, 0x11740, 0x11746, 0x11ab0, 0x11abf, 0x12f90, 0x12ff2,
        0x16a70, 0x16abe, 0x16ac0, 0x16ac9, 0x1aff0, 0x1aff3, 0x1aff5, 0x1affb, 0x1affd, 0x1affe, 0x1b11f, 0x1b122,
        0x1cf00, 0x1cf2d, 0x1cf30, 0x1cf46, 0x1cf50, 0x1cfc3, 0x1d1e9, 0x1d1ea, 0x1df00, 0x1df1e, 0x1e290, 0x1e2ae,
        0x1e7e0, 0x1e7e6, 0x1e7e8, 0x1e7eb, 0x1e7ed, 0x1e7ee, 0x1e7f0, 0x1e7fe, 0x1f6dd, 0x1f6df, 0x1f7f0, 0x1f7f0,
        0x1f979, 0x1f979, 0x1f9cc, 0x1f9cc, 0x1fa7b, 0x1fa7c, 0x1faa9, 0x1faac, 0x1fab7, 0x1faba, 0x1fac3, 0x1fac5,
        0x1fad7, 0x1fad9, 0x1fae0, 0x1fae7, 0x1faf0, 0x1faf6, 0x2a6de, 0x2a6df, 0x2b735, 0x2b738,
  };

  private PyRepr() {}

  /** As {@code str(v)}. */
  public static String str(Object v) {
    if (v instanceof String s) {
      return s;
    }
    return v instanceof PyValue p ? p.str() : repr(v);
  }

  /** As {@code repr(v)}. */
  public static String repr(Object v) {
    StringBuilder sb = new StringBuilder();
    repr(v, sb, 0);
    return sb.toString();
  }

  private static void repr(Object v, StringBuilder sb, int depth) {
    if (depth > MAX_DEPTH) {
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
    } else if (v instanceof PyValue p) {
      sb.append(p.repr());
    } else if (v instanceof PyObjects.Set set) {
      String type = set.frozen() ? "frozenset" : "set";
      if (set.isEmpty()) {
        sb.append(type).append("()");
      } else {
        sb.append(set.frozen() ? "frozenset(" : "");
        items(set, '{', '}', sb, depth);
        sb.append(set.frozen() ? ")" : "");
      }
    } else if (v instanceof PyObjects.Deque deque) {
      sb.append("deque(");
      items(deque, '[', ']', sb, depth);
      if (deque.maxlen() != null) {
        sb.append(", maxlen=").append(deque.maxlen());
      }
      sb.append(')');
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
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == quote || cp == '\\') {
        sb.append('\\').append((char) cp);
      } else if (cp == '\t') {
        sb.append("\\t");
      } else if (cp == '\n') {
        sb.append("\\n");
      } else if (cp == '\r') {
        sb.append("\\r");
      } else if (isPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else if (cp < 0x100) {
        hex(sb, "\\x", cp, 2);
      } else if (cp < 0x10000) {
        hex(sb, "\\u", cp, 4);
      } else {
        hex(sb, "\\U", cp, 8);
      }
    }
    sb.append(quote);
  }

  private static void hex(StringBuilder sb, String prefix, int value, int digits) {
    sb.append(prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(Character.forDigit((value >>> shift) & 0xf, 16));
    }
  }

  /** As CPython 3.11's {@code str.isprintable()} of one character (Unicode 14). */
  public static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UNASSIGNED -> assignedInUnicode14(cp);
      case Character.CONTROL,
          Character.FORMAT,
          Character.SURROGATE,
          Character.PRIVATE_USE,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }

  private static boolean assignedInUnicode14(int cp) {
    // The last range whose first code point is at most cp: binary search over the firsts.
    int lo = 0;
    int hi = UNICODE_14_PRINTABLE.length / 2 - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (UNICODE_14_PRINTABLE[2 * mid] <= cp) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return hi >= 0 && cp <= UNICODE_14_PRINTABLE[2 * hi + 1];
  }

  /**
   * Python's repr of a bytearray: {@code bytearray(b'...')} as bytes are written, except that a
   * {@code '} is escaped whichever quote is used (CPython's {@code bytearray_repr} escapes it
   * always: {@code bytearray(b"N\'G")}, where bytes write {@code b"N'G"}).
   */
  public static String bytearray(byte[] b) {
    StringBuilder sb = new StringBuilder("bytearray(");
    bytes(b, sb, true);
    return sb.append(')').toString();
  }

  private static void bytes(byte[] b, StringBuilder sb) {
    bytes(b, sb, false);
  }

  /** Python's repr of bytes: {@code b'...'} with {@code \xhh} for what is not printable ASCII. */
  private static void bytes(byte[] b, StringBuilder sb, boolean escapeSingle) {
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
      if (c == quote || c == '\\' || (escapeSingle && c == '\'')) {
        sb.append('\\').append((char) c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x20 || c >= 0x7f) {
        hex(sb, "\\x", c, 2);
      } else {
        sb.append((char) c);
      }
    }
    sb.append(quote);
  }
}
