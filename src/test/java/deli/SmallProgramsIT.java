package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code deli sleepers} and {@code deli cpu} as a user runs them: the chapter's lines, in order. */
class SmallProgramsIT {
  private static final Pattern SLEEPS = Pattern.compile("(\\d+) sleeps for (\\d+\\.\\d\\d) seconds");
  private static final Pattern AWAKENS = Pattern.compile("(\\d+) awakens, refreshed");

  @Test
  void sleepersAwakenInTheOrderOfTheirDelays() throws Exception {
    // Seed 1 draws delays at least 130 ms apart (0.57, 0.75, 0.97, 0.44 s), so the order is the
    // program's, not the scheduler's luck; the expected order is read from what deli printed.
    Deli.Result r = Deli.run("sleepers", "--count", "4", "--delay", "0..1s", "--seed", "1");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(List.of("Creating 4 tasks", "Waiting for 4 tasks"), lines.subList(0, 2));
    List<double[]> delays = new ArrayList<>();
    List<Integer> awoke = new ArrayList<>();
    for (String line : lines) {
      Matcher s = SLEEPS.matcher(line);
      Matcher a = AWAKENS.matcher(line);
      if (s.matches()) {
        delays.add(new double[] {Integer.parseInt(s.group(1)), Double.parseDouble(s.group(2))});
      } else if (a.matches()) {
        awoke.add(Integer.parseInt(a.group(1)));
      }
    }
    assertEquals(List.of(0, 1, 2, 3), delays.stream().map(d -> (int) d[0]).toList(), r.out());
    List<Integer> byDelay =
        delays.stream().sorted(Comparator.comparingDouble(d -> d[1])).map(d -> (int) d[0]).toList();
    assertEquals(byDelay, awoke, r.out());
    assertEquals("Done with the sleepers", lines.get(lines.size() - 2));
    double longest = delays.stream().mapToDouble(d -> d[1]).max().orElseThrow();
    assertTrue(
        lines.get(lines.size() - 1).matches("4 sleepers in \\d+\\.\\d{3} s: the longest delay was "
            + String.format(java.util.Locale.ROOT, "%.2f", longest) + "\\d s, the delays add up to \\d+\\.\\d{3} s"),
        lines.get(lines.size() - 1));
  }

  @Test
  void cpuRunsEveryWorkerInBothPhasesAndReportsTheSpeedup() throws Exception {
    Deli.Result r = Deli.run("cpu", "--work", "200000", "--workers", "3");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    for (String phase : List.of("parallel", "one thread")) {
      Set<String> workers = new TreeSet<>();
      for (String line : lines) {
        Matcher m = Pattern.compile(Pattern.quote(phase) + ": (worker-\\d+) on thread (\\S+) \\(pid \\d+\\) in \\d+\\.\\d{3} s").matcher(line);
        if (m.matches()) {
          workers.add(m.group(1));
          String dispatcher = phase.equals("parallel") ? "cpu-dispatcher" : "single-thread-dispatcher";
          assertTrue(m.group(2).contains(dispatcher), line);
        }
      }
      assertEquals(
          new TreeSet<>(IntStream.rangeClosed(1, 3).mapToObj(i -> "worker-" + i).toList()), workers, r.out());
      assertEquals(
          1,
          lines.stream().filter(l -> l.matches(Pattern.quote(phase) + ": work took \\d+\\.\\d{3} seconds \\(3 workers, the median of \\d+ rounds\\)")).count(),
          r.out());
    }
    assertTrue(
        lines.get(lines.size() - 1).matches("speedup \\d+\\.\\d\\dx: 3 workers of 200,000 terms on \\d+ cores, .+"),
        r.out());
  }

  @Test
  void badCountsAreUsageErrors() throws Exception {
    for (String[] args : new String[][] {{"cpu", "--workers", "0"}, {"sleepers", "--count", "-1"}}) {
      Deli.Result r = Deli.run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("deli " + args[0] + ": "), r.err());
    }
  }
}
