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
 * @param id what a message names the data by: the source's name, its digest and the split
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
    final double[] x;
    final int[] label;
    final int[] line;

    Samples(double[] x, int[] label, int[] line) {
      this.x = x;
      this.label = label;
      this.line = line;
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
