package deli.trace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Trace lines as UTF-8 bytes, appended in place: numbers and ids written from longs, strings
 * encoded (and JSON-escaped where asked) straight into the array, so a line costs no
 * {@code StringBuilder}, no {@code String} and no second pass to encode it.
 */
final class LineBuffer {
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  byte[] buf;
  int pos;

  LineBuffer(int capacity) {
    buf = new byte[capacity];
  }

  /** Room for {@code n} more bytes. */
  private void room(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  LineBuffer bytes(byte[] b) {
    room(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  LineBuffer ascii(char c) {
    room(1);
    buf[pos++] = (byte) c;
    return this;
  }

  /** A decimal, as {@code Long.toString} writes it. */
  LineBuffer decimal(long v) {
    if (v == Long.MIN_VALUE) {
      return raw(Long.toString(v));
    }
    room(20);
    if (v < 0) {
      buf[pos++] = '-';
      v = -v;
    }
    if (v < 100_000_000L) {
      int n = digits((int) v);
      int end = pos + n;
      eight((int) v, end, n);
      pos = end;
      return this;
    }
    // Eight digits at a time in int arithmetic: a long division per digit is what made this slow.
    long high = v / 100_000_000L;
    int low = (int) (v - high * 100_000_000L);
    decimal(high);
    eight(low, pos + 8, 8);
    pos += 8;
    return this;
  }

  private long high = -1;
  private final byte[] highDigits = new byte[12];
  private int highLength;

  /**
   * A decimal as {@link #decimal} writes it, for a number that moves on slowly from line to line
   * (a line's time in microseconds): the digits above the last eight are those of the last call
   * most times (they change every 100 seconds), so they are copied, not worked out again.
   */
  LineBuffer time(long v) {
    if (v < 100_000_000L) {
      return decimal(v);
    }
    long h = v / 100_000_000L;
    if (h != high) {
      int from = pos;
      decimal(h);
      highLength = pos - from;
      System.arraycopy(buf, from, highDigits, 0, highLength);
      pos = from;
      high = h;
    }
    room(highLength + 8);
    System.arraycopy(highDigits, 0, buf, pos, highLength);
    pos += highLength;
    eight((int) (v - h * 100_000_000L), pos + 8, 8);
    pos += 8;
    return this;
  }

  /** "00" to "99": two digits a division. */
  private static final byte[] PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      PAIRS[2 * i] = (byte) ('0' + i / 10);
      PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  /** The last {@code n} (at most 8) digits of {@code v}, ending before {@code end}. */
  private void eight(int v, int end, int n) {
    byte[] b = buf;
    int at = end;
    int stop = end - n;
    while (at - stop >= 2) {
      int q = v / 100;
      int r = (v - q * 100) << 1;
      b[--at] = PAIRS[r + 1];
      b[--at] = PAIRS[r];
      v = q;
    }
    if (at > stop) {
      b[--at] = (byte) ('0' + v % 10);
    }
  }

  private static int digits(int v) {
    int n = 1;
    for (int p = 10; n < 8 && v >= p; p *= 10) {
      n++;
    }
    return n;
  }

  /** {@code v} as 16 lower-case hex digits. */
  LineBuffer hex16(long v) {
    room(16);
    for (int i = pos + 15; i >= pos; i--) {
      buf[i] = HEX[(int) (v & 0xf)];
      v >>>= 4;
    }
    pos += 16;
    return this;
  }

  private final String[] keys = new String[128];
  private final byte[][] values = new byte[128][];

  /**
   * As {@link #string} ({@code json}) or {@link #raw}, from the bytes of the last time this very
   * string was written: a flow's trace id, an actor's path, the same on line after line. A string
   * is looked for in two slots, so that two that hash alike do not put each other out line after
   * line.
   */
  LineBuffer cached(String s, boolean json) {
    int slot = System.identityHashCode(s) & 127;
    if (keys[slot] != s) {
      int other = slot ^ 1;
      if (keys[other] == s) {
        return bytes(values[other]);
      }
      if (keys[slot] != null) {
        // Both taken by others: the older of the two moves to the other slot, the new one in front.
        keys[other] = keys[slot];
        values[other] = values[slot];
      }
      int from = pos;
      if (json) {
        string(s);
      } else {
        raw(s);
      }
      values[slot] = Arrays.copyOfRange(buf, from, pos);
      keys[slot] = s;
      return this;
    }
    return bytes(values[slot]);
  }

  /** {@code s} as it is, encoded as UTF-8 (for what needs no JSON escape). */
  LineBuffer raw(String s) {
    int n = s.length();
    room(n);
    int p = pos;
    byte[] b = buf;
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      b[p++] = (byte) c;
    }
    pos = p;
    if (i < n) {
      utf8(s, i, n, false);
    }
    return this;
  }

  /** {@code s} as a JSON string, quotes included. */
  LineBuffer string(CharSequence s) {
    return string(s, 0, s.length());
  }

  /** {@code s}'s chars from {@code from} to {@code to} as a JSON string, quotes included. */
  LineBuffer string(CharSequence s, int from, int to) {
    room(to - from + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    int i = from;
    // Most strings are plain ASCII, nothing to escape: a byte a char.
    for (; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      b[p++] = (byte) c;
    }
    pos = p;
    if (i < to) {
      utf8(s, i, to, true);
    }
    return ascii('"');
  }

  /**
   * {@code chars} from {@code from} to {@code to} as a JSON string, quotes included: the loop of
   * {@link #string(CharSequence, int, int)} again, over an array, so that a line's message (the
   * longest string most lines hold) is read without an interface call a char.
   */
  LineBuffer string(char[] chars, int from, int to) {
    room(to - from + 2);
    byte[] b = buf;
    int p = pos;
    b[p++] = '"';
    int i = from;
    for (; i < to; i++) {
      char c = chars[i];
      if (c >= 0x80 || c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      b[p++] = (byte) c;
    }
    pos = p;
    if (i < to) {
      utf8(java.nio.CharBuffer.wrap(chars), i, to, true);
    }
    return ascii('"');
  }

  /**
   * The slow path: {@code s} from {@code i} to {@code n}, escaped for JSON when asked, as UTF-8
   * (a lone surrogate as {@code ?}, as {@code String.getBytes} writes it).
   */
  private void utf8(CharSequence s, int i, int n, boolean escape) {
    for (; i < n; i++) {
      room(12);
      char c = s.charAt(i);
      if (c < 0x80) {
        if (escape && (c == '"' || c == '\\')) {
          buf[pos++] = '\\';
          buf[pos++] = (byte) c;
        } else if (escape && c < 0x20) {
          buf[pos++] = '\\';
          switch (c) {
            case '\n' -> buf[pos++] = 'n';
            case '\t' -> buf[pos++] = 't';
            case '\r' -> buf[pos++] = 'r';
            default -> {
              buf[pos++] = 'u';
              buf[pos++] = '0';
              buf[pos++] = '0';
              buf[pos++] = HEX[c >> 4];
              buf[pos++] = HEX[c & 0xf];
            }
          }
        } else {
          buf[pos++] = (byte) c;
        }
      } else if (c < 0x800) {
        buf[pos++] = (byte) (0xc0 | (c >> 6));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        buf[pos++] = (byte) (0xf0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (cp & 0x3f));
      } else if (Character.isSurrogate(c)) {
        buf[pos++] = '?';
      } else {
        buf[pos++] = (byte) (0xe0 | (c >> 12));
        buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        buf[pos++] = (byte) (0x80 | (c & 0x3f));
      }
    }
  }

  @Override
  public String toString() {
    return new String(buf, 0, pos, StandardCharsets.UTF_8);
  }
}
