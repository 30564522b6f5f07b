package deli.logserver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few most recent records the server received, as the lines it wrote for them, for its
 * figures and the node's live page. Bounded whatever comes in: at most {@code keep} lines of at
 * most {@code maxBytes} bytes each (a longer line is cut at a character boundary and ends with
 * {@code …}). It is fed once per decoded chunk, not once per record, and copies only the tail of
 * the chunk's last lines; text is made from those bytes only when someone asks. Shared by every
 * connection of a server, so its few writes take a lock.
 */
final class LastRecords {
  /** Lines kept, and each line's bytes at most, unless told otherwise. */
  static final int KEEP = 10;

  static final int MAX_BYTES = 240;

  private final int keep;
  private final int maxBytes;
  private final byte[][] ring;
  private final boolean[] cut;
  private long added;

  LastRecords() {
    this(KEEP, MAX_BYTES);
  }

  LastRecords(int keep, int maxBytes) {
    if (keep < 1 || maxBytes < 4) {
      throw new IllegalArgumentException("keep at least 1 line of at least 4 bytes");
    }
    this.keep = keep;
    this.maxBytes = maxBytes;
    this.ring = new byte[keep][];
    this.cut = new boolean[keep];
  }

  /** Keeps the last lines of {@code c}: no more than {@code keep} of them are ever looked at. */
  void add(Chunk c) {
    int n = c.lines();
    int from = Math.max(0, n - keep);
    byte[][] lines = new byte[n - from][];
    boolean[] cuts = new boolean[n - from];
    for (int i = from; i < n; i++) {
      int start = i == 0 ? 0 : c.ends()[i - 1];
      int end = c.ends()[i] - 1; // without its '\n'
      int len = end - start;
      cuts[i - from] = len > maxBytes;
      lines[i - from] = Arrays.copyOfRange(c.bytes(), start, start + (len > maxBytes ? boundary(c.bytes(), start, maxBytes) : len));
    }
    synchronized (this) {
      for (int i = 0; i < lines.length; i++) {
        int at = (int) (added++ % keep);
        ring[at] = lines[i];
        cut[at] = cuts[i];
      }
    }
  }

  /** The lines kept, oldest first. */
  List<String> lines() {
    List<String> out = new ArrayList<>(keep);
    synchronized (this) {
      long first = Math.max(0, added - keep);
      for (long i = first; i < added; i++) {
        int at = (int) (i % keep);
        String line = new String(ring[at], StandardCharsets.UTF_8);
        out.add(cut[at] ? line + "…" : line);
      }
    }
    return out;
  }

  /** How many of {@code max} bytes from {@code start} end on a character boundary of UTF-8. */
  private static int boundary(byte[] b, int start, int max) {
    int len = max;
    while (len > 0 && (b[start + len] & 0xC0) == 0x80) {
      len--; // b[start + len] continues a character: cut before that character begins
    }
    return len;
  }
}
