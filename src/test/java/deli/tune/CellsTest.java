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
    assertEquals("cells ED sample 1 to MD sample 5", cells.describe(0, 35));
    assertEquals("no cells", cells.describe(3, 3));
  }
}
