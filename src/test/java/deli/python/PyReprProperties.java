package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * {@link PyRepr} of a str against CPython's {@code repr} on generated strings: quotes and
 * backslashes, controls, Latin-1, the general punctuation block, lone surrogates and any code
 * point at all. Each try is a batch, answered by one python3 process; counterexamples stay in
 * {@link PyReprTest}.
 */
class PyReprProperties {
  @Provide
  Arbitrary<List<String>> batches() {
    Arbitrary<Integer> codePoints = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.of((int) '\'', (int) '"', (int) '\\', (int) ' ', (int) 'a')),
        Tuple.of(3, Arbitraries.integers().between(0, 0xff)),
        Tuple.of(2, Arbitraries.integers().between(0x2000, 0x207f)),
        Tuple.of(1, Arbitraries.integers().between(0xd800, 0xdfff)),
        Tuple.of(3, Arbitraries.integers().between(0, 0x10ffff)));
    Arbitrary<String> strings = codePoints.list().ofMaxSize(12).map(l -> {
      StringBuilder s = new StringBuilder();
      l.forEach(s::appendCodePoint);
      return s.toString();
    });
    return strings.list().ofMinSize(1).ofMaxSize(300);
  }

  @Property(tries = 10)
  void aStrIsPrintedAsPythonsReprPrintsIt(@ForAll("batches") List<String> cases) throws Exception {
    List<String> python =
        CPython.run(
            "import sys\n" + CPython.DECODE + CPython.ENCODE
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    print(points(repr(text(line))))\n",
            cases.stream().map(CPython::codePoints).toList());
    for (int i = 0; i < cases.size(); i++) {
      assertEquals(python.get(i), CPython.codePoints(PyRepr.repr(cases.get(i))), "repr of code points " + CPython.codePoints(cases.get(i)));
    }
  }
}
