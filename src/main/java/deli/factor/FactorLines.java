package deli.factor;

import deli.core.Console.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code deli factor} prints for each event of a {@link FactorRun}: GNU factor's lines on
 * stdout, one error line per bad token or unfactored number on stderr, the progress line, the
 * statistics, and the exit code. Pure.
 */
final class FactorLines {
  private FactorLines() {}

  static Output render(FactorRun.Event event, boolean primesOnly, boolean stats) {
    if (event instanceof FactorRun.ChunkDone c) {
      return chunk(c, primesOnly);
    }
    if (event instanceof FactorRun.Progress p) {
      return Output.status(progress(p));
    }
    if (event instanceof FactorRun.RoundDone r) {
      return Output.warning(
          String.format(
              Locale.ROOT,
              "deli factor: round %d of %d: %,d numbers in %.4f s, %s numbers/s (%d workers)",
              r.round(),
              r.rounds(),
              r.numbers(),
              r.nanos() / 1e9,
              rate(r.numbers(), r.nanos()),
              r.workers()));
    }
    if (event instanceof FactorRun.InputFailed f) {
      return new Output(List.of(), List.of("deli factor: cannot read the input: " + f.reason()), 1);
    }
    FactorRun.Finished f = (FactorRun.Finished) event;
    List<String> err = new ArrayList<>();
    if (stats) {
      err.add(
          String.format(
              Locale.ROOT,
              "deli factor: %,d numbers in %.3f s, %s numbers/s (%d workers)%s",
              f.numbers(),
              f.nanos() / 1e9,
              rate(f.numbers(), f.nanos()),
              f.workers(),
              f.bad() + f.failed() == 0 ? "" : String.format(Locale.ROOT, "; %,d bad, %,d not factored", f.bad(), f.failed())));
    }
    return new Output(List.of(), err, f.bad() + f.failed() == 0 ? 0 : 1);
  }

  private static Output chunk(FactorRun.ChunkDone c, boolean primesOnly) {
    Numbers numbers = c.numbers();
    List<String> out = new ArrayList<>(primesOnly ? 16 : numbers.size());
    List<String> err = new ArrayList<>(c.errors().size());
    for (String e : c.errors()) {
      err.add("deli factor: " + e);
    }
    if (c.failure() != null) {
      for (int i = 0; i < numbers.size(); i++) {
        err.add(numbers.appendTo(new StringBuilder("deli factor: "), i) + ": not factored: " + c.failure());
      }
      return new Output(out, err, null);
    }
    // One block of lines per chunk: the console writes it in one call instead of one per line.
    StringBuilder block = new StringBuilder(numbers.size() * 24);
    for (int i = 0; i < numbers.size(); i++) {
      Numbers factors = c.factors().get(i);
      if (primesOnly) {
        if (factors.size() == 1) {
          numbers.appendTo(block, i).append('\n');
        }
        continue;
      }
      numbers.appendTo(block, i).append(':');
      for (int j = 0; j < factors.size(); j++) {
        factors.appendTo(block.append(' '), j);
      }
      block.append('\n');
    }
    if (block.length() > 0) {
      block.setLength(block.length() - 1); // the console ends the block's last line
      out.add(block.toString());
    }
    return new Output(out, err, null);
  }

  private static String progress(FactorRun.Progress p) {
    String rate = rate(p.done(), p.nanos());
    if (p.fraction() < 0) {
      return String.format(Locale.ROOT, "factoring: %,d numbers, %s numbers/s", p.done(), rate);
    }
    int width = 30;
    int filled = (int) Math.round(p.fraction() * width);
    return String.format(
        Locale.ROOT,
        "factoring [%s%s] %3.0f%% %,d numbers, %s numbers/s",
        "#".repeat(filled),
        ".".repeat(width - filled),
        p.fraction() * 100,
        p.done(),
        rate);
  }

  /** 1.83 M, 950 k, 12: numbers per second, short. */
  static String rate(long count, long nanos) {
    double perSecond = nanos <= 0 ? 0 : count * 1e9 / nanos;
    if (perSecond >= 1e6) {
      return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
    }
    if (perSecond >= 1e4) {
      return String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", perSecond);
  }
}
