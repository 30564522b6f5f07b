package deli.search;

import deli.python.Utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matching itself, without actors: one shard's memory and one query. */
class ShardSearchTest {
  @TempDir Path dir;

  private ShardCorpus corpus(boolean index, int chunk) throws Exception {
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

  private static List<String> counts(ShardMatches m) {
    return m.hits().stream().map(h -> h.path() + ":" + h.count()).toList();
  }

  @Test
  void linesAreMatchedAsTheChapterStripsThemOnTheRight() throws Exception {
    Files.writeString(dir.resolve("a.py"), "x = 1   \r\ny = 12\t\f\nz\n");
    ShardCorpus c = corpus(false, 4096);
    assertEquals(List.of("a.py:1:x = 1", "a.py:2:y = 12"), lines(ShardSearch.run(c, SearchQuery.of("1"))));
    assertEquals(List.of(), lines(ShardSearch.run(c, SearchQuery.of("1 "))), "a match in the stripped blanks is no match");
    assertEquals(List.of("a.py:2:y = 12"), lines(ShardSearch.run(c, SearchQuery.of("= 12"))));
  }

  @Test
  void anEmptyQueryMatchesEveryLineAndTheLastLineNeedsNoNewline() throws Exception {
    Files.writeString(dir.resolve("a.py"), "one\n\nthree");
    Files.writeString(dir.resolve("b.py"), "");
    Files.writeString(dir.resolve("c.py"), "\n");
    ShardCorpus c = corpus(false, 4096);
    assertEquals(List.of("a.py:1:one", "a.py:2:", "a.py:3:three", "c.py:1:"), lines(ShardSearch.run(c, SearchQuery.of(""))));
    assertEquals(List.of("a.py:3:three"), lines(ShardSearch.run(c, SearchQuery.of("three"))));
    assertEquals(4, c.lines());
  }

  @Test
  void aFileWithoutAFinalNewlineDoesNotHideTheNextFilesFirstLine() throws Exception {
    Files.writeString(dir.resolve("x1.py"), "no newline");
    Files.writeString(dir.resolve("x2.py"), "new first\nnot\n");
    for (boolean index : new boolean[] {false, true}) {
      ShardCorpus c = corpus(index, 64);
      assertEquals(
          List.of("x1.py:1:no newline", "x2.py:1:new first", "x2.py:2:not"), lines(ShardSearch.run(c, SearchQuery.of("n"))));
      assertEquals(List.of("x1.py:1:no newline", "x2.py:1:new first"), lines(ShardSearch.run(c, SearchQuery.of("new"))));
    }
  }

  @Test
  void theLimitPerFileStopsEachFileAfterThatManyLines() throws Exception {
    Files.writeString(dir.resolve("a.py"), "hit 1\nhit 2\nhit 3\n");
    Files.writeString(dir.resolve("b.py"), "hit 4\n");
    ShardCorpus c = corpus(false, 4096);
    ShardMatches m = ShardSearch.run(c, new SearchQuery("hit", false, false, false, 2, Integer.MAX_VALUE));
    assertEquals(List.of("a.py:1:hit 1", "a.py:2:hit 2", "b.py:1:hit 4"), lines(m));
    assertEquals(3, m.lines());
    ShardMatches counted = ShardSearch.run(c, new SearchQuery("hit", false, false, true, 0, Integer.MAX_VALUE));
    assertEquals(List.of(3, 1), counted.hits().stream().map(FileHits::count).toList());
    assertEquals(0, counted.hits().get(0).returned());
  }

  @Test
  void ignoringCaseFoldsAsciiLettersAndUnicodeOnesThroughTheRegexEngine() throws Exception {
    Files.writeString(dir.resolve("a.py"), "Import os\nIMPORT sys\nimpor t\nCAFÉ\ncafé\n");
    ShardCorpus c = corpus(true, 64);
    SearchQuery q = new SearchQuery("import", true, false, false, 0, Integer.MAX_VALUE);
    assertEquals(List.of("a.py:1:Import os", "a.py:2:IMPORT sys"), lines(ShardSearch.run(c, q)));
    SearchQuery e = new SearchQuery("café", true, false, false, 0, Integer.MAX_VALUE);
    assertEquals(List.of("a.py:4:CAFÉ", "a.py:5:café"), lines(ShardSearch.run(c, e)));
  }

  @Test
  void theIndexNeverChangesAnAnswerOnlyItsCost() throws Exception {
    GeneratedTree.write(dir, 120, 7);
    ShardCorpus plain = corpus(false, 4096);
    ShardCorpus indexed = corpus(true, 128);
    List<String> texts = new ArrayList<>();
    for (int f = 0; f < plain.files(); f++) {
      int from = plain.fileStart[f];
      texts.add(new String(plain.text, from, plain.fileStart[f + 1] - from, StandardCharsets.ISO_8859_1));
    }
    SplittableRandom r = new SplittableRandom(11);
    int nonEmpty = 0;
    java.util.Map<Class<?>, Integer> ways = new java.util.HashMap<>();
    for (int i = 0; i < 400; i++) {
      // Substrings of the tree itself (as UTF-8 where they decode), and some that are not in it.
      String t = texts.get(r.nextInt(texts.size()));
      if (t.isEmpty()) {
        continue;
      }
      int from = r.nextInt(t.length());
      int to = Math.min(t.length(), from + 1 + r.nextInt(12));
      String piece = new String(t.substring(from, to).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
      if (piece.indexOf('\n') >= 0 || piece.indexOf('\r') >= 0) {
        continue;
      }
      if (r.nextInt(5) == 0) {
        piece = piece + "qq";
      }
      boolean ignoreCase = r.nextBoolean();
      SearchQuery q = new SearchQuery(piece, ignoreCase, false, false, 0, Integer.MAX_VALUE);
      ways.merge(indexed.index.candidates(piece.getBytes(StandardCharsets.UTF_8), indexed.lineStarts).getClass(), 1, Integer::sum);
      List<String> expected = lines(ShardSearch.run(plain, q));
      assertEquals(expected, lines(ShardSearch.run(indexed, q)), "query '" + piece + "', ignore case " + ignoreCase);
      SearchQuery limited = new SearchQuery(piece, ignoreCase, false, r.nextBoolean(), 1 + r.nextInt(3), 1 + r.nextInt(50));
      assertEquals(counts(ShardSearch.run(plain, limited)), counts(ShardSearch.run(indexed, limited)), limited.toString());
      assertEquals(lines(ShardSearch.run(plain, limited)), lines(ShardSearch.run(indexed, limited)), limited.toString());
      nonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(nonEmpty > 100, "most queries found something: " + nonEmpty);
    // Every way the index narrows a query was taken: all lines, spans of chunks or pieces, lines.
    assertEquals(3, ways.size(), ways.toString());
  }

  @Test
  void seekFindsTheLineHoldingAnOffset() {
    SplittableRandom r = new SplittableRandom(3);
    for (int round = 0; round < 200; round++) {
      int n = 1 + r.nextInt(300);
      int[] starts = new int[n];
      for (int i = 1; i < n; i++) {
        starts[i] = starts[i - 1] + 1 + r.nextInt(50);
      }
      int from = r.nextInt(n);
      int offset = starts[from] + r.nextInt(starts[n - 1] - starts[from] + 60);
      int expected = from;
      while (expected + 1 < n && starts[expected + 1] <= offset) {
        expected++;
      }
      assertEquals(expected, LineBytes.seek(starts, from, n - 1, offset));
    }
  }

  @Test
  void utf8IsToldFromAsciiAndFromBytesThatAreNotUtf8AsJavasDecoderTellsThem() {
    SplittableRandom r = new SplittableRandom(5);
    byte[][] samples = {
      "plain".getBytes(StandardCharsets.UTF_8),
      "café 日本 \uD83D\uDE00".getBytes(StandardCharsets.UTF_8),
      {(byte) 0xc0, (byte) 0x80},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x82},
      {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', (byte) 0xe9},
    };
    List<byte[]> all = new ArrayList<>(List.of(samples));
    for (int i = 0; i < 2000; i++) {
      byte[] b = new byte[r.nextInt(24)];
      for (int k = 0; k < b.length; k++) {
        b[k] = (byte) (r.nextInt(4) == 0 ? 0x80 + r.nextInt(128) : r.nextInt(128));
      }
      all.add(b);
    }
    for (byte[] b : all) {
      int expected;
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
        boolean ascii = true;
        for (byte x : b) {
          ascii &= x >= 0;
        }
        expected = ascii ? Utf8.ASCII : Utf8.UTF8;
      } catch (CharacterCodingException e) {
        expected = Utf8.INVALID;
      }
      assertEquals(expected, Utf8.classify(b, b.length), java.util.Arrays.toString(b));
    }
  }
}
