package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportAnalyzerTest {
  static final ActorTestKit testKit = ActorTestKit.create("ImportAnalyzerTest", DeliConfig.load());
  static final List<String> SKIP = List.of(".tox", ".mypy_cache", "__pycache__", ".idea");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static void write(Path root, String path, String source) throws Exception {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source, StandardCharsets.UTF_8);
  }

  /** Every event of one run, up to and including its report. */
  static List<ImportAnalyzer.Event> run(ImportsSettings settings) {
    TestProbe<ImportAnalyzer.Event> listener = testKit.createTestProbe();
    testKit.spawn(ImportAnalyzer.create(settings, Trace.start("test"), listener.getRef()));
    List<ImportAnalyzer.Event> events = new ArrayList<>();
    while (events.isEmpty() || !(events.get(events.size() - 1) instanceof ImportAnalyzer.Report)) {
      events.add(listener.receiveMessage(Duration.ofSeconds(30)));
    }
    return events;
  }

  static ImportAnalyzer.Report report(ImportsSettings settings) {
    List<ImportAnalyzer.Event> events = run(settings);
    return (ImportAnalyzer.Report) events.get(events.size() - 1);
  }

  static ImportsSettings settings(Path root, int workers, int batch) {
    return new ImportsSettings(root.toString(), "*.py", "typing", SKIP, workers, batch, 1, false);
  }

  @Test
  void filesComeBackSortedByPathPartsWithFocusAndFailuresCountedApart(@TempDir Path root) throws Exception {
    write(root, "b.py", "import typing\n");
    write(root, "a.py", "import os\n");
    write(root, "a/z.py", "from . import y\n");
    write(root, "a.b/c.py", "print 'py2'\n");
    write(root, "notes.txt", "import nothing\n");
    write(root, "__pycache__/cached.py", "import skipped\n");
    write(root, ".tox/env.py", "import skipped\n");
    ImportAnalyzer.Report r = report(settings(root, 2, 1));
    // Python sorts Paths part by part: 'a' < 'a.b' < 'a.py' < 'b.py'.
    assertEquals(List.of("a/z.py", "a.py", "b.py"), r.files().stream().map(Analysis.Imported::path).toList());
    assertEquals(List.of(List.of(), List.of("os"), List.of("typing")), r.files().stream().map(Analysis.Imported::modules).toList());
    assertEquals(List.of(false, false, true), r.files().stream().map(Analysis.Imported::focus).toList());
    assertEquals(1, r.errors().size());
    assertEquals("a.b/c.py", r.errors().get(0).path());
    assertEquals(Analysis.Problem.SYNTAX, r.errors().get(0).problem());
    assertEquals(4, r.searched());
  }

  @Test
  void manyFilesAcrossManyWorkersAreEachAnalyzedOnce(@TempDir Path root) throws Exception {
    for (int i = 0; i < 500; i++) {
      write(root, "pkg" + (i % 7) + "/m" + i + ".py", "import dep" + i + "\nfrom typing import Any\n");
    }
    for (int workers : new int[] {1, 3, 8}) {
      ImportAnalyzer.Report r = report(settings(root, workers, 5));
      assertEquals(500, r.files().size());
      assertEquals(500, r.files().stream().map(Analysis.Imported::path).distinct().count());
      assertTrue(r.files().stream().allMatch(f -> f.focus() && f.modules().size() == 2));
    }
  }

  @Test
  void anEmptyTreeIsSearchedInNoTime(@TempDir Path root) {
    ImportAnalyzer.Report r = report(settings(root, 2, 32));
    assertEquals(0, r.searched());
    assertEquals(0.0, r.msPerFile());
    assertEquals(List.of(), r.files());
  }

  @Test
  void aRepeatedRunReportsEachEarlierRunThenTheLast(@TempDir Path root) throws Exception {
    write(root, "a.py", "import os\n");
    List<ImportAnalyzer.Event> events = run(new ImportsSettings(root.toString(), "*.py", "typing", SKIP, 2, 32, 3, false));
    List<Integer> rounds =
        events.stream().filter(ImportAnalyzer.RoundDone.class::isInstance).map(e -> ((ImportAnalyzer.RoundDone) e).round()).toList();
    assertEquals(List.of(1, 2), rounds);
    ImportAnalyzer.Report r = (ImportAnalyzer.Report) events.get(events.size() - 1);
    assertEquals(3, r.rounds());
    assertEquals(1, r.files().size());
  }

  @Test
  void theFocusAndThePatternAreTheCallers(@TempDir Path root) throws Exception {
    write(root, "a.pyi", "import os\n");
    write(root, "b.py", "import json\n");
    ImportAnalyzer.Report r = report(new ImportsSettings(root.toString(), "*.pyi", "os", SKIP, 1, 32, 1, false));
    assertEquals(List.of("a.pyi"), r.files().stream().map(Analysis.Imported::path).toList());
    assertTrue(r.files().get(0).focus());
  }

  @Test
  void filesThatCannotBeReadAreReportedAndTheRunStillEnds(@TempDir Path root) throws Exception {
    write(root, "ok.py", "import os\n");
    Files.createSymbolicLink(root.resolve("broken.py"), root.resolve("nowhere.py"));
    Process mkfifo = new ProcessBuilder("mkfifo", root.resolve("pipe.py").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    ImportAnalyzer.Report r = report(settings(root, 2, 1));
    assertEquals(List.of("ok.py"), r.files().stream().map(Analysis.Imported::path).toList());
    assertEquals(
        List.of(
            new Analysis.Failed("broken.py", Analysis.Problem.READ, "OSError: no such file or directory"),
            new Analysis.Failed("pipe.py", Analysis.Problem.READ, "OSError: not a regular file")),
        r.errors());
    assertEquals(3, r.searched());
  }
}
