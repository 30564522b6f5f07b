package deli.python;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * UTF-8 as CPython reads it: strictly ({@code bytes.decode('utf-8')}: no overlong forms, no
 * surrogates, nothing past U+10FFFF) when telling text apart, and with {@code 'surrogatepass'}
 * when decoding the strings of a pickle.
 */
public final class Utf8 {
  /** Only bytes below 0x80. */
  public static final int ASCII = 0;
  /** Valid UTF-8 with at least one byte from 0x80 up. */
  public static final int UTF8 = 1;
  /** Not what {@code bytes.decode('utf-8')} accepts. */
  public static final int INVALID = 2;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  public static int classify(byte[] b, int len) {
    return classify(b, 0, len);
  }

  /** The kind of {@code b[from, to)}. */
  public static int classify(byte[] b, int from, int to) {
    int i = from;
    boolean ascii = true;
    while (i < to) {
      // Eight ASCII bytes at a time. Equivalent mutants: "i + 8 < to", or "|" for "&" (never
      // taking this step), only leave more bytes to the loop below, which classifies them alike.
      if (i + 8 <= to && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int c = b[i] & 0xff;
      if (c < 0x80) {
        i++;
        continue;
      }
      ascii = false;
      int n;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return INVALID;
      }
      if (i + n >= to) {
        return INVALID;
      }
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int d = b[i + k] & 0xff;
        if ((d & 0xc0) != 0x80) {
          return INVALID;
        }
        cp = (cp << 6) | (d & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return INVALID;
      }
      i += n + 1;
    }
    return ascii ? ASCII : UTF8;
  }

  /**
   * {@code b[from, to)} as Python's {@code bytes.decode('utf-8', 'surrogatepass')} reads it, which
   * is how pickle reads strings: strict, except that encoded surrogates ({@code ED A0 80}) come
   * through as lone surrogates. Java's decoder would replace them, and invalid bytes, with U+FFFD.
   */
  public static String decode(byte[] b, int from, int to) throws IOException {
    char[] out = new char[to - from]; // equivalent mutant: to + from (a larger array, of which n chars are kept)
    int n = 0;
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        out[n++] = (char) c;
        i++;
      } else if (c >= 0xc2 && c <= 0xdf) {
        out[n++] = (char) (((c & 0x1f) << 6) | cont(b, i + 1, to, 0x80, 0xbf));
        i += 2;
      } else if (c >= 0xe0 && c <= 0xef) {
        int lo = c == 0xe0 ? 0xa0 : 0x80;
        int c1 = cont(b, i + 1, to, lo, 0xbf);
        int c2 = cont(b, i + 2, to, 0x80, 0xbf);
        out[n++] = (char) (((c & 0x0f) << 12) | (c1 << 6) | c2);
        i += 3;
      } else if (c >= 0xf0 && c <= 0xf4) {
        int lo = c == 0xf0 ? 0x90 : 0x80;
        int hi = c == 0xf4 ? 0x8f : 0xbf;
        int c1 = cont(b, i + 1, to, lo, hi);
        int c2 = cont(b, i + 2, to, 0x80, 0xbf);
        int c3 = cont(b, i + 3, to, 0x80, 0xbf);
        int cp = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
        out[n++] = Character.highSurrogate(cp);
        out[n++] = Character.lowSurrogate(cp);
        i += 4;
      } else {
        throw invalid(c);
      }
    }
    return new String(out, 0, n);
  }

  /** The 6 payload bits of the continuation byte at {@code i}, which must lie in [lo, hi]. */
  private static int cont(byte[] b, int i, int to, int lo, int hi) throws IOException {
    if (i >= to) {
      throw new IOException("a string is not valid UTF-8 (it ends inside a character)");
    }
    int c = b[i] & 0xff;
    if (c < lo || c > hi) {
      throw invalid(c);
    }
    return c & 0x3f;
  }

  private static IOException invalid(int c) {
    return new IOException(String.format("a string is not valid UTF-8 (byte 0x%02x)", c));
  }
}
