package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PyReprTest {
  @Test
  void queriesArePrintedAsPythonsReprPrintsThem() throws Exception {
    List<String> queries =
        List.of("import", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "tab\there", "é", "日本", "nul\u0000", "\u2028", "\u00a0", "\uD83D\uDE00", "\u0085", "");
    // Strings travel as code point lists, so no encoding or line break gets in the way.
    List<String> python =
        Python.run(
            "import sys\n"
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    s = ''.join(chr(int(c)) for c in line.split(',') if c)\n"
                + "    print(','.join(str(ord(c)) for c in repr(s)))\n",
            queries.stream().map(PyReprTest::codePoints).toList());
    for (int i = 0; i < queries.size(); i++) {
      assertEquals(python.get(i), codePoints(PyRepr.of(queries.get(i))), "repr of " + codePoints(queries.get(i)));
    }
  }

  private static String codePoints(String s) {
    return String.join(",", s.codePoints().mapToObj(Integer::toString).toList());
  }
}
