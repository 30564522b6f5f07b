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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated data where ties decide the cells, against knn_oracle.py, the book's rules written
 * plainly in Python: features from a few small values (integers, -0 beside 0, decimals whose
 * sums round), a third of the rows repeating earlier features under another label, labels whose
 * Python order is not Java's (a surrogate pair, a trailing space), blank lines, CRLF, values at
 * both ends of the double range (overflowing differences, subnormals), every k
 * from 1 (even ones, for ties in votes). Each batch also asks the oracle with the ties broken
 * another way, and checks that changes cells: the data exercises the rules it claims to.
 */
class TieHeavyOracleTest {
  private static final String[] LABELS = {"b", "a", "B", "a ", "\uFF21", "\uD83D\uDE00", "\u00e4", "Z"};
  private static final String[] POSITIVE = {"1", "2", "3", "1.0", "0.1", "0.2", "0.3", "0.7", "1.5"};
  private static final String[] SIGNED = {"0", "-0", "-0.0", "1", "-1", "2", "-2", "0.1", "0.2", "-0.3", " 1 "};
  /** Magnitudes at both ends of the double range: sums and squares that overflow or vanish. */
  private static final String[] EXTREME = {
    "1e300", "-1e300", "1e154", "1.5e154", "-3e153", "1e-160", "1.0001e-160", "-1.2e-160", "3e-161", "5e-324", "-1e-300", "0", "2"
  };
  private static final int MAX_K = 30;

  @TempDir Path dir;

  @ParameterizedTest(name = "test every {0}")
  @ValueSource(ints = {2, 3, 5})
  void everyCellOfTieHeavyDataIsTheOracles(int every) throws Exception {
    Assumptions.assumeTrue(Python.exists(Python.DEBIAN), Python.DEBIAN + " is missing");
    // ED is math.hypot, whose rounding Python 3.12 changed; deli follows 3.11's, the book's.
    boolean hypot311 = Python.version(Python.DEBIAN).equals("3.11");
    if (!hypot311) {
      System.out.println("TieHeavyOracleTest: " + Python.DEBIAN + " is not Python 3.11: ED is not checked");
    }
    Path oracle = Python.script("/deli/tune/knn_oracle.py", dir);
    List<Path> positive = new ArrayList<>();
    List<Path> signed = new ArrayList<>();
    for (int seed = 0; seed < 10; seed++) {
      positive.add(write("p" + every + "-" + seed, new Random(seed * 31L + every), POSITIVE));
      signed.add(write("s" + every + "-" + seed, new Random(seed * 17L + every + 1000), SIGNED));
      signed.add(write("x" + every + "-" + seed, new Random(seed * 13L + every + 2000), EXTREME));
    }
    List<Distance> all = new ArrayList<>(List.of(Distance.values()));
    List<Distance> noSorensen = new ArrayList<>(List.of(Distance.ED, Distance.MD, Distance.CD));
    if (!hypot311) {
      all.remove(Distance.ED);
      noSorensen.remove(Distance.ED);
    }
    check(oracle, every, positive, all);
    // Sorensen divides by the sum of the features, which signed data can make zero (and
    // extreme data infinite over infinite, NaN in Python, an error in deli).
    check(oracle, every, signed, noSorensen);
  }

  private void check(Path oracle, int every, List<Path> files, List<Distance> distances) throws Exception {
    List<String> actual = new ArrayList<>();
    for (Path f : files) {
      Dataset data = DataFile.read(f, every);
      Grid grid = Grid.of(1, Math.min(MAX_K, data.training().size()), 1, distances);
      List<Trial> trials = Tuning.all(data, grid);
      for (Distance d : distances) {
        for (Trial t : trials) {
          if (t.distance() == d) {
            actual.add(f.getFileName() + " " + d + " " + t.k() + " " + t.correct() + " " + t.tested());
          }
        }
      }
    }
    List<String> expected = oracle(oracle, false, every, files, distances);
    assertEquals(expected.size(), actual.size(), "cells");
    List<String> wrong = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      if (!expected.get(i).equals(actual.get(i))) {
        wrong.add("deli " + actual.get(i) + ", the oracle " + expected.get(i));
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " of " + expected.size() + " cells differ (file distance k correct tested): "
        + String.join("; ", wrong.subList(0, Math.min(8, wrong.size()))));
    List<String> otherTies = oracle(oracle, true, every, files, distances);
    assertEquals(expected.size(), otherTies.size());
    int differ = 0;
    for (int i = 0; i < expected.size(); i++) {
      differ += expected.get(i).equals(otherTies.get(i)) ? 0 : 1;
    }
    assertTrue(differ * 10 >= expected.size(), "ties decide only " + differ + " of " + expected.size() + " cells");
  }

  private static List<String> oracle(Path oracle, boolean otherTies, int every, List<Path> files, List<Distance> distances)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Python.DEBIAN, oracle.toString()));
    if (otherTies) {
      command.add("--other-ties");
    }
    command.add(Integer.toString(every));
    command.add(Integer.toString(MAX_K));
    command.add(distances.stream().map(Enum::name).collect(Collectors.joining(",")));
    files.forEach(f -> command.add(f.toString()));
    String prefix = files.get(0).getParent() + "/";
    return Python.run(command, Duration.ofSeconds(120)).lines().map(l -> l.startsWith(prefix) ? l.substring(prefix.length()) : l).toList();
  }

  /** 30 to 80 rows of 1 to 4 features, a third of them repeating earlier features, 2 to 5 labels. */
  private Path write(String name, Random r, String[] values) throws Exception {
    int rows = 30 + r.nextInt(51);
    int features = 1 + r.nextInt(4);
    int labels = 2 + r.nextInt(4);
    int start = r.nextInt(LABELS.length);
    // A few values per file, so equal distances are common.
    List<String> few = new ArrayList<>();
    for (int i = 0; i < 3 + r.nextInt(2); i++) {
      few.add(values[r.nextInt(values.length)]);
    }
    List<String> seen = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    String newline = r.nextInt(4) == 0 ? "\r\n" : "\n";
    for (int i = 0; i < rows; i++) {
      String body;
      if (!seen.isEmpty() && r.nextInt(3) == 0) {
        body = seen.get(r.nextInt(seen.size()));
      } else {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < features; f++) {
          sb.append(few.get(r.nextInt(few.size()))).append(',');
        }
        body = sb.toString();
        seen.add(body);
      }
      // 3 and 8 are coprime: the labels drawn differ.
      text.append(body).append(LABELS[(start + 3 * r.nextInt(labels)) % LABELS.length]).append(newline);
      if (r.nextInt(15) == 0) {
        text.append(r.nextBoolean() ? "" : "  ").append(newline);
      }
    }
    Path file = dir.resolve(name + ".csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
