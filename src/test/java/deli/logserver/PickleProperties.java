package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import deli.python.CPython;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.pekko.util.ByteString;

/**
 * The log server's decoder on pickles CPython made of generated records, in every protocol
 * (0 to 5), against CPython's own {@code json.dumps(record, default=str)} of the record: what
 * the chapter's {@code serialize} would have written. Each try is a batch of records, so one
 * python3 process answers them all.
 */
class PickleProperties {
  private static final int PROTOCOLS = 6;

  /** A Python literal for {@code s}: printable ASCII as itself, anything else escaped. */
  static String str(String s) {
    StringBuilder b = new StringBuilder("'");
    s.codePoints().forEach(cp -> {
      if (cp >= 0x20 && cp < 0x7f && cp != '\'' && cp != '\\') {
        b.append((char) cp);
      } else {
        b.append(String.format("\\U%08x", cp));
      }
    });
    return b.append('\'').toString();
  }

  private static Arbitrary<String> strings() {
    return Arbitraries.strings().withChars("ab Z'\"\\\n\t\u0000é\u00ff日\u2028").withCharRange((char) 0x20, (char) 0x7e)
        .ofMaxLength(12).map(PickleProperties::str)
        .injectDuplicates(0.2);
  }

  private static Arbitrary<String> leaves() {
    Arbitrary<String> ints = Arbitraries.oneOf(
        Arbitraries.integers().between(-300, 300).map(String::valueOf),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigIntegers().between(java.math.BigInteger.TWO.pow(300).negate(), java.math.BigInteger.TWO.pow(300)).map(String::valueOf));
    Arbitrary<String> floats = Arbitraries.oneOf(
        Arbitraries.doubles().map(d -> "float('" + d + "')"),
        Arbitraries.of("0.1", "-0.0", "1e300", "5e-324", "1e16", "123456789.125", "float('inf')", "float('-inf')", "float('nan')"));
    Arbitrary<String> bytes = Arbitraries.bytes().list().ofMaxSize(8)
        .map(l -> "bytes([" + l.stream().map(b -> String.valueOf(b & 0xff)).collect(Collectors.joining(", ")) + "])");
    return Arbitraries.frequencyOf(
        Tuple.of(4, strings()), Tuple.of(3, ints), Tuple.of(2, floats), Tuple.of(1, Arbitraries.of("True", "False", "None")),
        Tuple.of(1, bytes), Tuple.of(1, bytes.map(b -> "bytearray(" + b + ")")));
  }

  private static Arbitrary<String> values(int depth) {
    if (depth == 0) {
      return leaves();
    }
    Arbitrary<String> inner = values(depth - 1);
    Arbitrary<List<String>> items = inner.list().ofMaxSize(4);
    Arbitrary<String> setItems = Arbitraries.oneOf(Arbitraries.integers().between(-5, 70000).map(String::valueOf), strings()).list().ofMaxSize(4)
        .map(l -> String.join(", ", l));
    return Arbitraries.frequencyOf(
        Tuple.of(6, leaves()),
        Tuple.of(1, items.map(l -> "[" + String.join(", ", l) + "]")),
        Tuple.of(1, items.map(l -> "(" + String.join(", ", l) + (l.size() == 1 ? ",)" : ")"))),
        Tuple.of(1, dicts(inner)),
        Tuple.of(1, setItems.map(s -> "set([" + s + "])")),
        Tuple.of(1, setItems.map(s -> "frozenset([" + s + "])")));
  }

  /** A dict: mostly str keys, now and then an int, float, bool or None key, which json.dumps turns into a str. */
  private static Arbitrary<String> dicts(Arbitrary<String> values) {
    Arbitrary<String> keys = Arbitraries.frequencyOf(
        Tuple.of(8, strings()), Tuple.of(1, Arbitraries.integers().between(-99, 99).map(String::valueOf)),
        Tuple.of(1, Arbitraries.of("None", "True", "False", "2.5", "float('inf')")));
    return Combinators.combine(keys, values).as((k, v) -> k + ": " + v).list().ofMaxSize(5)
        .map(l -> "{" + String.join(", ", l) + "}");
  }

  @Provide
  Arbitrary<List<String>> batches() {
    return dicts(values(2)).list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 12)
  void everyProtocolsPickleOfARecordIsWrittenAsJsonDumpsWritesIt(@ForAll("batches") List<String> records) throws Exception {
    List<String> python = CPython.run(
        "import sys, pickle, json\n"
            + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
            + "    r = eval(line)\n"
            + "    print(' '.join([json.dumps(r, default=str)] + [pickle.dumps(r, p).hex() for p in range(" + PROTOCOLS + ")]))\n",
        records);
    for (int i = 0; i < records.size(); i++) {
      check(records.get(i), python.get(i));
    }
  }

  /** One answer of the script: the JSON line, then the pickle of each protocol in hex. */
  static void check(String record, String answer) {
    String[] words = answer.split(" ");
    String json = String.join(" ", List.of(words).subList(0, words.length - PROTOCOLS));
    for (int protocol = 0; protocol < PROTOCOLS; protocol++) {
      int p = protocol;
      byte[] pickle = HexFormat.of().parseHex(words[words.length - PROTOCOLS + p]);
      Chunk c = new RecordDecoder(new JsonLines()).decode(List.of(ByteString.fromArray(LogServerTest.frame(pickle))), null);
      assertNull(c.error(), () -> "protocol " + p + " of " + record + ": " + c.error().getMessage());
      assertEquals(json + "\n", new String(c.bytes(), StandardCharsets.US_ASCII), "protocol " + p + " of " + record);
    }
  }
}
