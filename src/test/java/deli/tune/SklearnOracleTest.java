package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Data without ties against scikit-learn: {@code KNeighborsClassifier(algorithm="brute")} under
 * {@code GridSearchCV} with a {@code PredefinedSplit} of the book's split, metrics euclidean,
 * manhattan, chebyshev and braycurtis (the book's Sorensen on positive data). Two classes,
 * continuous random features and odd k only, so neither kind of tie arises (sklearn_oracle.py
 * checks that no two neighbours lie at nearly the same distance): where the book and sklearn
 * agree, every cell must be equal. Debian's python3-sklearn provides sklearn ({@code .ci/run}
 * installs it); without it the test is skipped.
 */
class SklearnOracleTest {
  @TempDir Path dir;

  @BeforeAll
  static void sklearn() throws Exception {
    boolean has = Python.exists(Python.DEBIAN) && Python.imports(Python.DEBIAN, "sklearn");
    if (!has) {
      System.out.println("SklearnOracleTest skipped: " + Python.DEBIAN + " cannot import sklearn (apt-get install python3-sklearn)");
    }
    Assumptions.assumeTrue(has, Python.DEBIAN + " cannot import sklearn (apt-get install python3-sklearn)");
  }

  @ParameterizedTest(name = "test every {0}")
  @ValueSource(ints = {2, 3, 5})
  void everyCellOfTieFreeDataIsScikitLearns(int every) throws Exception {
    Path oracle = Python.script("/deli/tune/sklearn_oracle.py", dir);
    Grid grid = Grid.of(1, 39, 2, List.of(Distance.values()));
    List<Path> files = new ArrayList<>();
    for (int seed = 0; seed < 4; seed++) {
      files.add(write("t" + every + "-" + seed, new Random(seed * 7919L + every)));
    }
    List<String> actual = new ArrayList<>();
    for (Path f : files) {
      List<Trial> trials = Tuning.all(DataFile.read(f, every), grid);
      for (Distance d : grid.distances()) {
        trials.stream().filter(t -> t.distance() == d).forEach(t -> actual.add(f.getFileName() + " " + d + " " + t.k() + " " + t.correct() + " " + t.tested()));
      }
    }
    List<String> command = new ArrayList<>(List.of(Python.DEBIAN, oracle.toString(), Integer.toString(every)));
    command.add(grid.ks().stream().map(String::valueOf).collect(Collectors.joining(",")));
    command.add(grid.distances().stream().map(Enum::name).collect(Collectors.joining(",")));
    files.forEach(f -> command.add(f.toString()));
    String prefix = dir + "/";
    List<String> expected =
        Python.run(command, Duration.ofSeconds(300)).lines().map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l).toList();
    assertEquals(expected.size(), actual.size(), "cells");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        wrong.add("deli " + actual.get(i) + ", sklearn " + expected.get(i));
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " cells differ (file distance k correct tested): "
        + String.join("; ", wrong.subList(0, Math.min(8, wrong.size()))));
    // The data is not trivially separable: some cells miss, and not all the same way.
    assertTrue(actual.stream().map(l -> l.split(" ")[3]).distinct().count() > 5, "the cells hardly vary: " + actual);
  }

  /**
   * 120 to 300 rows of 2 to 6 positive features drawn uniformly, the two classes apart by a
   * shift of the first features smaller than the spread, so neighbours of both classes mix.
   */
  private Path write(String name, Random r) throws Exception {
    int rows = 120 + r.nextInt(181);
    int features = 2 + r.nextInt(5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      boolean yes = r.nextBoolean();
      for (int f = 0; f < features; f++) {
        double v = r.nextDouble() * 10.0 + (yes && f < 2 ? 3.0 : 0.0);
        // Double.toString gives the shortest text that reads back as v, in Java as in Python.
        text.append(v).append(',');
      }
      text.append(yes ? "yes" : "no").append('\n');
    }
    Path file = dir.resolve(name + ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
