package deli.tune;

import java.util.ArrayList;
import java.util.List;

/** The whole grid on one thread, with no actors: what the tests and the benchmarks compare against. */
public final class Tuning {
  private Tuning() {}

  /**
   * Whether {@code data} has training samples enough for {@code grid}'s largest k: null, or why
   * not, naming the file, the line of the last training row, and the column.
   */
  public static String checkK(Dataset data, Grid grid) {
    Dataset.Samples train = data.training();
    if (grid.maxK() <= train.size()) {
      return null;
    }
    return data.source() + ":" + train.line[train.size() - 1] + ": column 1: " + train.size()
        + " training rows, fewer than the largest k (" + grid.maxK() + "): lower the largest k";
  }

  /** Every trial of {@code grid} on {@code data}, in grid order (k, then distance). */
  public static List<Trial> all(Dataset data, Grid grid) {
    int tested = data.testing().size();
    List<Trial> trials = new ArrayList<>(grid.trials());
    int[][] correct = new int[grid.distances().size()][];
    for (int d = 0; d < correct.length; d++) {
      correct[d] = new Neighbours(data, grid.distances().get(d), grid.ksArray()).score(0, tested);
    }
    for (int i = 0; i < grid.ks().size(); i++) {
      for (int d = 0; d < correct.length; d++) {
        trials.add(new Trial(grid.ks().get(i), grid.distances().get(d), correct[d][i], tested));
      }
    }
    return trials;
  }
}
