package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Differential testing against CPython on broken code: windows of the Python library's files,
 * each damaged by a few random edits (a character dropped or doubled, a quote, a bracket, a
 * backslash, a tab, a keyword, a stray byte inserted). deli may miss a grammar error beyond its
 * reach, but it must never refuse a file CPython accepts, and where both accept a file they
 * must find the same imports.
 */
class MutatedSourcesTest {
  private static final String[] INSERTS = {
    " ", "\t", "\\\n", "(", ")", "'", "\"", "#", ":", "\n", "import x.y", "from . import y", "from .a import b",
    ";", "\f", "\r", "0", "1_", "b'", "f'", "\u00e9", "\\", "    ", "\n    ", "[", "]", "{", "}", "@", "...", ".",
    ",", "'''", "\"\"\"", "\r\n", "import", "from", " as ", "lambda", "if x:", "print ", "0x", "1e", "00", "u'",
    "rb'", "\\N{", "\\x", "$", "!", "<>", "->", ":=", "async ", "match ", "case ", "\u00a0", "\ufb01"
  };

  @Test
  void noFileCPythonAcceptsIsRefusedAndBothFindTheSameImports(@TempDir Path dir) throws Exception {
    CPython.assume311();
    List<Path> library;
    try (Stream<Path> files = Files.walk(CPython.stdlib())) {
      library = files.filter(p -> p.toString().endsWith(".py") && !p.toString().contains("__pycache__")).sorted().toList();
    }
    Path cases = Files.createDirectories(dir.resolve("cases"));
    Random random = new Random(20261124);
    for (int i = 0; i < 1500; i++) {
      Files.write(cases.resolve(String.format("case%04d.py", i)), mutate(Files.readAllBytes(library.get(random.nextInt(library.size()))), random));
    }
    Map<String, JsonNode> cpython = CPython.ast(cases).get(120, TimeUnit.SECONDS);
    List<String> wrong = new ArrayList<>();
    int refusedByBoth = 0;
    for (Map.Entry<String, JsonNode> e : cpython.entrySet()) {
      byte[] source = Files.readAllBytes(cases.resolve(e.getKey()));
      JsonNode row = e.getValue();
      try {
        Set<String> mine = new TreeSet<>(ImportScanner.scan(source, false).modules());
        if (row.has("imports")) {
          Set<String> theirs = new TreeSet<>();
          row.get("imports").forEach(n -> theirs.add(n.asText()));
          if (!mine.equals(theirs)) {
            wrong.add(e.getKey() + ": CPython " + theirs + ", deli " + mine);
          }
        }
      } catch (PythonSyntaxError refused) {
        if (row.has("imports")) {
          wrong.add(e.getKey() + ": CPython accepts it, deli refuses it: " + refused.reason());
        } else {
          refusedByBoth++;
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(refusedByBoth > 500, "most damaged files are refused by both, here " + refusedByBoth);
  }

  /** A window of up to 40 lines of {@code source}, with one to three random edits. */
  static byte[] mutate(byte[] source, Random random) {
    String text = new String(source, StandardCharsets.ISO_8859_1); // bytes kept as they are
    List<String> lines = Arrays.asList(text.split("(?<=\n)"));
    if (lines.size() > 40) {
      int from = random.nextInt(lines.size() - 40);
      lines = lines.subList(from, from + 40);
    }
    StringBuilder b = new StringBuilder(String.join("", lines));
    for (int k = 1 + random.nextInt(3); k > 0 && b.length() > 0; k--) {
      int at = random.nextInt(b.length());
      double r = random.nextDouble();
      if (r < 0.3) {
        b.deleteCharAt(at);
      } else if (r < 0.4) {
        b.insert(at, b.charAt(at));
      } else {
        byte[] insert = INSERTS[random.nextInt(INSERTS.length)].getBytes(StandardCharsets.UTF_8);
        b.insert(at, new String(insert, StandardCharsets.ISO_8859_1));
      }
    }
    return b.toString().getBytes(StandardCharsets.ISO_8859_1);
  }
}
