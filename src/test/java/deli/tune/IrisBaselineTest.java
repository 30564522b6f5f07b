package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 80 cells of the book's grid on Iris, against the book's program: iris-baseline.txt is
 * what {@code knn_tuning.py bezdekIris.data --sorted} printed (run once, 2026-12-03, CPython
 * 3.11.7, on the iris.data deli ships). Ties decide most of these cells.
 */
class IrisBaselineTest {
  @Test
  void everyCellOfTheBooksGridOnIrisIsTheBaselines() throws IOException {
    Dataset iris = DataFile.iris(5);
    Grid grid = Grid.of(1, 39, 2, List.of(Distance.values()));
    assertEquals(120, iris.training().size());
    assertEquals(30, iris.testing().size());
    List<String> lines = new ArrayList<>();
    List<Trial> trials = Tuning.all(iris, grid);
    trials.stream().sorted(Trial.inGridOrder(grid)).forEach(t -> lines.add(t.line()));
    assertEquals(baseline(), lines);
    assertEquals(" 7 CD 1.000", Trial.best(trials, grid).line());
  }

  static List<String> baseline() throws IOException {
    try (InputStream in = IrisBaselineTest.class.getResourceAsStream("/deli/tune/iris-baseline.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
