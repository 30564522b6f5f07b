package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line's checks, which run before any actor does. */
class SearchCommandTest {
  private record Run(int exit, String err) {}

  private static synchronized Run run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Run(Main.execute(args), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
    }
  }

  @Test
  void badFlagsAreUsageErrorsInOneLineWithExitTwo() {
    List<String[]> bad =
        List.of(
            new String[] {"search", "--nope", "x"},
            new String[] {"search", "--shards", "0", "x"},
            new String[] {"search", "--shards", "many", "x"},
            new String[] {"search", "--shards", "2000", "x"},
            new String[] {"search", "-E", "(", "x"},
            new String[] {"search", "--regex", "a{2,1}"},
            new String[] {"search", "--limit", "-1", "x"},
            new String[] {"search", "-m", "lots", "x"},
            new String[] {"search", "--repeat", "0", "x"},
            new String[] {"search", "--timeout", "soon", "x"},
            new String[] {"search", "--timeout", "0", "x"},
            new String[] {"search", "--pattern", "", "x"},
            new String[] {"search", "a\nb"});
    for (String[] args : bad) {
      Run r = run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("deli search: "), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertTrue(run("search", "-E", "(", "x").err().contains("bad regex '(': Unclosed group"));
  }

  @Test
  void helpNamesEveryFlag() {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.execute("search", "--help"));
    } finally {
      System.setOut(saved);
    }
    String help = out.toString(StandardCharsets.UTF_8);
    for (String flag : List.of("--root", "--pattern", "--skip", "--shards", "--index", "--count", "--limit", "--ignore-case", "--regex", "--repeat", "--timeout", "--trace", "--regexp", "--word-regexp", "--invert-match", "--only-matching", "--files-with-matches", "--files-without-match", "--line-number", "--no-line-number", "--with-filename", "--no-filename", "--color")) {
      assertTrue(help.contains(flag), flag + " in " + help);
    }
  }
}
