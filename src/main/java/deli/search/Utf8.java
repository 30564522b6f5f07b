package deli.search;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Tells ASCII, valid UTF-8 and anything else apart, eight bytes at a time where it can. */
final class Utf8 {
  static final int ASCII = 0;
  static final int UTF8 = 1;
  static final int INVALID = 2;

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  static int classify(byte[] b, int len) {
    return classify(b, 0, len);
  }

  /** The kind of {@code b[from, to)}. */
  static int classify(byte[] b, int from, int to) {
    int i = from;
    boolean ascii = true;
    while (i < to) {
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
}
