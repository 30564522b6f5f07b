package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PythonRandom} against CPython itself: the same seed draws the same numbers. */
class PythonRandomTest {

  private static List<String> python(String code) throws Exception {
    Process p = new ProcessBuilder("python3", "-c", code).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue());
    return out.lines().toList();
  }

  @Test
  void randintDrawsWhatCPythonDrawsForEverySeedAndRange() throws Exception {
    long[] seeds = {42, 0, 1, -7, 4_294_967_296L, Long.MAX_VALUE, Long.MIN_VALUE};
    long[][] ranges = {{100_000_000, 1_000_000_000}, {1, 6}, {0, Long.MAX_VALUE - 1}, {5, 8_000_000_000L}};
    StringBuilder code = new StringBuilder("import random\n");
    List<String> ours = new ArrayList<>();
    for (long seed : seeds) {
      for (long[] r : ranges) {
        code.append("random.seed(").append(seed).append(")\n")
            .append("print(' '.join(str(random.randint(").append(r[0]).append(", ").append(r[1]).append(")) for _ in range(300)))\n");
        PythonRandom random = new PythonRandom(seed);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < 300; i++) {
          line.append(i == 0 ? "" : " ").append(random.randint(r[0], r[1]));
        }
        ours.add(line.toString());
      }
    }
    assertEquals(python(code.toString()), ours);
  }
}
