package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deli search} with grep's flags prints what GNU grep prints with the same flags on the
 * same tree ({@code grep -r}, lines right-stripped, deli's summary lines left out), and exits
 * as grep exits: 0 when a line was selected, 1 when none was, 2 on an error.
 */
class SearchGrepCommandTest {
  @TempDir static Path tree;

  @BeforeAll
  static void makeTree() throws Exception {
    GeneratedTree.write(tree, 120, 23);
    Files.writeString(tree.resolve("arrows.py"), "def f() -> int:\n    return -x\n");
  }

  record Run(int exit, List<String> out, String err) {}

  static Run deli(List<String> args) {
    return deli(tree, args);
  }

  /** deli in this JVM over {@code root}, its stdout and stderr caught. */
  static synchronized Run deli(Path root, List<String> args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    int exit;
    try {
      List<String> all = new ArrayList<>(List.of("search", "--shards", "2"));
      if (!args.contains("--root")) {
        all.addAll(List.of("--root", root.toString()));
      }
      all.addAll(args);
      exit = Main.execute(all.toArray(String[]::new));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    List<String> lines = o.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("Found ")).toList();
    return new Run(exit, lines, e.toString(StandardCharsets.UTF_8));
  }

  /** GNU grep -r over the same files (deli's pattern and skipped directories), its lines right-stripped. */
  static Run grep(List<String> args, Path root) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("grep", "-ra", "--include=*.py"));
    Grep.SKIPPED.forEach(d -> cmd.add("--exclude-dir=" + d));
    cmd.addAll(args);
    cmd.add(root.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().remove("GREP_COLORS");
    Process p = pb.start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (java.io.IOException x) {
        return new byte[0];
      }
    });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    return new Run(code, out.lines().map(Grep::rstrip).toList(), new String(err.join(), StandardCharsets.UTF_8));
  }

  static List<String> sorted(List<String> lines) {
    List<String> s = new ArrayList<>(lines);
    s.sort(Comparator.naturalOrder());
    return s;
  }

  /** deli's flags and grep's for the same output (deli numbers lines unless told not to; grep -c prints files with none too). */
  record Case(List<String> deli, List<String> grep) {}

  static Case same(String... flags) {
    List<String> g = new ArrayList<>(List.of("-n"));
    g.addAll(List.of(flags));
    return new Case(List.of(flags), g);
  }

  static final List<Case> CASES =
      List.of(
          same(),
          same("-w"),
          same("-v"),
          same("-o"),
          same("-o", "-i", "-w"),
          same("-l"),
          same("-L"),
          same("-l", "-v"),
          same("-c"),
          same("-c", "-v", "-w"),
          same("-h"),
          same("-H"),
          new Case(List.of("--no-line-number"), List.of()),
          new Case(List.of("-n", "-h", "--no-line-number"), List.of("-h")),
          // Where a later flag undoes an earlier one, the last typed wins, as in grep.
          same("-l", "-L"),
          same("-L", "-l"),
          same("-H", "-h"),
          same("-h", "-H"),
          new Case(List.of("--no-line-number", "-n"), List.of("-n")),
          same("-m", "2", "-i"),
          same("--color=always"),
          same("--color=always", "-o"),
          same("--color=always", "-l"),
          same("--color=always", "-c"),
          same("--color=always", "-w", "-i", "-h"),
          same("--color=never"),
          same("--color"),
          same("--colour", "-c"));

  @Test
  void everyFlagPrintsWhatGrepPrintsAndExitsAsGrepExits() throws Exception {
    for (String q : List.of("import", "x", "é", "日本", "not-in-the-tree")) {
      for (Case c : CASES) {
        List<String> d = new ArrayList<>(c.deli());
        d.addAll(List.of("--", q));
        List<String> g = new ArrayList<>(c.grep());
        g.addAll(List.of("-e", q));
        Run deli = deli(d);
        Run grep = grep(g, tree);
        String where = c.deli() + " " + q;
        List<String> expected = grep.out();
        if (c.deli().contains("-c")) {
          // deli -c prints only the files with a count (as it always has); grep prints every file.
          expected = expected.stream().filter(l -> !l.endsWith(":0") && !l.endsWith(":\033[m\033[K0")).toList();
        }
        SearchClusterTest.assertSameLines(sorted(expected), sorted(deli.out()), where);
        assertEquals(grep.exit(), deli.exit(), where + ": " + deli.err());
      }
    }
  }

  @Test
  void linesComeInPathThenLineOrderAndGrepsFileOrderWithinEach() throws Exception {
    Run deli = deli(List.of("import"));
    // Queries on the command line are searched as the files are read; with --index the tree is held.
    assertTrue(deli.err().contains("each searched as it was read and none kept in memory"), deli.err());
    Run held = deli(List.of("--index", "import"));
    assertTrue(held.err().matches("(?s).*loaded \\d+ files .* into 2 shards in .* s \\(indexing .* in memory.*"), held.err());
    assertEquals(deli.out(), held.out());
    // Several queries: each answered from the one scan, in the order given.
    Run two = deli(List.of("zipimporter", "import", "absent"));
    assertEquals(0, two.exit(), two.err());
    List<String> zip = deli(List.of("zipimporter")).out();
    List<String> both = new ArrayList<>(zip);
    both.addAll(deli.out());
    assertEquals(both, two.out());
    List<String> expected = new ArrayList<>(grep(List.of("-n", "-e", "import"), tree).out());
    // grep walks directories in the order the filesystem lists them; deli sorts paths. A stable
    // sort by path keeps grep's line order within each file.
    expected.sort(Comparator.comparing(l -> l.substring(0, l.indexOf(':'))));
    assertEquals(expected, deli.out());
  }

  @Test
  void severalPatternsWithDashEAndPatternsStartingWithADashAfterDoubleDash() throws Exception {
    for (List<String> flags : List.of(List.of("-e", "import", "-e", "class"), List.of("-e", "->", "-e", "-x", "-w"), List.of("-E", "-e", "imp[o]rt|def", "-e", "λ"))) {
      Run deli = deli(flags);
      List<String> g = new ArrayList<>(List.of("-n"));
      g.addAll(flags);
      Run grep = grep(g, tree);
      SearchClusterTest.assertSameLines(sorted(grep.out()), sorted(deli.out()), flags.toString());
      assertEquals(grep.exit(), deli.exit(), flags.toString());
    }
    Run dashed = deli(List.of("--", "-> int"));
    assertEquals(List.of(tree + "/arrows.py:1:def f() -> int:"), dashed.out());
    Run both = deli(List.of("-e", "import", "class"));
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("with -e, give every pattern with -e: 'class' is not one"), both.err());
  }

  @Test
  void aRootThatCannotBeReadAndABadColourAreErrorsWithGrepsExitCode() throws Exception {
    Run missing = deli(List.of("--root", tree.resolve("nope").toString(), "import"));
    Run grepMissing = grep(List.of("import"), tree.resolve("nope"));
    assertEquals(2, grepMissing.exit());
    assertEquals(2, missing.exit());
    assertEquals("deli search: no such directory: " + tree.resolve("nope"), missing.err().strip());
    Run colour = deli(List.of("--color=sometimes", "import"));
    assertEquals(2, colour.exit());
    assertTrue(colour.err().startsWith("deli search: --color must be auto, always or never, not 'sometimes'"), colour.err());
    // A bare --color is auto: the word after it is a query, as in grep (--color never searches for "never").
    Run bare = deli(List.of("--color", "import"));
    assertEquals(0, bare.exit(), bare.err());
    assertEquals(deli(List.of("import")).out(), bare.out());
    Run never = deli(List.of("--color", "never"));
    assertEquals(grep(List.of("--color", "never"), tree).exit(), never.exit(), never.err());
    assertEquals(List.of(), never.out(), never.err());
  }
}
