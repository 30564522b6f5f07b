package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliConfig;
import deli.trace.Trace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CPython is the oracle: its ast, through a small script run once for a whole tree, against
 * deli's analyzer on the same tree. Every file of the machine's Python library must agree,
 * failures included; each disagreement is reported with the file and both answers.
 */
class CPythonOracleTest {
  static final ActorTestKit testKit = ActorTestKit.create("CPythonOracleTest", DeliConfig.load());
  static final ObjectMapper json = new ObjectMapper();
  static Path script;

  @BeforeAll
  static void setUp(@TempDir Path dir) throws Exception {
    String version = run("python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])").strip();
    Assumptions.assumeTrue(
        version.equals("3.11"), "deli's scanner follows Python 3.11's grammar; python3 here is " + version);
    script = dir.resolve("oracle.py");
    try (InputStream in = CPythonOracleTest.class.getResourceAsStream("oracle.py")) {
      Files.write(script, in.readAllBytes());
    }
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** CPython's answer for every file under {@code root}, by relative path; runs in the background. */
  static CompletableFuture<Map<String, JsonNode>> cpython(Path root) throws IOException {
    Process p = new ProcessBuilder("python3", script.toString(), root.toString()).redirectErrorStream(false).start();
    p.getOutputStream().close();
    return CompletableFuture.supplyAsync(
        () -> {
          Map<String, JsonNode> rows = new HashMap<>();
          try {
            for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
              if (!line.isBlank()) {
                JsonNode row = json.readTree(line);
                rows.put(row.get("path").asText(), row);
              }
            }
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
              throw new IllegalStateException("the oracle failed: " + err);
            }
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return rows;
        });
  }

  static ImportAnalyzer.Report analyze(Path root) {
    TestProbe<ImportAnalyzer.Event> listener = testKit.createTestProbe();
    ImportsSettings settings =
        new ImportsSettings(root.toString(), "*.py", "typing", List.of(".tox", ".mypy_cache", "__pycache__", ".idea"), 2, 32, 1, false);
    testKit.spawn(ImportAnalyzer.create(settings, Trace.start("test"), listener.getRef()));
    return listener.fishForMessage(
            Duration.ofSeconds(120),
            e -> e instanceof ImportAnalyzer.Report
                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
        .stream()
        .filter(ImportAnalyzer.Report.class::isInstance)
        .map(ImportAnalyzer.Report.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /** Every file where deli and CPython differ, with both answers. */
  static List<String> disagreements(Map<String, JsonNode> cpython, ImportAnalyzer.Report report) {
    Map<String, Analysis.FileResult> deli = new HashMap<>();
    report.files().forEach(f -> deli.put(f.path(), f));
    report.errors().forEach(f -> deli.put(f.path(), f));
    List<String> out = new ArrayList<>();
    for (String path : new TreeSet<>(cpython.keySet())) {
      JsonNode row = cpython.get(path);
      Analysis.FileResult mine = deli.remove(path);
      String theirs;
      boolean same;
      if (row.has("imports")) {
        Set<String> expected = new TreeSet<>();
        row.get("imports").forEach(n -> expected.add(n.asText()));
        theirs = expected.toString();
        same = mine instanceof Analysis.Imported i && new TreeSet<>(i.modules()).equals(expected);
      } else {
        theirs = row.get("kind").asText() + " error: " + row.get("reason").asText();
        same = mine instanceof Analysis.Failed f && f.problem().name().equalsIgnoreCase(row.get("kind").asText());
      }
      if (!same) {
        out.add(path + ": CPython " + theirs + ", deli " + describe(mine));
      }
    }
    deli.forEach((path, mine) -> out.add(path + ": CPython never saw it, deli " + describe(mine)));
    return out;
  }

  static String describe(Analysis.FileResult r) {
    if (r == null) {
      return "never saw it";
    }
    return r instanceof Analysis.Imported i
        ? new TreeSet<>(i.modules()).toString()
        : ((Analysis.Failed) r).problem().name().toLowerCase() + " error: " + ((Analysis.Failed) r).reason();
  }

  static Path stdlib() throws Exception {
    return Path.of(run("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").strip());
  }

  @Test
  void everyFileOfThePythonLibraryGivesWhatCPythonsAstGivesFailuresIncluded() throws Exception {
    Path root = stdlib();
    CompletableFuture<Map<String, JsonNode>> cpython = cpython(root);
    ImportAnalyzer.Report report = analyze(root);
    Map<String, JsonNode> expected = cpython.get(300, TimeUnit.SECONDS);
    assertTrue(expected.size() > 500, "the library has " + expected.size() + " files");
    List<String> differ = disagreements(expected, report);
    assertEquals(
        List.of(),
        differ.subList(0, Math.min(50, differ.size())),
        differ.size() + " of " + expected.size() + " files disagree; the first 50");
    assertEquals(expected.size(), report.searched());
  }

  @Test
  void theHandWrittenCorpusExpectsWhatCPythonGives(@TempDir Path dir) throws Exception {
    Map<String, ImportCorpus.Case> cases = new HashMap<>();
    for (ImportCorpus.Case c : ImportCorpus.cases()) {
      Files.write(dir.resolve(c.name() + ".py"), c.source());
      cases.put(c.name() + ".py", c);
    }
    Map<String, JsonNode> rows = cpython(dir).get(60, TimeUnit.SECONDS);
    List<String> wrong = new ArrayList<>();
    cases.forEach(
        (file, c) -> {
          JsonNode row = rows.get(file);
          if (c.modules() != null) {
            Set<String> got = new TreeSet<>();
            if (row.has("imports")) {
              row.get("imports").forEach(n -> got.add(n.asText()));
            }
            if (!row.has("imports") || !got.equals(new TreeSet<>(c.modules()))) {
              wrong.add(file + ": expected " + new TreeSet<>(c.modules()) + ", CPython says " + row);
            }
          } else if (!row.has("kind") || !row.get("kind").asText().equalsIgnoreCase(c.problem().name())) {
            wrong.add(file + ": expected a " + c.problem() + " error, CPython says " + row);
          }
        });
    assertEquals(List.of(), wrong);
    assertEquals(List.of(), disagreements(rows, analyze(dir)));
  }
}
