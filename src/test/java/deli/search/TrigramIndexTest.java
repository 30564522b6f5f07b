package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the trigram index chooses, not only what a search through it finds (the properties hold
 * that): how narrow its candidates are for rare, common and everywhere trigrams, how spans merge,
 * and that what it says it holds in memory is what its arrays take.
 */
class TrigramIndexTest {
  @TempDir Path tree;

  /** {@code files} lines of filler words (none holds a 'z' or a 'q'), with {@code extra} lines put in at given places. */
  private ShardCorpus corpus(int files, int linesPerFile, java.util.Map<Integer, String> extra, int chunkBytes) throws Exception {
    SplittableRandom random = new SplittableRandom(7);
    String[] words = {"alpha", "beta", "gamma", "delta", "import", "return", "self", "value", "index", "print"};
    int line = 0;
    for (int f = 0; f < files; f++) {
      StringBuilder b = new StringBuilder();
      for (int l = 0; l < linesPerFile; l++, line++) {
        String put = extra.get(line);
        if (put != null) {
          b.append(put);
        } else {
          for (int w = 0; w < 6; w++) {
            b.append(words[random.nextInt(words.length)]).append(w < 5 ? " " : "");
          }
        }
        b.append('\n');
      }
      Files.writeString(tree.resolve(String.format("f%04d.py", f)), b.toString());
    }
    return ShardCorpus.load(new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, true, chunkBytes, 1 << 20), (a, c, d) -> {}).indexed();
  }

  private static TrigramIndex.Candidates candidates(ShardCorpus c, String query) {
    return c.index.candidates(query.getBytes(StandardCharsets.UTF_8), c.lineStarts);
  }

  /** The line indexes (into the corpus's line table) whose text holds {@code query}. */
  private static TreeSet<Integer> linesHolding(ShardCorpus c, String query) {
    TreeSet<Integer> out = new TreeSet<>();
    byte[] q = query.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 1 < c.lineStarts.length; i++) {
      String line = new String(c.text, c.lineStarts[i], c.lineStarts[i + 1] - c.lineStarts[i], StandardCharsets.UTF_8);
      if (line.contains(query) && q.length > 0) {
        out.add(i);
      }
    }
    return out;
  }

  @Test
  void aQueryShorterThanATrigramCannotBeNarrowed() throws Exception {
    ShardCorpus c = corpus(4, 50, java.util.Map.of(), 256);
    assertSame(TrigramIndex.All.INSTANCE, candidates(c, ""));
    assertSame(TrigramIndex.All.INSTANCE, candidates(c, "z"));
    assertSame(TrigramIndex.All.INSTANCE, candidates(c, "zq"));
  }

  @Test
  void aTrigramOnEveryLineIsNotWorthNarrowing() throws Exception {
    // 'e' and ' ' are on every line: "a b" shapes are everywhere, far past the dense share.
    ShardCorpus c = corpus(20, 100, java.util.Map.of(), 512);
    assertSame(TrigramIndex.All.INSTANCE, candidates(c, "lta b"));
  }

  @Test
  void aRareStringIsNarrowedToTheSmallPlaceThatHoldsIt() throws Exception {
    int target = 1234;
    ShardCorpus c = corpus(20, 100, java.util.Map.of(target, "zqxjv found here"), 512);
    TrigramIndex.Candidates where = candidates(c, "zqxjv");
    int at = c.lineStarts[target];
    if (where instanceof TrigramIndex.Lines l) {
      assertEquals(1, l.size(), "the one line");
      assertEquals(target, l.lines()[0]);
    } else {
      TrigramIndex.Spans s = assertInstanceOf(TrigramIndex.Spans.class, where);
      assertEquals(1, s.size, "one span");
      assertTrue(s.start[0] <= at && at + 5 <= s.end[0], "it covers the line");
      // a chunk ends at the end of a line: a little past its 512 bytes
      assertTrue(s.bytes() < 2 * 512, "no more than a chunk: " + s.bytes() + " bytes of " + c.text.length);
    }
    assertSame(TrigramIndex.All.INSTANCE, candidates(c, "zq"), "and its first two letters alone are not narrowed");
  }

  @Test
  void aStringOnSomeLinesGivesThoseLinesAndFewOthers() throws Exception {
    // "qzq" on every 12th line: past the share a span list is worth, within the share a line list keeps.
    java.util.Map<Integer, String> extra = new java.util.HashMap<>();
    for (int line = 5; line < 2000; line += 12) {
      extra.put(line, "x qzq y");
    }
    ShardCorpus c = corpus(20, 100, extra, 512);
    TreeSet<Integer> holding = linesHolding(c, "qzq");
    TrigramIndex.Lines l = assertInstanceOf(TrigramIndex.Lines.class, candidates(c, "qzq"));
    TreeSet<Integer> got = new TreeSet<>();
    for (int i = 0; i < l.size(); i++) {
      got.add(l.lines()[i]);
      if (i > 0) {
        assertTrue(l.lines()[i - 1] < l.lines()[i], "ascending");
      }
    }
    assertTrue(got.containsAll(holding), "every line that holds it");
    // Other lines come only from trigrams that share its bucket: a few, not a share of the text.
    assertTrue(got.size() <= holding.size() + holding.size() / 2, got.size() + " lines for " + holding.size());
    // Two trigrams: lines with both (a line list intersected with the other's).
    TrigramIndex.Candidates both = candidates(c, "x qzq");
    TreeSet<Integer> bothHolding = linesHolding(c, "x qzq");
    if (both instanceof TrigramIndex.Lines b) {
      TreeSet<Integer> bothGot = new TreeSet<>();
      for (int i = 0; i < b.size(); i++) {
        bothGot.add(b.lines()[i]);
      }
      assertTrue(bothGot.containsAll(bothHolding));
      assertTrue(bothGot.size() <= got.size(), "no more than the rarer trigram's lines");
    } else {
      assertTrue(both instanceof TrigramIndex.Spans, "narrowed: " + both);
    }
  }

  @Test
  void placesTensOfThousandsOfChunksApartAreAllFound() throws Exception {
    // Small chunks over 1.2 MB: the marker's chunk list has gaps of a few chunks, of more than
    // 128 and of more than 16,384, whose varints take one, two and three bytes.
    int[] at = {0, 3, 150, 700, 29_500};
    java.util.Map<Integer, String> extra = new java.util.HashMap<>();
    for (int line : at) {
      extra.put(line, "zqxjv");
    }
    ShardCorpus c = corpus(30, 1000, extra, 64);
    TrigramIndex.Candidates where = candidates(c, "zqxjv");
    TreeSet<Integer> found = new TreeSet<>();
    if (where instanceof TrigramIndex.Lines l) {
      for (int i = 0; i < l.size(); i++) {
        found.add(l.lines()[i]);
      }
      assertEquals(java.util.Set.of(0, 3, 150, 700, 29_500), found);
    } else {
      TrigramIndex.Spans s = assertInstanceOf(TrigramIndex.Spans.class, where);
      for (int line : at) {
        int start = c.lineStarts[line];
        boolean covered = false;
        for (int i = 0; i < s.size; i++) {
          covered |= s.start[i] <= start && start + 5 <= s.end[i];
        }
        assertTrue(covered, "line " + line);
      }
      assertTrue(s.bytes() < 5 * 2 * 64, s.bytes() + " bytes for 5 lines");
    }
    assertTrue(c.index.pieceTrigrams() > 0, "pieces for the common trigrams");
  }

  @Test
  void spansCloserThanTheGapAreOneAndFartherAreTwo() {
    TrigramIndex.Spans s = new TrigramIndex.Spans();
    s.add(0, 10);
    s.add(10 + TrigramIndex.Spans.GAP, 80); // exactly the gap: merged
    assertEquals(1, s.size);
    assertEquals(0, s.start[0]);
    assertEquals(80, s.end[0]);
    s.add(80 + TrigramIndex.Spans.GAP + 1, 200); // one byte past it: a span of its own
    assertEquals(2, s.size);
    assertEquals(145, s.start[1]);
    assertEquals(200, s.end[1]);
    assertEquals(80 + 55, s.bytes());
    for (int i = 0; i < 100; i++) {
      s.add(1000 + i * 1000, 1000 + i * 1000 + 3); // past the arrays' first size
    }
    assertEquals(102, s.size);
    assertEquals(80 + 55 + 300, s.bytes());
    assertEquals(1000 + 99 * 1000, s.start[101]);
  }

  @Test
  void theMemoryItReportsIsWhatItsArraysTake() throws Exception {
    java.util.Map<Integer, String> extra = new java.util.HashMap<>();
    for (int line = 3; line < 3000; line += 40) {
      extra.put(line, "qzq zqz " + line);
    }
    for (int chunk : new int[] {256, 4096}) {
      ShardCorpus c = corpus(30, 100, extra, chunk);
      TrigramIndex index = c.index;
      long expected = 0;
      for (Field f : TrigramIndex.class.getDeclaredFields()) {
        if (java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        f.setAccessible(true);
        Object v = f.get(index);
        if (v instanceof int[] a) {
          expected += ShardCorpus.array(a.length * 4L);
        } else if (v instanceof long[] a) {
          expected += ShardCorpus.array(a.length * 8L);
        } else if (v instanceof byte[] a) {
          expected += ShardCorpus.array(a.length);
        } else if (v instanceof byte[][] a) {
          expected += ShardCorpus.array(a.length * 4L);
          for (byte[] x : a) {
            expected += ShardCorpus.array(x.length);
          }
        }
      }
      assertEquals(expected, index.memoryBytes(), "chunk " + chunk);
      assertTrue(index.pieceTrigrams() > 0 || index.lineTrigrams() > 0, "it keeps something finer than chunks");
    }
  }
}
