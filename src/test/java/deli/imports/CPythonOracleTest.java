package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import deli.core.DeliConfig;
import deli.trace.Trace;
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

  @BeforeAll
  static void python311() throws Exception {
    CPython.assume311();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
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

  @Test
  void everyFileOfThePythonLibraryGivesWhatCPythonsAstGivesFailuresIncluded() throws Exception {
    Path root = CPython.stdlib();
    CompletableFuture<Map<String, JsonNode>> cpython = CPython.ast(root);
    ImportAnalyzer.Report report = analyze(root);
    Map<String, JsonNode> expected = cpython.get(deli.testing.Await.scaled(Duration.ofSeconds(300)).toSeconds(), TimeUnit.SECONDS);
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
    Map<String, JsonNode> rows = CPython.ast(dir).get(60, TimeUnit.SECONDS);
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
