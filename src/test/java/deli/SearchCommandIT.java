package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli search} as a user runs it: the built jar, a small tree, real output. */
class SearchCommandIT {
  private static void tree(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("pkg/__pycache__"));
    Files.writeString(dir.resolve("a.py"), "import os\nclass A:   \n    def f(self):\n        return 'é'\n");
    Files.writeString(dir.resolve("pkg/b.py"), "from os import path\nIMPORT = 1\n");
    Files.writeString(dir.resolve("pkg/__pycache__/c.py"), "import skipped\n");
    Files.writeString(dir.resolve("notes.txt"), "import nothing\n");
    Files.write(dir.resolve("pkg/latin.py"), "# caf\u00e9 import\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.createSymbolicLink(dir.resolve("gone.py"), dir.resolve("nowhere"));
  }

  @Test
  void searchPrintsEachMatchingLineWithFileAndNumberThenTheChaptersSummary(@TempDir Path dir) throws Exception {
    tree(dir);
    Deli.Result r = Deli.run("search", "--root", dir.toString(), "--shards", "2", "import", "é", "absent");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertEquals(dir + "/a.py:1:import os", out.get(0));
    assertEquals(dir + "/pkg/b.py:1:from os import path", out.get(1));
    assertTrue(out.get(2).startsWith(dir + "/pkg/latin.py:1:# caf"), out.get(2));
    assertTrue(out.get(3).matches("Found 3 'import' in 3 files in \\d+\\.\\d{3} ms"), out.get(3));
    assertEquals(dir + "/a.py:4:        return 'é'", out.get(4));
    assertTrue(out.get(5).matches("Found 1 'é' in 3 files in \\d+\\.\\d{3} ms"), out.get(5));
    assertTrue(out.get(6).matches("Found 0 'absent' in 3 files in \\d+\\.\\d{3} ms"), out.get(6));
    assertEquals(7, out.size(), r.out());
    // Loading is reported on stderr, apart from the queries.
    assertTrue(r.err().contains("cannot read " + dir + "/gone.py: no such file"), r.err());
    assertTrue(r.err().matches("(?s).*loaded 3 files \\(.*, 7 lines\\) into 2 shards in \\d+\\.\\d{3} s.*1 file is not UTF-8.*1 cannot be read.*"), r.err());
  }

  @Test
  void queriesAreReadFromStdinWhenNoneAreGiven(@TempDir Path dir) throws Exception {
    tree(dir);
    Process p = Deli.start("search", "--root", dir.toString(), "--index", "-i");
    try (var in = p.getOutputStream()) {
      in.write("import\n\n  \nclass a\n".getBytes(StandardCharsets.UTF_8));
    }
    Deli.Result r = Deli.finish(p, 120);
    assertEquals(0, r.exit(), r.err());
    List<String> found = r.out().lines().filter(l -> l.startsWith("Found ")).toList();
    assertEquals(2, found.size(), r.out());
    assertTrue(found.get(0).startsWith("Found 4 'import' in 3 files"), r.out());
    assertTrue(found.get(1).startsWith("Found 1 'class a' in 3 files"), r.out());
    assertTrue(r.out().contains(dir + "/pkg/b.py:2:IMPORT = 1"), r.out());
  }

  @Test
  void countLimitAndRegexWorkLikeGrepsFlags(@TempDir Path dir) throws Exception {
    tree(dir);
    Deli.Result c = Deli.run("search", "--root", dir.toString(), "-c", "o");
    assertEquals(0, c.exit(), c.err());
    assertEquals(
        List.of(dir + "/a.py:1", dir + "/pkg/b.py:1", dir + "/pkg/latin.py:1"),
        c.out().lines().filter(l -> !l.startsWith("Found")).toList());
    Deli.Result m = Deli.run("search", "--root", dir.toString(), "-m", "1", "-E", "^( |i)");
    assertEquals(List.of(dir + "/a.py:1:import os"), m.out().lines().filter(l -> !l.startsWith("Found")).toList());
    assertTrue(m.out().contains("Found 1 '^( |i)' in 3 files"), m.out());
  }

  @Test
  void repeatedQueriesPrintTheirLinesOnceAndTheirMedians(@TempDir Path dir) throws Exception {
    tree(dir);
    Deli.Result r = Deli.run("search", "--root", dir.toString(), "--repeat", "3", "import", "class");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.out().lines().toList();
    assertEquals(1, out.stream().filter(l -> l.endsWith(":import os")).count(), "the lines are printed once: " + r.out());
    assertEquals(3, out.stream().filter(l -> l.startsWith("Found 3 'import'")).count(), r.out());
    assertTrue(out.stream().anyMatch(l -> l.matches("'import': median \\d+\\.\\d{3} ms, min .* over 2 runs after the first \\(the slowest shard's scan: median \\d+\\.\\d{3} ms\\)")), r.out());
    assertTrue(out.stream().anyMatch(l -> l.matches("'class': median \\d+\\.\\d{3} ms, min .* over 2 runs after the first \\(the slowest shard's scan: median \\d+\\.\\d{3} ms\\)")), r.out());
  }

  @Test
  void aBadFlagIsAUsageErrorAndAMissingRootAnErrorBothExitingTwoAsGrepDoes(@TempDir Path dir) throws Exception {
    Deli.Result bad = Deli.run("search", "--shards", "0", "x");
    assertEquals(2, bad.exit(), bad.err());
    assertEquals("deli search: --shards must be 1 to 1024, not 0 (see 'deli search --help')", bad.err().strip());
    Deli.Result missing = Deli.run("search", "--root", dir.resolve("nope").toString(), "x");
    // grep's exit code for a tree it cannot read.
    assertEquals(2, missing.exit(), missing.err());
    assertEquals("deli search: no such directory: " + dir.resolve("nope"), missing.err().strip());
    assertFalse(missing.err().contains("Exception"));
  }
}
