package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The trigram index never changes an answer, only its cost: over generated files, a search of
 * the indexed shard returns exactly what a plain scan of the same files returns, for queries cut
 * from the files, changed in case, or not in them at all, with small chunks so every way the
 * index narrows a query is taken.
 */
class TrigramIndexProperties {
  @Provide
  Arbitrary<List<String>> files() {
    Arbitrary<String> line = Arbitraries.strings().withChars("abcAB _=(:é\t").ofMaxLength(40);
    return line.list().ofMaxSize(60).map(ls -> String.join("\n", ls)).list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 60)
  void anIndexedShardAnswersAsAPlainScanDoes(
      @ForAll("files") List<String> files,
      @ForAll @IntRange(min = 0, max = 1 << 20) int pick,
      @ForAll @IntRange(min = 1, max = 10) int length,
      @ForAll boolean ignoreCase,
      @ForAll boolean swapCase) throws Exception {
    Path dir = Files.createTempDirectory("trigram");
    try {
      for (int i = 0; i < files.size(); i++) {
        Files.writeString(dir.resolve("f" + i + ".py"), files.get(i));
      }
      String all = String.join("\n", files);
      String q = all.isEmpty() ? "ab" : all.substring(pick % all.length(), Math.min(all.length(), pick % all.length() + length));
      q = q.replace("\n", "");
      if (swapCase) {
        q = q.chars().map(c -> Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      }
      SearchQuery query = new SearchQuery(q, ignoreCase, false, false, 0, Integer.MAX_VALUE);
      assertEquals(lines(ShardSearch.run(corpus(dir, false, 4096), query)), lines(ShardSearch.run(corpus(dir, true, 64), query)),
          "query '" + q + "' ignoreCase " + ignoreCase);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static ShardCorpus corpus(Path dir, boolean index, int chunk) throws Exception {
    return ShardCorpus.load(new ShardSpec(dir.toString(), "*.py", List.of(), 0, 1, index, chunk, 1 << 30), (a, b, c) -> {}).indexed();
  }

  private static List<String> lines(ShardMatches m) {
    List<String> out = new ArrayList<>();
    for (FileHits h : m.hits()) {
      for (int i = 0; i < h.returned(); i++) {
        out.add(h.path() + ":" + h.lineNumber(i) + ":" + h.line(i));
      }
    }
    return out;
  }
}
