package deli.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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

  // ---- The index against a plain model of what it documents, field by field and query by query.

  /** An index built straight from {@code files} (as the corpus loader lays them out), and its text and tables. */
  private record Built(TrigramIndex index, byte[] text, int[] fileStart, int[] lineStarts, int chunkBytes) {}

  private static Built build(List<String> files, int chunkBytes) {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    int[] fileStart = new int[files.size() + 1];
    ShardCorpus.Ints lines = new ShardCorpus.Ints(64);
    for (int f = 0; f < files.size(); f++) {
      fileStart[f] = all.size();
      byte[] b = files.get(f).getBytes(StandardCharsets.UTF_8);
      for (int at = 0; at < b.length; ) {
        lines.add(fileStart[f] + at);
        int nl = at;
        while (nl < b.length && b[nl] != '\n') {
          nl++;
        }
        at = nl + 1;
      }
      all.writeBytes(b);
    }
    fileStart[files.size()] = all.size();
    byte[] text = all.toByteArray();
    int[] lineStarts = lines.toArray();
    return new Built(TrigramIndex.build(text, fileStart, lineStarts, chunkBytes), text, fileStart, lineStarts, chunkBytes);
  }

  @SuppressWarnings("unchecked")
  private static <T> T field(TrigramIndex index, String name) {
    try {
      Field f = TrigramIndex.class.getDeclaredField(name);
      f.setAccessible(true);
      return (T) f.get(index);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static int bucketOf(int key, int bits) {
    try {
      java.lang.reflect.Method m = TrigramIndex.class.getDeclaredMethod("bucket", int.class, int.class);
      m.setAccessible(true);
      return (int) m.invoke(null, key, bits);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The end of the line that holds {@code start + size - 1}, or {@code end}: a plain scan for the newline. */
  private static int lineEnd(byte[] t, int start, int size, int end) {
    if ((long) start + size >= end) {
      return end;
    }
    for (int p = start + size - 1; p < end; p++) {
      if (t[p] == '\n') {
        return p + 1;
      }
    }
    return end;
  }

  private static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static List<Integer> decodeVarints(byte[] b, int from, int to) {
    List<Integer> out = new ArrayList<>();
    int value = -1;
    int at = from;
    while (at < to) {
      int v = 0;
      for (int shift = 0; ; shift += 7) {
        byte x = b[at++];
        v |= (x & 0x7f) << shift;
        if (x >= 0) {
          break;
        }
      }
      value += v;
      out.add(value);
    }
    return out;
  }

  private static int varintBytes(int v) {
    int n = 1;
    while (v >= 128) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  /** What the model knows of an index: for every bucket, the chunks, pieces and lines its trigrams start in. */
  private static final class Model {
    final Built b;
    final int bits;
    final int[] chunkStart;
    final int[] firstPiece;
    final int[] pieceStart;
    final java.util.Map<Integer, TreeSet<Integer>> chunks = new java.util.HashMap<>();
    final java.util.Map<Integer, TreeSet<Integer>> pieces = new java.util.HashMap<>();
    final java.util.Map<Integer, TreeSet<Integer>> lines = new java.util.HashMap<>();

    Model(Built b) {
      this.b = b;
      this.bits = field(b.index(), "bits");
      byte[] t = b.text();
      // The chunks and pieces, cut as documented: line-aligned, within a file.
      List<Integer> cs = new ArrayList<>();
      List<Integer> fp = new ArrayList<>();
      List<Integer> ps = new ArrayList<>();
      int pieceBytes = Math.max(32, b.chunkBytes() / TrigramIndex.PIECES_PER_CHUNK);
      for (int f = 0; f + 1 < b.fileStart().length; f++) {
        int end = b.fileStart()[f + 1];
        for (int s = b.fileStart()[f]; s < end; ) {
          int e = lineEnd(t, s, b.chunkBytes(), end);
          cs.add(s);
          fp.add(ps.size());
          for (int p = s; p < e; p = lineEnd(t, p, pieceBytes, e)) {
            ps.add(p);
          }
          s = e;
        }
      }
      int total = t.length;
      cs.add(total);
      fp.add(ps.size());
      ps.add(total);
      chunkStart = ints(cs);
      firstPiece = ints(fp);
      pieceStart = ints(ps);
      int line = 0;
      for (int c = 0; c + 1 < chunkStart.length; c++) {
        for (int i = chunkStart[c]; i + 3 <= chunkStart[c + 1]; i++) {
          int key = (TrigramIndex.fold(t[i] & 0xff) << 16) | (TrigramIndex.fold(t[i + 1] & 0xff) << 8) | TrigramIndex.fold(t[i + 2] & 0xff);
          int bucket = bucketOf(key, bits);
          int piece = Arrays.binarySearch(pieceStart, i);
          piece = piece >= 0 ? piece : -piece - 2;
          while (line + 1 < b.lineStarts().length && b.lineStarts()[line + 1] <= i) {
            line++;
          }
          chunks.computeIfAbsent(bucket, k -> new TreeSet<>()).add(c);
          pieces.computeIfAbsent(bucket, k -> new TreeSet<>()).add(piece);
          lines.computeIfAbsent(bucket, k -> new TreeSet<>()).add(line);
        }
      }
    }

    int chunkCount() {
      return chunkStart.length - 1;
    }

    TreeSet<Integer> of(java.util.Map<Integer, TreeSet<Integer>> m, int bucket) {
      return m.getOrDefault(bucket, new TreeSet<>());
    }

    int[] queryBuckets(byte[] q) {
      java.util.LinkedHashSet<Integer> bs = new java.util.LinkedHashSet<>();
      for (int i = 0; i + 3 <= q.length; i++) {
        bs.add(bucketOf((TrigramIndex.fold(q[i] & 0xff) << 16) | (TrigramIndex.fold(q[i + 1] & 0xff) << 8) | TrigramIndex.fold(q[i + 2] & 0xff), bits));
      }
      return ints(new ArrayList<>(bs));
    }

    /** Every table of the index, checked against this model. */
    void checkTables() {
      TrigramIndex ix = b.index();
      assertArrayEquals(chunkStart, field(ix, "chunkStart"), "chunks");
      assertArrayEquals(firstPiece, field(ix, "firstPiece"), "each chunk's first piece");
      assertArrayEquals(pieceStart, field(ix, "pieceStart"), "pieces");
      int chunkCount = chunkCount();
      int words = field(ix, "words");
      assertEquals((chunkCount + 63) / 64, words);
      int[] listStart = field(ix, "listStart");
      byte[] lists = field(ix, "lists");
      int[] denseBuckets = field(ix, "denseBuckets");
      long[] dense = field(ix, "dense");
      int buckets = 1 << bits;
      assertEquals(buckets + 1, listStart.length);
      assertEquals(lists.length, listStart[buckets], "the lists fill their array");
      assertEquals(denseBuckets.length * words, dense.length);
      List<Integer> expectDense = new ArrayList<>();
      for (int k = 0; k < buckets; k++) {
        TreeSet<Integer> cs = of(chunks, k);
        long varBytes = 0;
        int last = -1;
        for (int c : cs) {
          varBytes += varintBytes(c - last);
          last = c;
        }
        int slot = Arrays.binarySearch(denseBuckets, k);
        if (varBytes > words * 8L) {
          expectDense.add(k);
          assertTrue(slot >= 0, "bucket " + k + " a bitset");
          assertEquals(listStart[k], listStart[k + 1], "and no list");
          TreeSet<Integer> got = new TreeSet<>();
          for (int c = 0; c < chunkCount; c++) {
            if ((dense[slot * words + (c >>> 6)] & (1L << c)) != 0) {
              got.add(c);
            }
          }
          assertEquals(cs, got, "bucket " + k + "'s chunk bitset");
        } else {
          assertEquals(varBytes, listStart[k + 1] - listStart[k], "bucket " + k + "'s list length");
          assertEquals(new ArrayList<>(cs), decodeVarints(lists, listStart[k], listStart[k + 1]), "bucket " + k + "'s chunk list");
        }
      }
      assertArrayEquals(ints(expectDense), denseBuckets, "the bitset buckets");
      // Piece bitsets: the commonest buckets (ties either way), in at least an eighth of the chunks.
      int pieceWords = field(ix, "pieceWords");
      int pieceTotal = pieceStart.length - 1;
      assertEquals((pieceTotal + 63) / 64, pieceWords);
      int pieceCount = (int) Math.min(4096, (long) (TrigramIndex.PIECE_BUDGET * b.text().length) / Math.max(8L, pieceWords * 8L));
      int min = Math.max(1, chunkCount / 8);
      int[] pieceBuckets = field(ix, "pieceBuckets");
      checkCommonest(pieceBuckets, pieceCount, min, "piece buckets");
      long[] pieceBits = field(ix, "pieceBits");
      assertEquals(pieceBuckets.length * pieceWords, pieceBits.length);
      for (int h = 0; h < pieceBuckets.length; h++) {
        TreeSet<Integer> got = new TreeSet<>();
        for (int g = 0; g < pieceTotal; g++) {
          if ((pieceBits[h * pieceWords + (g >>> 6)] & (1L << g)) != 0) {
            got.add(g);
          }
        }
        assertEquals(of(pieces, pieceBuckets[h]), got, "bucket " + pieceBuckets[h] + "'s piece bitset");
      }
      // Line lists: of the 64 commonest, those in at most LINE_SHARE of the lines, the commonest first, within the budget.
      int[] lineBuckets = field(ix, "lineBuckets");
      byte[][] lineLists = field(ix, "lineLists");
      int[] lineCounts = field(ix, "lineCounts");
      assertEquals(lineBuckets.length, lineLists.length);
      assertEquals(lineBuckets.length, lineCounts.length);
      List<Integer> eligible = eligible(min);
      int[] tried = top(eligible, 64);
      long budget = (long) (TrigramIndex.LINE_BUDGET * b.text().length);
      List<Integer> order = new ArrayList<>();
      for (int k : tried) {
        order.add(k);
      }
      order.sort((x, y) -> Integer.compare(of(chunks, y).size(), of(chunks, x).size()));
      TreeSet<Integer> kept = new TreeSet<>();
      for (int k : order) {
        TreeSet<Integer> ls = of(lines, k);
        if (ls.isEmpty() || ls.size() > TrigramIndex.LINE_SHARE * b.lineStarts().length) {
          continue;
        }
        long bytes = 0;
        int last = -1;
        for (int l : ls) {
          bytes += varintBytes(l - last);
          last = l;
        }
        if (bytes <= budget) {
          kept.add(k);
          budget -= bytes;
        }
      }
      assertEquals(new ArrayList<>(kept), java.util.stream.IntStream.of(lineBuckets).boxed().toList(), "the line list buckets");
      assertEquals(lineBuckets.length, ix.lineTrigrams());
      assertEquals(pieceBuckets.length, ix.pieceTrigrams());
      for (int h = 0; h < lineBuckets.length; h++) {
        TreeSet<Integer> ls = of(lines, lineBuckets[h]);
        assertEquals(ls.size(), lineCounts[h], "bucket " + lineBuckets[h] + "'s line count");
        assertEquals(new ArrayList<>(ls), decodeVarints(lineLists[h], 0, lineLists[h].length), "bucket " + lineBuckets[h] + "'s line list");
      }
    }

    List<Integer> eligible(int min) {
      List<Integer> out = new ArrayList<>();
      for (var e : chunks.entrySet()) {
        if (e.getValue().size() >= min) {
          out.add(e.getKey());
        }
      }
      out.sort(null);
      return out;
    }

    /** The first n of the buckets by chunk count, most first (ties by bucket, as a stable sort leaves them), sorted. */
    int[] top(List<Integer> eligible, int n) {
      List<Integer> byCount = new ArrayList<>(eligible);
      byCount.sort((x, y) -> Integer.compare(of(chunks, y).size(), of(chunks, x).size()));
      int[] out = ints(byCount.subList(0, Math.max(0, Math.min(n, byCount.size()))));
      Arrays.sort(out);
      return out;
    }

    void checkCommonest(int[] got, int n, int min, String what) {
      java.util.Set<Integer> eligible = new java.util.HashSet<>(eligible(min));
      assertEquals(Math.max(0, Math.min(n, eligible.size())), got.length, what + ": how many");
      for (int i = 1; i < got.length; i++) {
        assertTrue(got[i - 1] < got[i], what + ": sorted");
      }
      int least = Integer.MAX_VALUE;
      for (int k : got) {
        assertTrue(eligible.contains(k), what + ": " + k + " in at least " + min + " chunks");
        least = Math.min(least, of(chunks, k).size());
      }
      for (int k : eligible) {
        if (Arrays.binarySearch(got, k) < 0) {
          assertTrue(of(chunks, k).size() <= least, what + ": " + k + " left out for a rarer one");
        }
      }
    }

    /** Where the index should say {@code query} may match. */
    TrigramIndex.Candidates expected(byte[] q) {
      if (q.length < 3) {
        return TrigramIndex.All.INSTANCE;
      }
      TrigramIndex ix = b.index();
      int[] bs = queryBuckets(q);
      TreeSet<Integer> cands = new TreeSet<>();
      for (int c = 0; c < chunkCount(); c++) {
        cands.add(c);
      }
      for (int k : bs) {
        cands.retainAll(of(chunks, k));
      }
      int[] pieceBuckets = field(ix, "pieceBuckets");
      TreeSet<Integer> ps = null;
      for (int k : bs) {
        if (Arrays.binarySearch(pieceBuckets, k) >= 0) {
          if (ps == null) {
            ps = new TreeSet<>(of(pieces, k));
          } else {
            ps.retainAll(of(pieces, k));
          }
        }
      }
      double share = (double) cands.size() / Math.max(1, chunkCount());
      if (ps != null) {
        share = Math.min(share, (double) ps.size() / Math.max(1, pieceStart.length - 1));
      }
      int[] lineBuckets = field(ix, "lineBuckets");
      boolean anyLineList = false;
      TreeSet<Integer> ls = null;
      for (int k : bs) {
        if (Arrays.binarySearch(lineBuckets, k) >= 0) {
          anyLineList = true;
          if (ls == null) {
            ls = new TreeSet<>(of(lines, k));
          } else {
            ls.retainAll(of(lines, k));
          }
        }
      }
      if (share > TrigramIndex.FEW && anyLineList) {
        List<Integer> out = new ArrayList<>();
        for (int l : ls) {
          int at = b.lineStarts()[l];
          int c = Arrays.binarySearch(chunkStart, at);
          c = c >= 0 ? c : -c - 2;
          int g = Arrays.binarySearch(pieceStart, at);
          g = g >= 0 ? g : -g - 2;
          if (bs.length == 1 || (cands.contains(c) && (ps == null || ps.contains(g)))) {
            out.add(l);
          }
        }
        return new TrigramIndex.Lines(ints(out), out.size());
      }
      if (share > TrigramIndex.DENSE) {
        return TrigramIndex.All.INSTANCE;
      }
      TrigramIndex.Spans out = new TrigramIndex.Spans();
      for (int c : cands) {
        for (int g = firstPiece[c]; g < firstPiece[c + 1]; g++) {
          if (ps == null) {
            out.add(chunkStart[c], chunkStart[c + 1]);
            break;
          }
          if (ps.contains(g)) {
            out.add(pieceStart[g], pieceStart[g + 1]);
          }
        }
      }
      return out;
    }

    /** Queries cut around the first few places a trigram of each line-listed bucket starts. */
    List<String> aroundLineBuckets() {
      int[] lineBuckets = field(b.index(), "lineBuckets");
      byte[] t = b.text();
      List<String> out = new ArrayList<>();
      for (int lb : lineBuckets) {
        int found = 0;
        for (int i = 0; i + 3 <= t.length && found < 3; i++) {
          int key = (TrigramIndex.fold(t[i] & 0xff) << 16) | (TrigramIndex.fold(t[i + 1] & 0xff) << 8) | TrigramIndex.fold(t[i + 2] & 0xff);
          if (bucketOf(key, bits) == lb) {
            found++;
            out.add(new String(t, i, 3, StandardCharsets.ISO_8859_1));
            out.add(new String(t, Math.max(0, i - 3), Math.min(t.length, i + 6) - Math.max(0, i - 3), StandardCharsets.ISO_8859_1));
            out.add(new String(t, Math.max(0, i - 5), i + 3 - Math.max(0, i - 5), StandardCharsets.ISO_8859_1));
          }
        }
      }
      return out;
    }

    /** The index's candidates for {@code query} are the model's; returns which kind they were. */
    String check(String query) {
      byte[] q = query.getBytes(StandardCharsets.UTF_8);
      TrigramIndex.Candidates want = expected(q);
      TrigramIndex.Candidates got = b.index().candidates(q, b.lineStarts());
      String what = "'" + query + "'";
      if (want instanceof TrigramIndex.Lines w) {
        TrigramIndex.Lines g = assertInstanceOf(TrigramIndex.Lines.class, got, what);
        assertArrayEquals(Arrays.copyOf(w.lines(), w.size()), Arrays.copyOf(g.lines(), g.size()), what + ": lines");
        return "lines";
      }
      if (want instanceof TrigramIndex.Spans w) {
        TrigramIndex.Spans g = assertInstanceOf(TrigramIndex.Spans.class, got, what);
        assertArrayEquals(Arrays.copyOf(w.start, w.size), Arrays.copyOf(g.start, g.size), what + ": span starts");
        assertArrayEquals(Arrays.copyOf(w.end, w.size), Arrays.copyOf(g.end, g.size), what + ": span ends");
        return w.size == 0 ? "none" : "spans";
      }
      assertSame(TrigramIndex.All.INSTANCE, got, what);
      return "all";
    }
  }

  /** Lines of words drawn from a skewed vocabulary: a few words everywhere, most rare, some in a few lines each. */
  private static List<String> skewedFiles(long seed, int files, int lines) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] vocab = new String[300];
    for (int i = 0; i < vocab.length; i++) {
      StringBuilder w = new StringBuilder();
      int len = 2 + r.nextInt(6);
      for (int k = 0; k < len; k++) {
        char ch = (char) ('a' + r.nextInt(26));
        w.append(r.nextInt(8) == 0 ? Character.toUpperCase(ch) : ch);
      }
      vocab[i] = w.toString();
    }
    List<String> out = new ArrayList<>();
    for (int f = 0; f < files; f++) {
      StringBuilder b = new StringBuilder();
      int n = r.nextInt(lines + 1);
      for (int l = 0; l < n; l++) {
        int words = r.nextInt(7);
        for (int w = 0; w < words; w++) {
          double u = r.nextDouble();
          b.append(vocab[(int) (vocab.length * u * u * u)]).append(w + 1 < words ? " " : "");
        }
        if (l + 1 < n || r.nextBoolean()) {
          b.append('\n');
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Queries cut from the text (across lines and chunks too), in swapped case, and made up. */
  private static List<String> queries(long seed, byte[] text, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    List<String> out = new ArrayList<>();
    String all = new String(text, StandardCharsets.UTF_8);
    for (int i = 0; i < n && !all.isEmpty(); i++) {
      int at = r.nextInt(all.length());
      String q = all.substring(at, Math.min(all.length(), at + 1 + r.nextInt(12)));
      if (r.nextInt(4) > 0) {
        q = q.replace("\n", "");
      }
      if (r.nextInt(5) == 0) {
        q = q.toUpperCase();
      }
      out.add(q);
    }
    for (int i = 0; i < n / 4; i++) {
      StringBuilder q = new StringBuilder();
      for (int k = 3 + r.nextInt(4); k > 0; k--) {
        q.append((char) ('a' + r.nextInt(26)));
      }
      out.add(q.toString());
    }
    return out;
  }

  @Test
  void itsTablesAndCandidatesAreWhatItDocumentsOverVariedText() {
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    int[][] shapes = {{1, 40, 4096}, {3, 300, 256}, {6, 500, 512}, {4, 800, 128}, {2, 2000, 64}, {5, 60, 32}, {1, 3000, 1 << 20}};
    for (int s = 0; s < shapes.length; s++) {
      List<String> files = skewedFiles(100 + s, shapes[s][0], shapes[s][1]);
      Model m = new Model(build(files, shapes[s][2]));
      m.checkTables();
      for (String q : queries(200 + s, m.b.text(), 150)) {
        kinds.merge(m.check(q), 1, Integer::sum);
      }
      for (String q : m.aroundLineBuckets()) {
        kinds.merge(m.check(q), 1, Integer::sum);
      }
    }
    // every way the index can answer was taken
    assertEquals(java.util.Set.of("all", "lines", "none", "spans"), kinds.keySet(), kinds.toString());
  }

  @Test
  void emptyFilesAndFilesShorterThanATrigramHoldNothing() {
    Model m = new Model(build(List.of("", "ab", "x\n", "", "abc", "\n\n\n", "Abcd\nabc\n", ""), 4));
    m.checkTables();
    for (String q : List.of("abc", "ABC", "bcd", "ab\nx", "b\nx", "xyz", "\n\n\n", "c\na")) {
      m.check(q);
    }
    Model none = new Model(build(List.of("", ""), 4096));
    none.checkTables();
    assertEquals("none", none.check("abc"));
  }

  /** Eight-byte lines of filler, with {@code marker} (seven bytes) on the lines at the given gaps from one another. */
  private static String markedLines(int lines, java.util.Map<Integer, String> markers) {
    StringBuilder b = new StringBuilder(lines * 8);
    for (int l = 0; l < lines; l++) {
      b.append(markers.getOrDefault(l, "aaaaaaa")).append('\n');
    }
    return b.toString();
  }

  private static java.util.Map<Integer, String> atGaps(String marker, int first, int... gaps) {
    java.util.Map<Integer, String> out = new java.util.HashMap<>();
    int at = first;
    out.put(at, marker);
    for (int g : gaps) {
      at += g;
      out.put(at, marker);
    }
    return out;
  }

  @Test
  void chunkListsKeepGapsAcrossEveryVarintLength() {
    // One line a chunk: the markers' chunk lists have gaps on both sides of 128 and 16,384,
    // whose varints take one, two and three bytes; "xyzqw" and "xyzkk" share "xyz".
    java.util.Map<Integer, String> marks = new java.util.HashMap<>(atGaps("xyzqwaa", 0, 1, 127, 128, 129, 16_383, 16_384, 16_385));
    marks.putAll(atGaps("xyzkkaa", 3, 126, 16_382, 300));
    marks.put(127, "jjvvjaa"); // first seen in chunk 127: a gap of 128 from the list's start
    marks.put(16_383, "wwkkwaa");
    Model m = new Model(build(List.of(markedLines(49_600, marks), "aaxyzqwaa\n"), 8));
    m.checkTables();
    for (String q : List.of("xyzqw", "XYZKK", "xyz", "zqwaa", "yzkk", "aaaaaaa", "jjvvj", "wwkkw")) {
      m.check(q);
    }
    TrigramIndex.Spans s = assertInstanceOf(TrigramIndex.Spans.class, candidates(m.b, "xyzqw"));
    assertEquals(8, s.size, "the eight marked lines (the first two adjacent, one span) and the second file's");
  }

  @Test
  void lineListsKeepGapsAcrossEveryVarintLength() {
    // One chunk: every trigram is tried for a line list, and the markers' line gaps are on both
    // sides of 128 and 16,384.
    java.util.Map<Integer, String> marks = new java.util.HashMap<>(atGaps("xyzqwaa", 0, 127, 128, 16_383, 16_384));
    marks.putAll(atGaps("xyzkkaa", 1, 16_385, 129, 126));
    Model m = new Model(build(List.of(markedLines(34_000, marks)), 1 << 20));
    m.checkTables();
    assertEquals("lines", m.check("xyzqw"));
    assertEquals("lines", m.check("xyzkk"));
    assertEquals("lines", m.check("zkk"));
    m.check("xyz");
    m.check("aaa");
    TrigramIndex.Lines l = assertInstanceOf(TrigramIndex.Lines.class, candidates(m.b, "xyzqw"));
    assertArrayEquals(new int[] {0, 127, 255, 16_638, 33_022}, Arrays.copyOf(l.lines(), l.size()));
  }

  private static TrigramIndex.Candidates candidates(Built b, String query) {
    return b.index().candidates(query.getBytes(StandardCharsets.UTF_8), b.lineStarts());
  }

  private static int invokeVarint(String name, Object... args) {
    try {
      Class<?>[] types = name.equals("varintLength") ? new Class<?>[] {int.class} : new Class<?>[] {byte[].class, int.class, int.class};
      java.lang.reflect.Method m = TrigramIndex.class.getDeclaredMethod(name, types);
      m.setAccessible(true);
      return (int) m.invoke(null, args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aVarintTakesTheBytesItsSizingPassCounts() {
    // The sizing pass counts varintLength bytes and the writing pass writes them: at every
    // boundary of seven bits the two agree, and what is written reads back.
    for (int k = 1; k <= 4; k++) {
      for (int v : new int[] {(1 << (7 * k)) - 1, 1 << (7 * k), (1 << (7 * k)) + 1}) {
        byte[] out = new byte[8];
        int written = invokeVarint("writeVarint", out, 0, v);
        assertEquals(v < (1 << (7 * k)) ? k : k + 1, written, "bytes for " + v);
        assertEquals(written, invokeVarint("varintLength", v), "counted for " + v);
        assertEquals(List.of(v - 1), decodeVarints(out, 0, written), "read back " + v);
      }
    }
    assertEquals(1, invokeVarint("varintLength", 1));
    assertEquals(5, invokeVarint("varintLength", Integer.MAX_VALUE));
  }

  @Test
  void asciiCaseFoldsAtTheEdgesOfTheAlphabetAndNothingElseDoes() {
    assertEquals('a', TrigramIndex.fold('A'));
    assertEquals('z', TrigramIndex.fold('Z'));
    assertEquals('m', TrigramIndex.fold('m'));
    assertEquals('@', TrigramIndex.fold('@'));
    assertEquals('[', TrigramIndex.fold('['));
    assertEquals(0xC9, TrigramIndex.fold(0xC9));
    // and so a query in either case finds the text in the other
    Built b = build(List.of("zaz azz\n".repeat(40), "q".repeat(300) + "\n"), 64);
    for (String q : List.of("ZAZ", "AZZ", "zaZ", "Z A")) {
      TrigramIndex.Candidates c = candidates(b, q);
      assertTrue(!(c instanceof TrigramIndex.Spans s) || s.size > 0, q + " narrowed to nothing");
      assertTrue(!(c instanceof TrigramIndex.Lines l) || l.size() > 0, q + " narrowed to no line");
    }
    TrigramIndex.Spans none = assertInstanceOf(TrigramIndex.Spans.class, candidates(b, "ZQZ"));
    assertEquals(0, none.size);
  }

  @Test
  void spansFillingTheirFirstArraysCountTheirBytes() {
    TrigramIndex.Spans s = new TrigramIndex.Spans();
    for (int i = 0; i < 64; i++) {
      s.add(i * 1000, i * 1000 + 7);
    }
    assertEquals(64, s.size);
    assertEquals(64 * 7, s.bytes());
  }

  @Test
  void aBucketTakesABitsetOnlyWhenThatIsSmallerThanItsList() {
    // 64 one-line chunks: a bitset takes 8 bytes, so a trigram in 8 of them keeps its 8-byte
    // list and one in 9 takes the bitset; the model checks which each bucket got.
    java.util.Map<Integer, String> marks = new java.util.HashMap<>();
    for (int i = 0; i < 8; i++) {
      marks.put(i * 7, "xyzqwaa");
    }
    for (int l : new int[] {1, 2, 3, 4, 5, 6, 8, 9, 10}) {
      marks.put(l, "jkvjkva");
    }
    Model m = new Model(build(List.of(markedLines(64, marks)), 8));
    m.checkTables();
    int[] dense = field(m.b.index(), "denseBuckets");
    int[] listStart = field(m.b.index(), "listStart");
    int xyz = m.queryBuckets("xyz".getBytes(StandardCharsets.UTF_8))[0];
    int jkv = m.queryBuckets("jkv".getBytes(StandardCharsets.UTF_8))[0];
    assertTrue(Arrays.binarySearch(dense, xyz) < 0, "in 8 chunks: a list");
    assertEquals(8, listStart[xyz + 1] - listStart[xyz]);
    assertTrue(Arrays.binarySearch(dense, jkv) >= 0, "in 9 chunks: a bitset");
    for (String q : List.of("xyzqw", "jkvjkv", "vjk", "xyz", "aaa")) {
      m.check(q);
    }
  }

  @Test
  void theLineBudgetGoesToTheTrigramsInTheMostChunksFirst() {
    // 1000 eight-byte lines, ten a chunk; the budget is 4% of 8000 bytes, 320. "pqrstuv" is on
    // 150 lines (exactly the share a line list may have) in every chunk: two of its 150-byte
    // lists fit and take most of it, before "bcdefgh" (20 lines, 20 chunks) and "klmnopr" (136
    // lines of 16 chunks) are tried; the model checks which lists were kept.
    java.util.Map<Integer, String> marks = new java.util.HashMap<>();
    for (int l = 0; l < 1000; l++) {
      if (l % 20 == 0 || l % 20 == 7 || l % 20 == 13) {
        marks.put(l, "pqrstuv");
      } else if (l >= 200 && l < 360) {
        marks.put(l, "klmnopr");
      }
    }
    for (int l = 405; l < 605; l += 10) {
      marks.put(l, "bcdefgh");
    }
    Model m = new Model(build(List.of(markedLines(1000, marks)), 80));
    m.checkTables();
    int[] lineCounts = field(m.b.index(), "lineCounts");
    List<Integer> counts = java.util.stream.IntStream.of(lineCounts).boxed().toList();
    assertEquals(2, java.util.Collections.frequency(counts, 150), "two lists of exactly the share: " + counts);
    for (String q : List.of("pqrstuv", "bcdefgh", "klmnopr", "v\nk", "qrs", "aaa", "fgh\nb")) {
      m.check(q);
    }
    for (String q : m.aroundLineBuckets()) {
      m.check(q);
    }
  }

  @Test
  void chunksOfOneByteEndAtTheirNewline() {
    // chunkBytes 1: every line is a chunk, even an empty first one.
    Model m = new Model(build(List.of("\nabc\n\nabcd\nxy", "\n", "abc"), 1));
    m.checkTables();
    assertEquals(7, m.chunkCount());
    for (String q : List.of("abc", "bcd", "c\n\n", "xy\n")) {
      m.check(q);
    }
  }

  @Test
  void aQueryInMoreThanTheDenseShareOfTheChunksIsNotNarrowed() {
    // Each file one chunk, and "xyz" only on lines of its own (more than the line share).
    List<String> three = List.of("xyzxyz\n".repeat(3), "aaaaaa\n".repeat(3), "aaaaaa\n".repeat(3));
    Model m = new Model(build(three, 4096));
    m.checkTables();
    assertEquals("all", m.check("xyzxyz"), "one chunk in three");
    List<String> ten = new ArrayList<>();
    for (int f = 0; f < 10; f++) {
      ten.add((f < 3 ? "xyzxyz\n" : "aaaaaa\n").repeat(3));
    }
    Model m10 = new Model(build(ten, 4096));
    m10.checkTables();
    assertEquals("spans", m10.check("xyzxyz"), "exactly the dense share: three in ten");
  }

  @Test
  void aQueryInFewerThanTheFewShareOfTheChunksIsNotNarrowedToLines() {
    // 100 files of ten lines, each one chunk and one piece. "xyzqw" is on one line of 20 files:
    // in a fifth of the chunks and a fiftieth of the lines, it has a line list. "xyzqwkk" is in
    // exactly 3 of the chunks, the few share: spans, not lines; in 4, lines.
    for (int kk : new int[] {3, 4}) {
      List<String> files = new ArrayList<>();
      for (int f = 0; f < 100; f++) {
        String line = f % 5 == 0 ? (f / 5 < kk ? "xyzqwkk" : "xyzqwaa") : "aaaaaaa";
        files.add(markedLines(10, java.util.Map.of(f % 10, line)));
      }
      Model m = new Model(build(files, 4096));
      m.checkTables();
      assertEquals("lines", m.check("xyzqw"));
      assertEquals(kk == 3 ? "spans" : "lines", m.check("xyzqwkk"), kk + " chunks of 100");
    }
  }

  @Test
  void aChunkHoldingEveryBucketIsIndexedWhole() {
    // 600 KB (4096 buckets) in one chunk of random letters: it holds a trigram of every bucket,
    // as many as the builder's first scratch list holds.
    SplittableRandom r = new SplittableRandom(11);
    StringBuilder b = new StringBuilder();
    while (b.length() < 600_000) {
      for (int i = 0; i < 59; i++) {
        b.append((char) ('a' + r.nextInt(26)));
      }
      b.append('\n');
    }
    Built built = build(List.of(b.toString()), 1 << 30);
    int bits = field(built.index(), "bits");
    // The premise, not a claim: the bucket count only sets how often trigrams collide.
    org.junit.jupiter.api.Assumptions.assumeTrue(bits == 12, "4096 buckets for 600 KB");
    int[] listStart = field(built.index(), "listStart");
    int[] denseBuckets = field(built.index(), "denseBuckets");
    for (int k = 0; k < 1 << bits; k++) {
      assertTrue(listStart[k + 1] > listStart[k] || Arrays.binarySearch(denseBuckets, k) >= 0, "bucket " + k);
    }
  }
}
