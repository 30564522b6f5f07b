package deli.search;

import java.nio.charset.StandardCharsets;

/**
 * The byte-level arithmetic of a search over a shard's text: finding the line (or file) that
 * holds an offset, stripping a line as Python does, grep -w's word edges in UTF-8, and a view
 * of ASCII bytes as chars. Static, so the JIT inlines them into {@link ShardSearch}'s loops.
 */
final class LineBytes {
  private LineBytes() {}

  /** Whether {@code t[i, j)} in the line {@code t[from, to)} has no word character on either side (grep -w). */
  static boolean wholeWord(byte[] t, int i, int j, int from, int to) {
    if (i > from) {
      int k = i - 1;
      // Back to the first byte of the UTF-8 character that ends at i.
      while (k > from && i - k < 4 && (t[k] & 0xC0) == 0x80) {
        k--;
      }
      if (SearchQuery.wordChar(codePoint(t, k, i))) {
        return false;
      }
    }
    return j >= to || !SearchQuery.wordChar(codePoint(t, j, Math.min(to, j + 4)));
  }

  /** The character that starts at {@code t[k]} (within {@code t[k, end)}); -1 when the bytes are not UTF-8. */
  static int codePoint(byte[] t, int k, int end) {
    int b = t[k] & 0xff;
    if (b < 0x80) {
      return b;
    }
    int len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (len == 0 || k + len > end) {
      return -1;
    }
    String s = new String(t, k, len, StandardCharsets.UTF_8);
    int cp = s.codePointAt(0);
    return cp == 0xFFFD ? -1 : cp;
  }

  /**
   * The last index at or after {@code from} (and at most {@code last}) whose start is at or
   * before {@code i}, in a non-decreasing table of starts: the line (or file) holding offset i.
   */
  static int seek(int[] starts, int from, int last, int i) {
    if (from >= last || starts[from + 1] > i) {
      return from;
    }
    int lo = from + 1;
    int step = 1;
    while (lo + step <= last && starts[lo + step] <= i) {
      lo += step;
      step <<= 1;
    }
    int hi = Math.min(last, lo + step);
    if (starts[hi] <= i) {
      return hi;
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= i) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Where {@code t[from, to)} ends once trailing whitespace is stripped (Python's {@code bytes.rstrip()}). */
  static int rstrip(byte[] t, int from, int to) {
    while (to > from) {
      byte b = t[to - 1];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0b) {
        break;
      }
      to--;
    }
    return to;
  }

  /** Bytes seen as chars, one each: how a regex reads a file that is all ASCII, without copying it. */
  record Latin1(byte[] t, int base, int length) implements CharSequence {
    @Override
    public char charAt(int i) {
      return (char) (t[base + i] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Latin1(t, base + start, end - start);
    }

    @Override
    public String toString() {
      return new String(t, base, length, StandardCharsets.ISO_8859_1);
    }
  }
}
