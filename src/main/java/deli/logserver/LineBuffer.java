package deli.logserver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that decoded records are written into, one line each, remembering
 * where each line ends. Not thread-safe: one per connection's decoder.
 */
final class LineBuffer {
  /** The largest array the JVM will make. */
  static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final long maxLine;
  private byte[] bytes;
  private int length;
  private int[] ends = new int[64];
  private int lines;

  /** A buffer of {@code capacity} to start with, refusing to grow a line past {@code maxLine} bytes. */
  LineBuffer(int capacity, long maxLine) {
    this.maxLine = maxLine;
    bytes = new byte[Math.max(capacity, 64)];
  }

  /** The bytes written since the last complete line. */
  long lineLength() {
    return length - (lines == 0 ? 0 : ends[lines - 1]);
  }

  int length() {
    return length;
  }

  int lines() {
    return lines;
  }

  /** Ends the current line with {@code \n}. */
  void endLine() {
    append('\n');
    if (lines == ends.length) {
      ends = Arrays.copyOf(ends, lines * 2);
    }
    ends[lines++] = length;
  }

  /** Drops what was written after the last complete line (a record that failed halfway). */
  void dropPartialLine() {
    length = lines == 0 ? 0 : ends[lines - 1];
  }

  void append(char ascii) {
    if (length == bytes.length) {
      grow(1);
    }
    bytes[length++] = (byte) ascii;
  }

  /** Appends a string known to be ASCII. */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) copies each char's low byte: right for ASCII
  void appendAscii(String s) {
    int n = s.length();
    if (length + n > bytes.length) {
      grow(n);
    }
    s.getBytes(0, n, bytes, length);
    length += n;
  }

  /** Appends any string as UTF-8 (the text format). */
  void appendUtf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (length + b.length > bytes.length) {
      grow(b.length);
    }
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
  }

  /** Appends {@code n} ASCII chars. */
  void appendAscii(char[] chars, int n) {
    if (length + n > bytes.length) {
      grow(n);
    }
    for (int i = 0; i < n; i++) {
      bytes[length + i] = (byte) chars[i];
    }
    length += n;
  }

  /** Appends a number in decimal, without making a string of it. */
  void appendLong(long v) {
    if (v == Long.MIN_VALUE) {
      appendAscii(Long.toString(v));
      return;
    }
    if (length + 20 > bytes.length) {
      grow(20);
    }
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long t = v; t >= 10; t /= 10) {
      digits++;
    }
    int at = length + digits;
    do {
      bytes[--at] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    length += digits;
  }

  /** The lines written so far, and empties the buffer for the next chunk. */
  Chunk take(BadInput error) {
    Chunk c = new Chunk(Arrays.copyOf(bytes, length), Arrays.copyOf(ends, lines), error);
    length = 0;
    lines = 0;
    return c;
  }

  private void grow(int atLeast) {
    long need = (long) length + atLeast;
    if (lineLength() + atLeast > maxLine) {
      throw new BadInput(
          BadInput.Reason.TOO_LARGE, String.format(java.util.Locale.ROOT, "the record makes a line of more than --max-record (%,d bytes)", maxLine));
    }
    bytes = Arrays.copyOf(bytes, newCapacity(bytes.length, need));
  }

  /**
   * The size to grow to: double, or what is needed if more, never past what an array can be
   * (doubling in ints overflows past 1 GiB, and then each copy would grow by a few bytes).
   */
  static int newCapacity(int current, long need) {
    if (need > MAX_ARRAY) {
      throw new BadInput(BadInput.Reason.TOO_LARGE, "the lines would pass the 2 GiB a buffer can hold");
    }
    return (int) Math.min(MAX_ARRAY, Math.max(2L * current, need));
  }
}
