package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's own answers, in this JVM: what is not a command, a failure, the version. */
class MainTest {
  private record Ran(int code, String out, String err) {}

  private static Ran run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.execute(args);
      return new Ran(code, o.toString(StandardCharsets.UTF_8).strip(), e.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aWordThatIsNoCommandIsNamedAsSuch() {
    Ran r = run("frobnicate");
    assertEquals(2, r.code());
    assertEquals("deli: unknown command 'frobnicate' (see 'deli --help')", r.err());
  }

  @Test
  void anUnknownFlagIsAUsageErrorInOneLine() {
    Ran r = run("--frobnicate");
    assertEquals(2, r.code());
    assertEquals("deli: unknown option '--frobnicate' (see 'deli --help')", r.err());
  }

  @Test
  void aProgramsFailureIsOneLineWithExitCodeOne(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("t.jsonl"), "not a trace line\n");
    Ran r = run("trace", empty.toString());
    assertEquals(1, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("deli trace: no trace lines in "), r.err());
  }

  @Test
  void theVersionNamesDeliJavaAndPekko() {
    Ran r = run("--version");
    assertEquals(0, r.code());
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length, r.out());
    assertTrue(lines[0].matches("deli \\S+"), lines[0]);
    assertTrue(lines[1].startsWith("Java " + System.getProperty("java.version") + ", Pekko "), lines[1]);
  }

  @Test
  void aCommandLineBuildsOnlyTheCommandItNamesAndHelpListsThemAll() {
    assertEquals(java.util.List.of("factor"), java.util.List.copyOf(Main.commandLine("factor", "42").getSubcommands().keySet()));
    java.util.List<String> all =
        java.util.List.of("chefs", "sleepers", "cpu", "imports", "logserver", "logclient", "factor", "philosophers", "search", "tune", "node", "weather", "trace");
    assertEquals(all, java.util.List.copyOf(Main.commandLine().getSubcommands().keySet()));
    assertEquals(all, java.util.List.copyOf(Main.commandLine("--help").getSubcommands().keySet()));
    assertEquals(all, java.util.List.copyOf(Main.commandLine("facto").getSubcommands().keySet()), "a typo is told among all the names");
    assertEquals(0, Main.commandLine("--version").getSubcommands().size(), "the version needs no command");
    Ran help = run("--help");
    assertEquals(0, help.code());
    for (String name : all) {
      assertTrue(help.out().contains("\n  " + name + " "), name + " listed in: " + help.out());
    }
    Ran factor = run("factor", "--frobnicate");
    assertEquals(2, factor.code());
    assertEquals("deli factor: unknown option '--frobnicate' (see 'deli factor --help')", factor.err());
  }

  @Test
  void anUnknownOptionIsNamedAloneAsTypedWithTheNearestKnownOne() {
    Ran chefs = run("chefs", "--chefz", "2");
    assertEquals(2, chefs.code());
    assertEquals("deli chefs: unknown option '--chefz', did you mean '--chefs'? (see 'deli chefs --help')", chefs.err());
    Ran node = run("node", "--htp-port=1");
    assertEquals(2, node.code());
    assertEquals("deli node: unknown option '--htp-port=1', did you mean '--http-port'? (see 'deli node --help')", node.err());
    Ran far = run("chefs", "--zzzzzzzz");
    assertEquals("deli chefs: unknown option '--zzzzzzzz' (see 'deli chefs --help')", far.err(), "no option near it, none named");
    assertEquals("--http-port", Main.nearest("--htp-port", java.util.List.of("--http-host", "--http-port")), "one edit, not two");
    assertEquals("--ab", Main.nearest("--a", java.util.List.of("--ab", "--ac")), "the first of equals");
    assertEquals(null, Main.nearest("--a", java.util.List.of()));
  }

  @Test
  void anOptionWithoutItsValueIsNamedAsTyped() {
    Ran root = run("search", "--root");
    assertEquals(2, root.code());
    assertEquals("deli search: --root needs a value (DIR) (see 'deli search --help')", root.err());
    Ran m = run("search", "import", "-m");
    assertEquals("deli search: -m needs a value (N) (see 'deli search --help')", m.err());
  }
}
