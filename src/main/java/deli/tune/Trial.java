package deli.tune;

import deli.core.CborSerializable;
import java.util.Comparator;
import java.util.List;

/** One hyperparameter tried: k, the distance, and how many testing samples it classified right. */
public record Trial(int k, Distance distance, int correct, int tested) implements CborSerializable {
  /** The book's {@code correct / len(testing)}. */
  public double quality() {
    return (double) correct / tested;
  }

  /** The book's line: {@code f"{k:2d} {name:2s} {quality:.3f}"}. */
  public String line() {
    String kk = Integer.toString(k);
    return (kk.length() < 2 ? " " + kk : kk) + " " + distance.name() + " " + PyFloats.fixed3(quality());
  }

  /**
   * The best of {@code trials}: the highest quality, the first in {@code grid}'s order (k, then
   * distance as given) among equals. The book takes the first in completion order, which varies
   * from run to run; its --sorted run gives this one.
   */
  public static Trial best(List<Trial> trials, Grid grid) {
    return trials.stream().sorted(inGridOrder(grid)).reduce((a, b) -> b.correct > a.correct ? b : a).orElseThrow();
  }

  /** By k, then by the distance's place in {@code grid}. */
  public static Comparator<Trial> inGridOrder(Grid grid) {
    return Comparator.comparingInt(Trial::k).thenComparingInt(t -> grid.distances().indexOf(t.distance()));
  }
}
