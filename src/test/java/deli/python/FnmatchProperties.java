package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Fnmatch} against CPython's {@code fnmatch.fnmatchcase} on generated patterns and names,
 * drawn from the characters that mean something in a pattern (and a few beyond ASCII). Each try
 * is a batch, answered by one python3 process; counterexamples stay in {@link FnmatchTest}.
 */
class FnmatchProperties {
  record Case(String pattern, String name) {
    @Override
    public String toString() {
      return "fnmatchcase(" + CPython.codePoints(name) + ", " + CPython.codePoints(pattern) + ") i.e. name '" + name + "' pattern '" + pattern + "'";
    }
  }

  private static Arbitrary<String> text(String alphabet, int max) {
    return Arbitraries.strings().withChars(alphabet + "é").withChars("\uD83D\uDE00\uD83D\uDE01".toCharArray()).ofMaxLength(max)
        .filter(s -> !hasLoneSurrogate(s));
  }

  /** Only whole emoji: jqwik draws chars, and half a pair is no str Python could be handed here. */
  private static boolean hasLoneSurrogate(String s) {
    return s.codePoints().anyMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF);
  }

  @Provide
  Arbitrary<List<Case>> batches() {
    Arbitrary<Case> one = Combinators.combine(text("*?[]!-ab.z\\^&", 8), text("ab.z-!]^[\\&", 6)).as(Case::new);
    // A name the pattern was made from, now and then: matches are rarer than misses otherwise.
    Arbitrary<Case> near = text("ab.z-!", 6).flatMap(n -> Arbitraries.integers().between(0, Math.max(0, n.length() - 1))
        .map(k -> new Case(n.isEmpty() ? "*" : n.substring(0, k) + "*" + n.substring(k + 1), n)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, one), net.jqwik.api.Tuple.of(1, near)).list().ofMinSize(1).ofMaxSize(200);
  }

  @Property(tries = 10)
  void matchesWhatPythonsFnmatchcaseMatches(@ForAll("batches") List<Case> cases) throws Exception {
    List<String> python =
        CPython.run(
            "import sys, fnmatch\n" + CPython.DECODE
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    p, n = line.split(';')\n"
                + "    print(fnmatch.fnmatchcase(text(n), text(p)))\n",
            cases.stream().map(c -> CPython.codePoints(c.pattern()) + ";" + CPython.codePoints(c.name())).toList());
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      assertEquals(Boolean.parseBoolean(python.get(i).toLowerCase()), Fnmatch.of(c.pattern()).matches(c.name()), c.toString());
    }
  }
}
