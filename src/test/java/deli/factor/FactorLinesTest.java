package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import deli.core.Console.Output;
import deli.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class FactorLinesTest {
  static final Trace T = Trace.start("test");

  static FactorRun.ChunkDone chunk(String failure, List<String> errors) {
    Numbers numbers = Numbers.of(12, 97, 1_000_000_016_000_000_063L);
    List<Numbers> factors =
        failure != null ? List.of() : List.of(Numbers.of(2, 2, 3), Numbers.of(97), Numbers.of(1_000_000_007, 1_000_000_009));
    return new FactorRun.ChunkDone(T, numbers, factors, failure, errors, null);
  }

  @Test
  void aChunkPrintsGnuFactorsLinesAndItsErrorsOnStderr() {
    Output o = FactorLines.render(chunk(null, List.of("stdin:2: empty line")), false, false);
    // One block per chunk, its lines joined: the console writes it in one call.
    assertEquals(List.of("12: 2 2 3\n97: 97\n1000000016000000063: 1000000007 1000000009"), o.out());
    assertEquals(List.of("deli factor: stdin:2: empty line"), o.err());
    assertNull(o.exitCode());
  }

  @Test
  void primesPrintsOnlyThePrimesOnePerLine() {
    assertEquals(List.of("97"), FactorLines.render(chunk(null, List.of()), true, false).out());
  }

  @Test
  void aChunkThatWasNotFactoredSaysSoForEachOfItsNumbers() {
    Output o = FactorLines.render(chunk("its worker crashed (boom), twice", List.of()), false, false);
    assertEquals(List.of(), o.out());
    assertEquals("deli factor: 97: not factored: its worker crashed (boom), twice", o.err().get(1));
    assertEquals(3, o.err().size());
  }

  @Test
  void theEndExitsZeroOnlyWhenEveryNumberWasGoodAndFactored() {
    assertEquals(0, FactorLines.render(new FactorRun.Finished(T, 10, 0, 0, 1_000_000, 2), false, false).exitCode());
    assertEquals(1, FactorLines.render(new FactorRun.Finished(T, 10, 1, 0, 1_000_000, 2), false, false).exitCode());
    Output failed = FactorLines.render(new FactorRun.Finished(T, 40_960, 0, 3, 20_000_000, 2), false, true);
    assertEquals(1, failed.exitCode());
    assertEquals(List.of("deli factor: 40,960 numbers in 0.020 s, 2.05 M numbers/s (2 workers); 0 bad, 3 not factored"), failed.err());
  }

  @Test
  void progressIsABarWhenTheSizeIsKnownAndACountWhenItIsNot() {
    assertEquals(
        "factoring [###############...............]  50% 20,480 numbers, 20 k numbers/s",
        FactorLines.render(new FactorRun.Progress(T, 20_480, 0.5, 1_000_000_000), false, false).status());
    assertEquals(
        "factoring: 20,480 numbers, 20 k numbers/s",
        FactorLines.render(new FactorRun.Progress(T, 20_480, -1, 1_000_000_000), false, false).status());
  }
}
