package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Fnmatch} against CPython's {@code fnmatch.fnmatchcase}, on examples and generated cases. */
class FnmatchTest {
  /** Pattern and name pairs worth keeping: the case and the counterexamples found so far. */
  static final List<String[]> EXAMPLES =
      List.of(
          new String[] {"[z-a]*.py", "a.py"}, // imports refused this pattern; Python matches nothing
          new String[] {"[!z-a]*.py", "a.py"},
          new String[] {"*.py", ".hidden.py"},
          new String[] {"[]]x", "]x"},
          new String[] {"[!]]x", "ax"},
          new String[] {"x[", "x["},
          new String[] {"[a-]", "-"},
          new String[] {"[!-a]", "-"},
          new String[] {"[a--]", "a"},
          new String[] {"[a-a]", "a"},
          new String[] {"[!a]", "!"},
          new String[] {"[c-ab-x]", "c"},
          new String[] {"[!b-ax-y]", "z"},
          new String[] {"[^a]", "^"},
          new String[] {"[\\]", "\\"},
          new String[] {"[&&a]", "&"},
          new String[] {"?", "\uD83D\uDE00"},
          new String[] {"[\uD83D\uDE00-\uD83D\uDE4F]", "\uD83D\uDE03"},
          new String[] {"*a*a*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
          // Sets at their edges: each end of a range, negated, chunked, '-' and ']' as members.
          new String[] {"[b-d]", "a"},
          new String[] {"[b-d]", "b"},
          new String[] {"[b-d]", "c"},
          new String[] {"[b-d]", "d"},
          new String[] {"[b-d]", "e"},
          new String[] {"[!b-d]", "a"},
          new String[] {"[!b-d]", "b"},
          new String[] {"[!b-d]", "d"},
          new String[] {"[!b-d]", "e"},
          new String[] {"[a-cx-z]", "c"},
          new String[] {"[a-cx-z]", "w"},
          new String[] {"[a-cx-z]", "x"},
          new String[] {"[a-cx-z]", "y"},
          new String[] {"[a-cx-z]", "z"},
          new String[] {"[a-cx-z]", "d"},
          new String[] {"[!a-cx-z]", "w"},
          new String[] {"[!a-cx-z]", "x"},
          new String[] {"[!a-cx-z]", "c"},
          new String[] {"[a-c-e]", "d"},
          new String[] {"[a-c-e]", "-"},
          new String[] {"[a-c-e]", "f"},
          new String[] {"[a-c-e]", "a"},
          new String[] {"[--0]", "-"},
          new String[] {"[--0]", "."},
          new String[] {"[--0]", "0"},
          new String[] {"[--0]", "/"},
          new String[] {"[--0]", "1"},
          new String[] {"[]-a]", "]"},
          new String[] {"[]-a]", "^"},
          new String[] {"[]-a]", "a"},
          new String[] {"[]-a]", "b"},
          new String[] {"[]-a]", "\\"},
          new String[] {"[!]-a]", "]"},
          new String[] {"[!]-a]", "^"},
          new String[] {"[!]-a]", "b"},
          new String[] {"[b-a-c]", "b"},
          new String[] {"[b-a-c]", "a"},
          new String[] {"[b-a-c]", "c"},
          new String[] {"[b-a-c]", "-"},
          new String[] {"[a-b-]", "-"},
          new String[] {"[a-b-]", "b"},
          new String[] {"[a-b-]", "c"},
          new String[] {"[!a-b-]", "-"},
          new String[] {"[!a-b-]", "c"},
          new String[] {"[ab-]", "-"},
          new String[] {"[ab-]", "b"},
          new String[] {"[!]", "[!]"},
          new String[] {"[!]", "a"},
          new String[] {"[!ab]", "a"},
          new String[] {"[!ab]", "c"},
          new String[] {"[!ab]", "!"},
          new String[] {"[a]b]", "a]b"},
          new String[] {"[a]b]", "ab"},
          new String[] {"a*b?c", "axxbyc"},
          new String[] {"a*b?c", "abc"},
          new String[] {"a*b?c", "abzc"},
          new String[] {"a*b?c", "ab"},
          new String[] {"*[b-d]", "xc"},
          new String[] {"*[b-d]", "x"},
          new String[] {"*[b-d]", "c"},
          new String[] {"**a", "a"},
          new String[] {"**a", "ba"},
          new String[] {"*", ""},
          new String[] {"", ""},
          new String[] {"", "a"},
          new String[] {"?", ""},
          new String[] {"*a", "ba"},
          new String[] {"*a", "ab"},
          new String[] {"a*", "a"},
          new String[] {"a*", ""});

  private static final String PATTERN_ALPHABET = "*?[]!-ab.z\\^&|~";
  private static final String NAME_ALPHABET = "ab.z-!]^[\\&";
  private static final int GENERATED = 600;

  private static final List<String[]> cases = new ArrayList<>();
  private static List<String> python;

  @BeforeAll
  static void askPython() throws Exception {
    Random random = new Random(20261203L);
    cases.addAll(EXAMPLES);
    for (int k = 0; k < GENERATED; k++) {
      cases.add(new String[] {draw(random, PATTERN_ALPHABET, 8), draw(random, NAME_ALPHABET, 6)});
    }
    python =
        CPython.run(
            "import sys, fnmatch\n"
                + CPython.DECODE
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    p, n = line.split(';')\n"
                + "    print(fnmatch.fnmatchcase(text(n), text(p)))\n",
            cases.stream().map(c -> CPython.codePoints(c[0]) + ";" + CPython.codePoints(c[1])).toList());
  }

  /** Up to {@code max} characters from the alphabet, now and then one beyond ASCII. */
  private static String draw(Random random, String alphabet, int max) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(max + 1); n > 0; n--) {
      int r = random.nextInt(20);
      if (r == 0) {
        s.append('é');
      } else if (r == 1) {
        s.appendCodePoint(0x1F600 + random.nextInt(3));
      } else {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
    }
    return s.toString();
  }

  private static void check(int from, int to) {
    for (int i = from; i < to; i++) {
      String[] c = cases.get(i);
      assertEquals(Boolean.parseBoolean(python.get(i).toLowerCase()), Fnmatch.of(c[0]).matches(c[1]), "fnmatchcase(" + c[1] + ", " + c[0] + ")");
    }
  }

  @Test
  void theKeptExamplesMatchAsInPython() {
    check(0, EXAMPLES.size());
  }

  @Test
  void generatedPatternsMatchGeneratedNamesAsInPython() {
    check(EXAMPLES.size(), cases.size());
  }

  @Test
  void aReversedRangeMatchesNothingAndItsNegationAnyCharacter() {
    // The pattern imports refused: Python accepts it, and it matches no name.
    assertEquals(false, Fnmatch.of("[z-a]*.py").matches("a.py"));
    assertEquals(true, Fnmatch.of("[!z-a]*.py").matches("a.py"));
  }
}
