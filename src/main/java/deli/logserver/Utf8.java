package deli.logserver;

import java.io.IOException;

/**
 * UTF-8 decoding as Python's {@code bytes.decode('utf-8', 'surrogatepass')}, which is how
 * pickle reads strings: strict, except that encoded surrogates ({@code ED A0 80}) come through
 * as lone surrogates. Java's decoder would replace them, and invalid bytes, with U+FFFD.
 */
final class Utf8 {
  private Utf8() {}

  static String decode(byte[] b, int from, int to) throws IOException {
    char[] out = new char[to - from];
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
