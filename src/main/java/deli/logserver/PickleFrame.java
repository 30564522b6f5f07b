package deli.logserver;

import deli.python.Utf8;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The frame as Pyrolite reads it: an unsynchronised stream over an array (the JDK's
 * {@code ByteArrayInputStream} locks on every byte), with the checks
 * {@link RecordUnpickler} makes: no length prefix may claim more than the frame holds, no text
 * int may be longer than Python reads, strings are strict UTF-8 with lone surrogates let through.
 */
final class PickleFrame extends InputStream {
  private byte[] bytes;
  private int pos;
  private int limit;

  void reset(byte[] b, int from, int to) {
    bytes = b;
    pos = from;
    limit = to;
  }

  /** The frame's end in its array: no memo index of a pickle this size can be larger. */
  int limit() {
    return limit;
  }

  @Override
  public int read() {
    return pos < limit ? bytes[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int n = Math.min(len, limit - pos);
    if (n <= 0) {
      return -1;
    }
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public int available() {
    return limit - pos;
  }

  /** Reads a little-endian length of {@code size} bytes and checks the frame holds that much. */
  int length(int size) throws IOException {
    if (limit - pos < size) {
      throw new IOException("pickle data was truncated");
    }
    long n = 0;
    for (int i = 0; i < size; i++) {
      n |= (long) (bytes[pos + i] & 0xff) << (8 * i);
    }
    pos += size;
    if (n < 0 || n > limit - pos) {
      throw new IOException("pickle data was truncated (a length of " + Long.toUnsignedString(n) + " bytes)");
    }
    return (int) n;
  }

  /** A little-endian unsigned 32-bit number. */
  long uint32() throws IOException {
    if (limit - pos < 4) {
      throw new IOException("pickle data was truncated");
    }
    long n = 0;
    for (int i = 0; i < 4; i++) {
      n |= (long) (bytes[pos + i] & 0xff) << (8 * i);
    }
    pos += 4;
    return n;
  }

  /** Checks, without reading it, that the length prefix ahead claims no more than the frame holds. */
  void claim(int size) throws IOException {
    int at = pos;
    length(size);
    pos = at;
  }

  /** The bytes up to the next newline, not counting it (the text opcodes' argument). */
  int lineLength() {
    int i = pos;
    while (i < limit && bytes[i] != '\n') {
      i++;
    }
    return i - pos;
  }

  /**
   * The argument of INT as Python's pickle reads it: Python 2's {@code 00} and {@code 01} are
   * False and True, anything else an int of any size, as LONG's (Pyrolite stops at 64 bits).
   */
  Object textInt() throws IOException {
    if (lineLength() == 2 && bytes[pos] == '0' && (bytes[pos + 1] == '0' || bytes[pos + 1] == '1')) {
      boolean value = bytes[pos + 1] == '1';
      pos = Math.min(limit, pos + 3);
      return value;
    }
    return textLong();
  }

  /**
   * The argument of LONG, {@code 123L\n}, as Python reads it: small ones straight into a long,
   * others as Python's int() would (and refused past its 4300-digit limit).
   */
  Number textLong() throws IOException {
    int n = lineLength();
    int end = pos + n;
    int last = n > 0 && bytes[end - 1] == 'L' ? end - 1 : end;
    int i = pos;
    boolean negative = i < last && bytes[i] == '-';
    if (negative || (i < last && bytes[i] == '+')) {
      i++;
    }
    // A fast path for what fits a long (18 digits always do); anything it does not take, the
    // exact path below reads to the same value. Equivalent mutants: every change to this block's
    // conditions (the sign's, the bound of 18, the digit loop's) only sends more ints the slow way.
    if (last - i > 0 && last - i <= 18) {
      long v = 0;
      int k = i;
      while (k < last && bytes[k] >= '0' && bytes[k] <= '9') {
        v = v * 10 + (bytes[k++] - '0');
      }
      if (k == last) {
        pos = Math.min(limit, end + 1);
        return negative ? -v : v;
      }
    }
    if (last - i > RecordUnpickler.MAX_INT_DIGITS) {
      throw new BadInput(BadInput.Reason.NOT_PICKLE, "an int of more than " + RecordUnpickler.MAX_INT_DIGITS + " digits, which Python refuses");
    }
    String text = new String(bytes, pos, last - pos, StandardCharsets.ISO_8859_1).trim().replace("_", "");
    pos = Math.min(limit, end + 1);
    try {
      BigInteger big = new BigInteger(text);
      return big.bitLength() < 64 ? (Number) big.longValue() : big;
    } catch (NumberFormatException e) {
      throw new IOException("invalid literal for int(): '" + text + "'");
    }
  }

  /** Reads up to the next newline (consumed, not returned), as ASCII. */
  String readLine() {
    int n = lineLength();
    String s = new String(bytes, pos, n, StandardCharsets.ISO_8859_1);
    pos = Math.min(limit, pos + n + 1);
    return s;
  }

  /** Decodes {@code n} bytes as Python does with 'utf-8', 'surrogatepass'. */
  String utf8(int n) throws IOException {
    String s = decode(pos, n);
    pos += n;
    return s;
  }

  private String decode(int at, int n) throws IOException {
    // The JDK's decoder is fast and right for valid UTF-8; only a U+FFFD in its result means
    // invalid bytes or a surrogate (or a real U+FFFD), which the strict decoder then sorts out.
    String s = new String(bytes, at, n, StandardCharsets.UTF_8);
    return s.indexOf('\uFFFD') >= 0 ? Utf8.decode(bytes, at, at + n) : s;
  }
}
