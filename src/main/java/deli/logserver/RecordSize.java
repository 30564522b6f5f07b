package deli.logserver;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The least a decoded record will take as a line, found before it is written. A pickle may
 * refer to one part many times (a list repeating one object ten times, nested eight deep, is a
 * few hundred bytes of pickle and 10^8 leaves of JSON), so a record's size is not its frame's:
 * this walk counts every reference as the writers will, and stops as soon as the count passes
 * the bound. Its work is bounded by the bound, whatever the record; each value counts at least
 * one byte, so the writers that follow are bounded too.
 */
final class RecordSize {
  private final long max;
  private final int pickleBytes;
  private long total;
  private long nodes;

  private RecordSize(long max, int pickleBytes) {
    this.max = max;
    this.pickleBytes = pickleBytes;
  }

  /**
   * Throws {@link BadInput} ({@code TOO_LARGE}) when {@code record}, decoded from a pickle of
   * {@code pickleBytes}, would pass {@code max} bytes.
   */
  static void check(Object record, int pickleBytes, long max) {
    new RecordSize(max, pickleBytes).add(record, 0);
  }

  private void add(Object v, int depth) {
    nodes++;
    if (v instanceof String s) {
      count(s.length() + 2L);
    } else if (v instanceof byte[] b) {
      count(b.length + 3L);
    } else if (v instanceof deli.python.PyValue p) {
      count(p.str().length() + 2L); // each one's str() is bounded by what its pickle holds
    } else if (depth > JsonLines.MAX_DEPTH) {
      // the writers refuse this as too deep (a record holding itself ends here)
      count(1);
    } else if (v instanceof Map<?, ?> map) {
      count(2);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        count(2);
        add(e.getKey(), depth + 1);
        add(e.getValue(), depth + 1);
      }
    } else if (v instanceof Object[] tuple) {
      count(2);
      for (Object o : tuple) {
        count(1);
        add(o, depth + 1);
      }
    } else if (v instanceof Collection<?> c) {
      count(2);
      for (Object o : c) {
        count(1);
        add(o, depth + 1);
      }
    } else {
      count(1);
    }
  }

  private void count(long bytes) {
    total += bytes;
    if (total > max) {
      throw new BadInput(
          BadInput.Reason.TOO_LARGE,
          String.format(
              Locale.ROOT,
              "a pickle of %,d bytes would make a line of more than --max-record (%,d bytes); %,d values counted so far",
              pickleBytes,
              max,
              nodes));
    }
  }
}
