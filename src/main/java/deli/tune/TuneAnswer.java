package deli.tune;

import deli.core.CborSerializable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a tuning job answers, as {@code deli tune --json} prints it and {@code POST /tune}
 * answers it: every trial in grid order (k, then distance as given), the best, and the cells'
 * batches each node scored.
 *
 * @param results every trial, in grid order
 * @param best the highest quality, the first in grid order among equals
 * @param nodes the batches each node answered, by {@code host:port} ({@code local} in one JVM)
 * @param training training samples
 * @param testing testing samples
 * @param ms from the data read to the last result
 */
public record TuneAnswer(List<Result> results, Result best, Map<String, Integer> nodes, int training, int testing, long ms)
    implements CborSerializable {

  /** One trial; {@code quality} as the book prints it, to 3 places. */
  public record Result(int k, String distance, BigDecimal quality, int correct, int tested) {
    static Result of(Trial t) {
      return new Result(t.k(), t.distance().name(), new BigDecimal(PyFloats.fixed3(t.quality())), t.correct(), t.tested());
    }
  }

  public static TuneAnswer of(List<Trial> trials, Grid grid, Map<String, Integer> nodes, int training, int testing, long nanos) {
    List<Result> results = trials.stream().sorted(Trial.inGridOrder(grid)).map(Result::of).toList();
    return new TuneAnswer(results, Result.of(Trial.best(trials, grid)), Map.copyOf(nodes), training, testing, nanos / 1_000_000);
  }
}
