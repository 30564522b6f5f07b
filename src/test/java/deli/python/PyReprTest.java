package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PyRepr} of a str against CPython's {@code repr}, on examples and generated strings. */
class PyReprTest {
  /** Kept examples: quotes, escapes, and the characters the two copies disagreed on. */
  static final List<String> EXAMPLES =
      List.of(
          "import", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "tab\there", "é", "日本", "nul\u0000", "\u00a0",
          "\uD83D\uDE00", "",
          "\u0085", // logserver printed it raw; Python writes '\x85'
          "\u2028", // logserver printed it raw; Python writes '\u2028'
          "\u2029\u200b\u00ad\ue000\ud800\u3000\u0378",
          "\u061d\u0870\u9ffd\uD83E\uDEF0", // assigned in Unicode 14, unknown to Java 17: printed raw
          "\u0890"); // a Cf of Unicode 14: escaped by both

  private static final int GENERATED = 400;
  private static final List<String> cases = new ArrayList<>();
  private static List<String> python;

  @BeforeAll
  static void askPython() throws Exception {
    Random random = new Random(42L);
    cases.addAll(EXAMPLES);
    for (int k = 0; k < GENERATED; k++) {
      StringBuilder s = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        int r = random.nextInt(4);
        // Mostly the ranges where printability changes: controls, Latin-1, general punctuation, anywhere.
        int cp =
            r == 0 ? random.nextInt(0x100) : r == 1 ? 0x2000 + random.nextInt(0x80) : r == 2 ? "'\"\\ a".charAt(random.nextInt(5)) : random.nextInt(0x110000);
        s.appendCodePoint(cp);
      }
      cases.add(s.toString());
    }
    python =
        CPython.run(
            "import sys\n" + CPython.DECODE + CPython.ENCODE
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    print(points(repr(text(line))))\n",
            cases.stream().map(CPython::codePoints).toList());
  }

  private static void check(int from, int to) {
    for (int i = from; i < to; i++) {
      assertEquals(python.get(i), CPython.codePoints(PyRepr.repr(cases.get(i))), "repr of " + CPython.codePoints(cases.get(i)));
    }
  }

  @Test
  void theKeptExamplesArePrintedAsPythonPrintsThem() {
    check(0, EXAMPLES.size());
  }

  @Test
  void generatedStringsArePrintedAsPythonPrintsThem() {
    check(EXAMPLES.size(), cases.size());
  }

  @Test
  void everyCodePointIsPrintableExactlyWhenPythonSaysSo() throws Exception {
    // One line for the whole range: Python answers with the code points where isprintable() is true.
    List<String> printable =
        CPython.run(
            "import sys\nsys.stdin.read()\n"
                + "print(','.join(str(c) for c in range(0x110000) if chr(c).isprintable()))\n",
            List.of(""));
    StringBuilder ours = new StringBuilder();
    for (int cp = 0; cp < 0x110000; cp++) {
      if (PyRepr.isPrintable(cp)) {
        ours.append(ours.length() == 0 ? "" : ",").append(cp);
      }
    }
    assertEquals(printable.get(0), ours.toString());
  }

  @Test
  void nextLineAndLineSeparatorAreEscaped() {
    assertEquals("'\\x85'", PyRepr.repr("\u0085"));
    assertEquals("'\\u2028'", PyRepr.repr("\u2028"));
  }
}
