package deli.search;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A byte string to find in a shard's memory, between two offsets: SWAR (SIMD within a
 * register), 16 bytes a step, comparing a needle's first and last bytes at every position at
 * once and checking the rest only where both agree. About as fast as the JVM's vectorised
 * {@code String.indexOf}, and unlike it, bounded, so an index can hand it short spans. With
 * {@code ignoreCase}, ASCII letters match in either case.
 */
final class Needle {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private final byte[] bytes;
  private final boolean ignoreCase;
  private final long first;
  private final long lastByte;
  private final long firstFold;
  private final long lastFold;

  Needle(byte[] bytes, boolean ignoreCase) {
    this.ignoreCase = ignoreCase;
    this.bytes = bytes.clone();
    int m = bytes.length;
    if (ignoreCase) {
      for (int i = 0; i < m; i++) {
        this.bytes[i] = (byte) TrigramIndex.fold(bytes[i] & 0xff);
      }
    }
    int f = m == 0 ? 0 : this.bytes[0] & 0xff;
    int l = m == 0 ? 0 : this.bytes[m - 1] & 0xff;
    // Folding a letter is setting bit 0x20; only letters are folded, others compared as they are.
    firstFold = ignoreCase && f >= 'a' && f <= 'z' ? 0x20 * ONES : 0;
    lastFold = ignoreCase && l >= 'a' && l <= 'z' ? 0x20 * ONES : 0;
    first = f * ONES;
    lastByte = l * ONES;
  }

  int length() {
    return bytes.length;
  }

  /** The first occurrence that starts at or after {@code from} and ends by {@code to}, or -1. */
  int find(byte[] t, int from, int to) {
    if (bytes.length == 0) {
      return from <= to ? from : -1;
    }
    return ignoreCase
        ? findFolded(t, bytes, first, lastByte, firstFold, lastFold, from, to)
        : findExact(t, bytes, first, lastByte, from, to);
  }

  /*
   * The two loops below are the same but for the folding ORs; each is a static method of
   * locals, so the JIT keeps everything in registers. A step reads 16 positions' first and last
   * bytes; it may read past {@code to} (never past the array): what it flags there is ignored,
   * so a short span costs a step or two, not a byte-by-byte tail. The lowest flagged byte of a
   * word is exact; higher ones may be false alarms, and all are checked.
   *
   * Equivalent mutants (PIT): a mutant of the filter that flags more positions (an OR of the
   * first and last bytes' differences made an AND, an AND of (x - ONES), ~x and HIGHS made an
   * OR) only adds false alarms, which check() refuses, so it finds the same; and the step's
   * bound (p <= stop made p < stop) leaves one more step to the byte-by-byte loop after it,
   * which finds the same. They cost time, not answers: 14 of Needle's survivors.
   */

  private static int findExact(byte[] t, byte[] n, long first, long lastByte, int from, int to) {
    int tail = n.length - 1;
    int last = to - n.length;
    int p = from;
    int stop = Math.min(last, t.length - 16 - tail);
    while (p <= stop) {
      long x1 = ((long) LONGS.get(t, p) ^ first) | ((long) LONGS.get(t, p + tail) ^ lastByte);
      long x2 = ((long) LONGS.get(t, p + 8) ^ first) | ((long) LONGS.get(t, p + 8 + tail) ^ lastByte);
      long z1 = (x1 - ONES) & ~x1 & HIGHS;
      long z2 = (x2 - ONES) & ~x2 & HIGHS;
      if ((z1 | z2) != 0) {
        int k = check(t, n, p, z1, last, false);
        if (k != -2) {
          return k;
        }
        k = check(t, n, p + 8, z2, last, false);
        if (k != -2) {
          return k;
        }
      }
      p += 16;
    }
    for (; p <= last; p++) {
      if (same(t, p, n)) {
        return p;
      }
    }
    return -1;
  }

  private static int findFolded(byte[] t, byte[] n, long first, long lastByte, long firstFold, long lastFold, int from, int to) {
    int tail = n.length - 1;
    int last = to - n.length;
    int p = from;
    int stop = Math.min(last, t.length - 16 - tail);
    while (p <= stop) {
      long x1 = (((long) LONGS.get(t, p) | firstFold) ^ first) | (((long) LONGS.get(t, p + tail) | lastFold) ^ lastByte);
      long x2 = (((long) LONGS.get(t, p + 8) | firstFold) ^ first) | (((long) LONGS.get(t, p + 8 + tail) | lastFold) ^ lastByte);
      long z1 = (x1 - ONES) & ~x1 & HIGHS;
      long z2 = (x2 - ONES) & ~x2 & HIGHS;
      if ((z1 | z2) != 0) {
        int k = check(t, n, p, z1, last, true);
        if (k != -2) {
          return k;
        }
        k = check(t, n, p + 8, z2, last, true);
        if (k != -2) {
          return k;
        }
      }
      p += 16;
    }
    for (; p <= last; p++) {
      if (sameFolded(t, p, n)) {
        return p;
      }
    }
    return -1;
  }

  /** The first flagged position of word {@code z} (at {@code p}) where the needle is; -1 past {@code last}; -2 none. */
  private static int check(byte[] t, byte[] n, int p, long z, int last, boolean folded) {
    while (z != 0) {
      int k = p + (Long.numberOfTrailingZeros(z) >>> 3);
      if (k > last) {
        return -1;
      }
      if (folded ? sameFolded(t, k, n) : same(t, k, n)) {
        return k;
      }
      z &= z - 1;
    }
    return -2;
  }

  private static boolean same(byte[] t, int k, byte[] n) {
    for (int j = 0; j < n.length; j++) {
      if (t[k + j] != n[j]) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameFolded(byte[] t, int k, byte[] n) {
    for (int j = 0; j < n.length; j++) {
      // n holds folded bytes, signed: compare as unsigned, or no byte above 0x7f ever matches.
      if (TrigramIndex.fold(t[k + j] & 0xff) != (n[j] & 0xff)) {
        return false;
      }
    }
    return true;
  }
}
