package deli.tune;

import java.util.List;

/**
 * A data set split for tuning, held once per JVM and read by every worker at once: it is never
 * written after {@link DataFile} builds it (the arrays stay inside this package). Row n of the
 * file (0-based, blank lines skipped) is a testing sample when {@code n % testEvery == 0}, a
 * training sample otherwise, as in the book.
 *
 * <p>Labels are numbered in Python's string order (code points), so comparing two label numbers
 * compares the labels as the book's sort does.
 *
 * @param id what the CLI's job names the data by: its checksum, length and split
 * @param source the file's name as errors show it
 * @param features features per sample
 * @param labels the labels, in Python's string order
 */
public record Dataset(
    String id,
    String source,
    int features,
    List<String> labels,
    int testEvery,
    Samples training,
    Samples testing) {

  public Dataset {
    labels = List.copyOf(labels);
  }

  /**
   * Samples of one side of the split: sample i has features {@code x[i*features ..]}, label
   * number {@code label[i]}, and came from line {@code line[i]} of the file.
   */
  public static final class Samples {
    /** The largest magnitude {@link #ints} holds: a difference then fits an int with room. */
    static final int INT_LIMIT = 1 << 15;

    final double[] x;
    final int[] label;
    final int[] line;
    /**
     * Each sample's place in the book's tie order, by its features left to right (Python's float
     * comparison: {@code -0.0 == 0.0}) and then its label; samples equal in both share a rank.
     */
    final int[] rank;
    /** {@link #x} as ints when every feature is an integer of magnitude at most {@link #INT_LIMIT}, else null. */
    final int[] ints;
    /** The largest magnitude in {@link #ints} (0 when null). */
    final int intMax;
    /** Each sample's features added up, when {@link #ints} is set (exact: at most n x 2^15 each). */
    final long[] intSums;

    Samples(double[] x, int[] label, int[] line) {
      this.x = x;
      this.label = label;
      this.line = line;
      int n = label.length == 0 ? 0 : x.length / label.length;
      this.rank = rank(x, label, n);
      int max = 0;
      int[] asInts = new int[x.length];
      for (int i = 0; i < x.length && asInts != null; i++) {
        double v = x[i];
        if (v != Math.rint(v) || Math.abs(v) > INT_LIMIT) {
          asInts = null;
        } else {
          asInts[i] = (int) v;
          max = Math.max(max, Math.abs(asInts[i]));
        }
      }
      this.ints = asInts;
      this.intMax = asInts == null ? 0 : max;
      this.intSums = asInts == null ? null : new long[label.length];
      for (int i = 0; intSums != null && i < label.length; i++) {
        long sum = 0;
        for (int f = i * n; f < (i + 1) * n; f++) {
          sum += asInts[f];
        }
        intSums[i] = sum;
      }
    }

    private static int[] rank(double[] x, int[] label, int n) {
      Integer[] order = new Integer[label.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Comparator<Integer> tieOrder =
          (i, j) -> {
            for (int a = i * n, b = j * n, end = a + n; a < end; a++, b++) {
              if (x[a] != x[b]) {
                return x[a] < x[b] ? -1 : 1;
              }
            }
            return Integer.compare(label[i], label[j]);
          };
      java.util.Arrays.sort(order, tieOrder);
      int[] rank = new int[label.length];
      for (int r = 1; r < order.length; r++) {
        rank[order[r]] = tieOrder.compare(order[r - 1], order[r]) == 0 ? rank[order[r - 1]] : r;
      }
      return rank;
    }

    public int size() {
      return label.length;
    }
  }

  /** The most neighbours a k may ask for: every training sample. */
  public int maxK() {
    return training.size();
  }
}
