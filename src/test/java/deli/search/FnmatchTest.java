package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FnmatchTest {
  static final List<String> PATTERNS =
      List.of("*.py", "*", "?.py", "test_*.py", "[abc]*", "[!abc]*", "[a-c]?", "*.[ch]", "[]]x", "[!]]x", "x[", "a*b*c", ".*", "*.PY", "[z-a]", "[!z-a]", "\\*", "*[.]py", "a\\b", "[*]");
  static final List<String> NAMES =
      List.of("a.py", ".hidden.py", "x.py", "test_x.py", "abc", "dx", "b1", "c.h", "c.c", "]x", "ax", "x[", "abc", "aXbYc", ".x", "A.PY", "z", "*", "a\\b", "ab");

  @Test
  void patternsMatchNamesAsPythonsFnmatchDoes() throws Exception {
    List<String> input = new ArrayList<>();
    List<Boolean> ours = new ArrayList<>();
    for (String p : PATTERNS) {
      Fnmatch f = Fnmatch.of(p);
      for (String n : NAMES) {
        input.add(p + "\t" + n);
        ours.add(f.matches(n));
      }
    }
    List<String> python =
        Python.run(
            "import sys, fnmatch\n"
                + "for line in sys.stdin.read().splitlines():\n"
                + "    p, n = line.split('\\t')\n"
                + "    print(fnmatch.fnmatchcase(n, p))\n",
            input);
    for (int i = 0; i < input.size(); i++) {
      assertEquals(Boolean.parseBoolean(python.get(i).toLowerCase()), ours.get(i), input.get(i));
    }
  }
}
