package deli.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The book's data format as deli reads it, and the one-line errors for data k-NN cannot use
 * (issue 14, item 5): each names the file, the line and the column.
 */
class DataFileTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  /** The message of the DataError reading {@code text} raises; checks it is one line starting with {@code where}. */
  private String error(String text, int testEvery, String where) throws Exception {
    Path f = file("data.csv", text);
    DataError e = assertThrows(DataError.class, () -> DataFile.read(f, testEvery));
    assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().startsWith(f + ":" + where), "'" + e.getMessage() + "' starts with " + f + ":" + where);
    return e.getMessage();
  }

  @Test
  void rowNTestsWhenNModuloTestEveryIsZeroAndBlankLinesDoNotCount() throws Exception {
    Path f = file("d.csv", "1,a\n2,b\n\n3,a\r\n  \n4,b\r5,a\n6,b\n");
    Dataset d = DataFile.read(f, 3);
    assertEquals(1, d.features());
    assertEquals(f.toString(), d.source());
    // Rows 0..5 hold 1..6: rows 0 and 3 (values 1 and 4) test.
    assertArrayEquals(new double[] {1, 4}, d.testing().x);
    assertArrayEquals(new double[] {2, 3, 5, 6}, d.training().x);
    // Lines as the file numbers them, blank ones counted; \r\n and a lone \r end a line.
    assertArrayEquals(new int[] {1, 6}, d.testing().line);
    assertArrayEquals(new int[] {2, 4, 7, 8}, d.training().line);
    assertEquals(List.of("a", "b"), d.labels());
    assertArrayEquals(new int[] {0, 1}, d.testing().label);
    assertEquals(4, d.maxK());
  }

  @Test
  void theShippedIrisIsTheBooks150RowsIn120And30() {
    Dataset iris = DataFile.iris(5);
    assertEquals(DataFile.IRIS, iris.source());
    assertEquals(4, iris.features());
    assertEquals(List.of("Iris-setosa", "Iris-versicolor", "Iris-virginica"), iris.labels());
    assertEquals(120, iris.training().size());
    assertEquals(30, iris.testing().size());
    assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2}, java.util.Arrays.copyOf(iris.testing().x, 4));
  }

  @Test
  void labelsAreNumberedInPythonsStringOrderNotJavas() throws Exception {
    // U+FF21 sorts before U+1F600 in Python (code points), after it in Java (UTF-16 units).
    Dataset d = DataFile.read(file("l.csv", "1,\uD83D\uDE00\n2,\uFF21\n3,\uD83D\uDE00\n4,B\n"), 4);
    assertEquals(List.of("B", "\uFF21", "\uD83D\uDE00"), d.labels());
  }

  @Test
  void theSameBytesAndSplitGiveTheSameIdAndAnotherSplitAnother() throws Exception {
    String text = "1,a\n2,a\n3,b\n4,b\n5,a\n";
    Dataset a = DataFile.read(file("a.csv", text), 2);
    Dataset b = DataFile.parse("elsewhere", text.getBytes(StandardCharsets.UTF_8), 2);
    Dataset c = DataFile.read(file("a.csv", text), 3);
    assertEquals(a.id(), b.id());
    assertFalse(a.id().equals(c.id()));
  }

  @Test
  void aCellThatIsNotANumberIsNamedByLineAndColumn() throws Exception {
    String m = error("1,2,a\n3,x4,b\n", 5, "2: column 2:");
    assertTrue(m.contains("'x4'") && m.contains("not a number"), m);
    m = error("1,2,a\n\n3,inf,b\n", 5, "3: column 2:");
    assertTrue(m.contains("not a finite number"), m);
    error("1,2,a\n3,1e999,b\n", 5, "2: column 2:");
    error("1,2,a\n3,nan,b\n", 5, "2: column 2:");
    error(",2,a\n", 5, "1: column 1:");
  }

  @Test
  void rowsOfDifferentLengthsAreNamedByLineAndColumn() throws Exception {
    String m = error("1,2,a\n3,4,b\n5,c\n", 5, "3: column 3:");
    assertTrue(m.contains("line 1"), m);
    error("1,2,a\n3,4,5,b\n", 5, "2: column 4:");
    error("1,2,a\nb\n", 5, "2: column 2:");
  }

  @Test
  void fewerThanTwoLabelsAmongTheTrainingRowsIsAnError() throws Exception {
    String m = error("1,a\n2,b\n3,b\n4,b\n", 2, "2: column 2:");
    assertTrue(m.contains("'b'") && m.contains("two labels"), m);
    error("1,2,a\n", 5, "1: column 1:");
  }

  @Test
  void anEmptyOrBlankFileIsAnErrorAtLineOneColumnOne() throws Exception {
    assertTrue(error("", 5, "1: column 1:").contains("empty"));
    assertTrue(error("\n  \n\r\n", 5, "1: column 1:").contains("blank"));
  }

  @Test
  void aSorensenSumOfZeroNamesTheTestingLineAndTheTrainingLine() throws Exception {
    Path f = file("z.csv", "0,0,a\n0,-0.0,a\n1,1,b\n2,2,b\n");
    Dataset d = DataFile.read(f, 3);
    Grid grid = Grid.of(1, 1, 1, List.of(Distance.SD));
    DataError e = assertThrows(DataError.class, () -> Tuning.all(d, grid));
    assertTrue(e.getMessage().startsWith(f + ":1: column 1:"), e.getMessage());
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    // The other distances have no denominator.
    List<Trial> others = Tuning.all(d, Grid.of(1, 1, 1, List.of(Distance.ED, Distance.MD, Distance.CD)));
    assertEquals(3, others.size());
    assertTrue(others.stream().allMatch(t -> t.tested() == 2), others.toString());
  }

  @Test
  void fewerTrainingRowsThanTheLargestKIsNamedAtTheLastTrainingRow() throws Exception {
    Path f = file("k.csv", "1,a\n2,b\n\n3,a\n4,b\n");
    Dataset d = DataFile.read(f, 3);
    assertEquals(2, d.maxK());
    assertEquals(null, Tuning.checkK(d, Grid.of(1, 2, 1, List.of(Distance.ED))));
    String m = Tuning.checkK(d, Grid.of(1, 3, 2, List.of(Distance.ED)));
    assertTrue(m.startsWith(f + ":4: column 1:") && m.contains("(3)") && !m.contains("\n"), m);
    // The scorer refuses such a grid too, rather than answering from fewer neighbours than k.
    assertThrows(IllegalArgumentException.class, () -> Tuning.all(d, Grid.of(1, 3, 2, List.of(Distance.ED))));
  }

  @Test
  void aFileThatIsNotUtf8OrNotThereIsOneLine() throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.write(f, new byte[] {'1', ',', 'a', '\n', '2', ',', (byte) 0xff, '\n'});
    DataError e = assertThrows(DataError.class, () -> DataFile.read(f, 5));
    assertTrue(e.getMessage().startsWith(f + ":2:"), e.getMessage());
    e = assertThrows(DataError.class, () -> DataFile.read(dir.resolve("none.csv"), 5));
    assertTrue(e.getMessage().contains("none.csv") && e.getMessage().contains("no such file"), e.getMessage());
    e = assertThrows(DataError.class, () -> DataFile.read(dir, 5));
    assertTrue(e.getMessage().contains("directory"), e.getMessage());
  }

  @Test
  void everyRowTestingLeavesNoTrainingRows() throws Exception {
    assertTrue(error("1,a\n2,b\n", 1, "1: column 1:").contains("no training rows"));
    assertThrows(IllegalArgumentException.class, () -> DataFile.parse("x", new byte[0], 0));
  }

  /**
   * What Python's float() accepts, deli accepts, with the same value: the book reads cells with
   * it. Not in the list: digits other than ASCII ones ("\u0663", "\uff11"), which float() reads
   * as numbers and deli refuses: PyFloats reads ASCII digits only (a gap, rare in a CSV).
   */
  @Test
  void aCellIsANumberExactlyWhenPythonsFloatSaysSo() throws Exception {
    Assumptions.assumeTrue(Python.exists(Python.DEBIAN), Python.DEBIAN + " is missing");
    List<String> cells =
        List.of("1", " 2.5 ", "-0", "+.5", "5.", ".", "1e3", "1E-3", "1e", "1_000.0_1", "1__0", "_1", "1_", "0x10", "1d", "1f", "0b1",
            "\u00a02\u2003", "inf", "-Infinity", "nan", "1e999", "--1", "1.2.3", "", " ", "\t7\u000b", "\u0085" + "8",
            "1e+5", "1.5e-2_0", "9".repeat(400), "4.9e-324", "2.4e-324");
    StringBuilder script = new StringBuilder("import sys, math, struct\nfor c in sys.argv[1:]:\n");
    script.append("    try:\n        v = float(c)\n        print(struct.unpack('<q', struct.pack('<d', v))[0] if math.isfinite(v) else 'notfinite')\n");
    script.append("    except ValueError:\n        print('error')\n");
    List<String> command = new ArrayList<>(List.of(Python.DEBIAN, "-c", script.toString()));
    command.addAll(cells);
    List<String> python = Python.run(command, Duration.ofSeconds(30)).lines().toList();
    assertEquals(cells.size(), python.size());
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      String deli;
      try {
        Dataset d = DataFile.parse("c", (cell + ",a\n0,a\n0,b\n").getBytes(StandardCharsets.UTF_8), 5);
        double v = d.testing().x[0];
        deli = Long.toString(Double.doubleToRawLongBits(v));
      } catch (DataError e) {
        deli = e.getMessage().contains("not a finite") ? "notfinite" : "error";
      }
      assertEquals(python.get(i), deli, "float(" + cell + ")");
    }
  }

  /**
   * After the first line, a line of plain decimals is read without splitting it (PyFloats.plain);
   * every cell must come out as the full reader (PyFloats.parse, held to CPython above) reads it,
   * bit for bit, and every other line must still go the full way: random decimals of 1 to 25
   * digits (past 2^53 and 10^22 too), signs, leading and trailing points, zeros, exponents,
   * underscores and spaces mixed in.
   */
  @Test
  void aPlainDecimalAfterTheFirstLineIsReadAsTheFullReaderReadsIt() {
    java.util.Random r = new java.util.Random(14);
    for (int round = 0; round < 300; round++) {
      List<String> cells = new ArrayList<>();
      StringBuilder text = new StringBuilder("0,0,x\n");
      for (int row = 0; row < 20; row++) {
        String a = randomDecimal(r);
        String b = randomDecimal(r);
        cells.add(a);
        cells.add(b);
        text.append(a).append(',').append(b).append(',').append(row % 2 == 0 ? "x" : "y").append('\n');
      }
      double[] expected = new double[cells.size()];
      boolean finite = true;
      for (int i = 0; i < cells.size(); i++) {
        if (PyFloats.parse(cells.get(i)) instanceof PyFloats.Finite f) {
          expected[i] = f.value();
        } else {
          finite = false;
        }
      }
      if (!finite) {
        String message = assertThrows(DataError.class, () -> DataFile.parse("d", text.toString().getBytes(StandardCharsets.UTF_8), 1000)).getMessage();
        assertTrue(message.contains("not a"), message);
        continue;
      }
      Dataset d = DataFile.parse("d", text.toString().getBytes(StandardCharsets.UTF_8), 1000);
      double[] actual = java.util.Arrays.copyOf(d.training().x, cells.size());
      for (int i = 0; i < cells.size(); i++) {
        assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]), "float(" + cells.get(i) + ")");
      }
      assertEquals(List.of("x", "y"), d.labels());
    }
  }

  private static String randomDecimal(java.util.Random r) {
    StringBuilder b = new StringBuilder();
    switch (r.nextInt(8)) {
      case 0 -> b.append('-');
      case 1 -> b.append('+');
      default -> { }
    }
    int whole = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 6 : 20);
    for (int i = 0; i < whole; i++) {
      b.append((char) ('0' + (r.nextInt(3) == 0 ? 0 : r.nextInt(10))));
    }
    int fraction = r.nextInt(3) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 5 : 26);
    if (fraction > 0 || whole == 0 || r.nextInt(4) == 0) {
      b.append('.');
    }
    for (int i = 0; i < fraction; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    if (whole == 0 && fraction == 0) {
      b.append('5');
    }
    switch (r.nextInt(20)) {
      case 0 -> b.append("e").append(r.nextInt(40) - 20);
      case 1 -> b.insert(0, ' ');
      case 2 -> b.append('\t');
      case 3 -> b.insert(b.length() - 1, '_');
      default -> { }
    }
    return b.toString();
  }

  @Test
  void aLineAfterTheFirstWithAnotherNumberOfColumnsIsStillNamedByLineAndColumn() throws Exception {
    assertTrue(error("1,2,a\n3,4,b,c\n", 5, "2: column 4: ").contains("4 columns, where line 1 has 3"));
    assertTrue(error("1,2,a\n3,b\n", 5, "2: column 3: ").contains("2 columns, where line 1 has 3"));
    assertTrue(error("1,2,a\n3,1e999,b\n", 5, "2: column 2: ").contains("is not a finite number"));
    assertTrue(error("1,2,a\n3,x,b\n", 5, "2: column 2: ").contains("is not a number"));
  }
}
