package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.spread.Work;
import deli.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A tuning job's cells, scored in any cut, add up to the one-thread answer. */
class CellsTest {
  static final Dataset IRIS = DataFile.iris(5);
  static final Grid GRID = Grid.of(1, 39, 2, List.of(Distance.values()));

  /** What a job told its listener. */
  static final class Heard implements Cells.Listener {
    final List<Trial> trials = new ArrayList<>();
    final List<List<Trial>> calls = new ArrayList<>();
    Map<String, Integer> complete;
    final List<Integer> progress = new ArrayList<>();
    String failed;
    String dataError;

    @Override
    public void trials(List<Trial> done) {
      trials.addAll(done);
      calls.add(done);
    }

    @Override
    public void complete(Map<String, Integer> batchesByNode) {
      complete = batchesByNode;
    }

    @Override
    public void fail(String why, String dataError) {
      failed = why;
      this.dataError = dataError;
    }

    @Override
    public void cells(int done, int total) {
      assertEquals(4 * 30, total);
      progress.add(done);
    }
  }

  static Cells cells(Dataset data, Grid grid, Heard heard) {
    return new Cells("job", TuneData.iris(5), grid, data.testing().size(), heard);
  }

  @Test
  void cellsScoredInRandomCutsAndOrderAddUpToTheOneThreadAnswer() {
    Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      Heard heard = new Heard();
      Cells cells = cells(IRIS, GRID, heard);
      assertEquals(4 * 30, cells.units());
      List<int[]> cuts = new ArrayList<>();
      for (int from = 0; from < cells.units(); ) {
        int to = Math.min(cells.units(), from + 1 + random.nextInt(45));
        cuts.add(new int[] {from, to});
        from = to;
      }
      java.util.Collections.shuffle(cuts, random);
      for (int[] cut : cuts) {
        int[] counts = Cells.score(IRIS, GRID, cut[0], cut[1]);
        assertNull(cells.accept(new TunePool.CellsScored(Trace.here(), 1, counts), cut[0], cut[1]));
      }
      List<Trial> expected = Tuning.all(IRIS, GRID);
      assertEquals(expected.size(), heard.trials.size(), "every trial once");
      assertEquals(cuts.size(), heard.progress.size(), "the progress after each answer");
      assertEquals(cells.units(), heard.progress.get(cuts.size() - 1));
      assertEquals(
          expected.stream().map(Trial::line).sorted().toList(),
          heard.trials.stream().map(Trial::line).sorted().toList());
      for (List<Trial> call : heard.calls) {
        Map<Distance, Long> byDistance = call.stream().collect(java.util.stream.Collectors.groupingBy(Trial::distance, java.util.stream.Collectors.counting()));
        byDistance.forEach(
            (d, n) -> assertEquals(GRID.ks().size(), n, "a distance's trials come together, when its last cell is in: " + d));
      }
    }
  }

  /**
   * On integer data a batch reads each pair of samples once for all its distances
   * ({@link IntSums}, {@link IntDistances#all}); cut anywhere, it equals the book's k-NN done
   * plainly, distance by distance, ties and all.
   */
  @Test
  void integerDataScoredInCutsEqualsThePlainKnnForEveryDistance() {
    Random random = new Random(11);
    for (int round = 0; round < 6; round++) {
      StringBuilder csv = new StringBuilder();
      int features = 1 + random.nextInt(12);
      for (int r = 0; r < 90; r++) {
        for (int f = 0; f < features; f++) {
          csv.append(random.nextInt(round % 2 == 0 ? 3 : 40) - (round > 3 ? 5 : 0)).append(',');
        }
        csv.append("abc".charAt(random.nextInt(3))).append('\n');
      }
      Dataset data = DataFile.parse("ints.csv", csv.toString().getBytes(StandardCharsets.UTF_8), 3);
      assertTrue(Neighbours.inInts(data));
      List<Distance> order = new ArrayList<>(List.of(Distance.values()));
      java.util.Collections.shuffle(order, random);
      List<Distance> distances = order.subList(0, 1 + random.nextInt(4));
      Grid grid = Grid.of(1, 21, 2, distances);
      int units = distances.size() * data.testing().size();
      int[] total = new int[distances.size() * grid.ks().size()];
      for (int from = 0; from < units; ) {
        int to = Math.min(units, from + 1 + random.nextInt(17));
        int[] counts = Cells.score(data, grid, from, to);
        for (int i = 0; i < total.length; i++) {
          total[i] += counts[i];
        }
        from = to;
      }
      for (int d = 0; d < distances.size(); d++) {
        int[] expected = NeighboursTest.plain(data, distances.get(d), grid.ksArray());
        int[] got = java.util.Arrays.copyOfRange(total, d * grid.ks().size(), (d + 1) * grid.ks().size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, got, "round " + round + ", " + distances.get(d) + " of " + distances);
      }
    }
  }

  @Test
  void anAnswerOfTheWrongSizeIsSentAgainAndAPoolsFailureKeepsItsVerdict() {
    Heard heard = new Heard();
    Cells cells = cells(IRIS, GRID, heard);
    Work.Failure wrong = cells.accept(new TunePool.CellsScored(Trace.here(), 1, new int[3]), 0, 10);
    assertNotNull(wrong);
    assertTrue(wrong.retry(), wrong.toString());
    Work.Failure lost = cells.accept(new TunePool.CellsFailed(Trace.here(), 1, "no data", true), 0, 10);
    assertTrue(lost.retry());
    Work.Failure bad = cells.accept(new TunePool.CellsFailed(Trace.here(), 1, "x.csv:3: column 1: divides by zero", false), 0, 10);
    assertEquals(false, bad.retry());
    cells.fail("cells ED sample 1 to ED sample 10 not done: ...");
    assertEquals("x.csv:3: column 1: divides by zero", heard.dataError, "the data's fault, as the CLI prints it");
    assertTrue(heard.trials.isEmpty());
  }

  @Test
  void greetingSendsTheCsvOnceInPartsSmallEnoughForOneRemoteFrame() {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; csv.length() <= 3 * Cells.PART_CHARS; i++) {
      csv.append(i % 7).append(',').append(i % 3).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    TuneData data = TuneData.csv("big.csv", csv.toString(), 5);
    Cells cells = new Cells("job", data, GRID, 10, new Heard());
    List<TunePool.Command> parts = cells.greet(Trace.here());
    assertEquals(4, parts.size());
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      TunePool.Prepare p = assertInstanceOf(TunePool.Prepare.class, parts.get(i));
      assertEquals(i + 1, p.part());
      assertEquals(4, p.parts());
      assertTrue(p.data().csv().getBytes(StandardCharsets.UTF_8).length <= Cells.PART_CHARS);
      joined.append(p.data().csv());
    }
    assertEquals(csv.toString(), joined.toString());
    assertEquals(1, new Cells("job", TuneData.iris(5), GRID, 30, new Heard()).greet(Trace.here()).size());
  }

  @Test
  void cellsAreNamedByDistanceAndSample() {
    Cells cells = cells(IRIS, GRID, new Heard());
    // A testing sample's four distances side by side: cell 34 is sample 9's third, CD.
    assertEquals("cells ED sample 1 to CD sample 9", cells.describe(0, 35));
    assertEquals("cells MD sample 2 to MD sample 2", cells.describe(5, 6));
    assertEquals("no cells", cells.describe(3, 3));
  }
}
