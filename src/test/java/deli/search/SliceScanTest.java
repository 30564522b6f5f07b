package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.python.Fnmatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slice searched as it is read finds what the same slice held in memory finds, whatever the batch size. */
class SliceScanTest {
  @TempDir Path tree;

  static SearchQuery q(String text, boolean word, boolean invert, boolean count, boolean without, int perFile) {
    return new SearchQuery(text, List.of(), false, false, word, invert, count || without, without, perFile, Integer.MAX_VALUE);
  }

  @Test
  void batchesOfAnySizeGiveTheHeldSlicesAnswersAndItsCounts() throws Exception {
    GeneratedTree.write(tree, 150, 5);
    Files.writeString(tree.resolve("gone.py"), "x");
    List<SearchQuery> queries =
        List.of(
            SearchQuery.of("import"),
            SearchQuery.of("é"),
            q("x", true, false, false, false, 0),
            q("self", false, true, false, false, 3),
            q("zipimporter", false, false, true, false, 0),
            q("def", false, false, false, true, 0),
            new SearchQuery("imp[o]rt|日本", true, true, false, 0, Integer.MAX_VALUE));
    for (int slice = 0; slice < 2; slice++) {
      ShardSpec spec = new ShardSpec(tree.toString(), "*.py", List.of(), slice, 2, false, 256, 1 << 20);
      ShardCorpus held = ShardCorpus.load(spec, (a, b, c) -> {});
      List<String> all = SourceTree.walk(tree, Fnmatch.of("*.py"), spec.skipPatterns(), (p, why) -> {});
      List<String> mine = new ArrayList<>();
      for (int i = slice; i < all.size(); i += 2) {
        mine.add(all.get(i));
      }
      // Plain strings only: files that hold none of them are counted and skipped unparsed.
      List<SearchQuery> plain = List.of(SearchQuery.of("zipimporter"), q("naïve", true, false, true, false, 0), new SearchQuery("CLASS", true, false, false, 1, 5));
      assertTrue(SliceScan.needles(plain) != null);
      for (int batch : new int[] {1, 64, 4096, SliceScan.BATCH_BYTES}) {
        SliceScan.Result p = SliceScan.run(spec, mine, plain, batch);
        assertEquals(held.files(), p.report().files());
        assertEquals(held.bytes(), p.report().bytes());
        assertEquals(held.lines(), p.report().lines());
        assertEquals(held.notUtf8(), p.report().notUtf8());
        for (int k = 0; k < plain.size(); k++) {
          assertEquals(ShardSearch.run(held, plain.get(k)).hits(), p.matches().get(k).hits(), "plain " + plain.get(k));
        }
        SliceScan.Result r = SliceScan.run(spec, mine, queries, batch);
        assertEquals(held.files(), r.report().files());
        assertEquals(held.bytes(), r.report().bytes());
        assertEquals(held.lines(), r.report().lines());
        assertEquals(held.notUtf8(), r.report().notUtf8());
        assertEquals(0, r.report().memoryBytes());
        for (int k = 0; k < queries.size(); k++) {
          ShardMatches expected = ShardSearch.run(held, queries.get(k));
          String where = "slice " + slice + ", batch " + batch + ", " + queries.get(k);
          assertNull(r.failures().get(k), where);
          assertEquals(expected.hits(), r.matches().get(k).hits(), where);
          assertEquals(expected.lines(), r.matches().get(k).lines(), where);
          assertEquals(expected.files(), r.matches().get(k).files(), where);
        }
      }
    }
  }

  @Test
  void aStarThenPlainTextIsASuffixAndMatchesAsFnmatchDoes() {
    List<String> names = List.of("a.py", ".py", "py", "a.pyc", "a.PY", "a.py.txt", "x*.py", "é.py", "a.p", "[a].py");
    for (String pattern : List.of("*.py", "*", "*.p?", "a*", "*[.]py", "*.txt")) {
      var fast = SourceTree.names(Fnmatch.of(pattern));
      for (String n : names) {
        assertEquals(Fnmatch.of(pattern).matches(n), fast.test(n), pattern + " " + n);
      }
    }
  }

  @Test
  void linesAreCountedAsALoadedFileCountsThem() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      byte[] t = new byte[r.nextInt(40)];
      for (int k = 0; k < t.length; k++) {
        t[k] = (byte) (r.nextInt(4) == 0 ? '\n' : r.nextInt(3) == 0 ? 0x8a : 'a');
      }
      int from = t.length == 0 ? 0 : r.nextInt(t.length);
      long expected = 0;
      for (int at = from; at < t.length; ) {
        expected++;
        int nl = ShardCorpus.newline(t, at, t.length);
        at = nl < 0 ? t.length : nl + 1;
      }
      assertEquals(expected, SliceScan.lines(t, from, t.length), java.util.Arrays.toString(t) + " from " + from);
      long both = SliceScan.linesAndAscii(t, from, t.length);
      assertEquals(expected, both & Long.MAX_VALUE);
      assertEquals(deli.python.Utf8.classify(t, from, t.length) != deli.python.Utf8.ASCII, both < 0, "not ASCII: " + java.util.Arrays.toString(t) + " from " + from);
    }
  }

  @Test
  void longRunsOfNewlinesAreCountedWhereverTheCountsAreFolded() {
    // Eight bytes a word, each byte's count folded every 255 words: lengths about those, all newlines
    // (every byte's count at its highest), then newlines among other bytes, from every start in a word.
    for (int len : new int[] {8 * 255 - 1, 8 * 255, 8 * 255 + 1, 8 * 255 + 7, 8 * 256, 8 * 510 + 3, 100_000}) {
      byte[] t = new byte[len];
      java.util.Arrays.fill(t, (byte) '\n');
      for (int from = 0; from < 8; from++) {
        assertEquals(len - from, SliceScan.lines(t, from, len), len + " newlines from " + from);
      }
      java.util.SplittableRandom r = new java.util.SplittableRandom(len);
      long newlines = 0;
      for (int k = 0; k < len; k++) {
        t[k] = (byte) (r.nextInt(3) == 0 ? '\n' : r.nextInt(2) == 0 ? 0x8a : 0x0b);
        newlines += t[k] == '\n' ? 1 : 0;
      }
      assertEquals(newlines + (t[len - 1] == '\n' ? 0 : 1), SliceScan.lines(t, 0, len), len + " mixed bytes");
      assertTrue(SliceScan.linesAndAscii(t, 0, len) < 0, "0x8a is not ASCII");
      for (int k = 0; k < len; k++) {
        t[k] = t[k] == (byte) 0x8a ? (byte) 'a' : t[k];
      }
      assertEquals(newlines + (t[len - 1] == '\n' ? 0 : 1), SliceScan.linesAndAscii(t, 0, len), len + " ASCII bytes");
    }
  }

  @Test
  void aFileThatCannotBeReadIsAProblemAndTheOthersAreSearched() throws Exception {
    Files.writeString(tree.resolve("a.py"), "import os\n");
    Files.createSymbolicLink(tree.resolve("b.py"), tree.resolve("nowhere"));
    ShardSpec spec = new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, false, 256, 1 << 20);
    SliceScan.Result r = SliceScan.run(spec, List.of("a.py", "b.py"), List.of(SearchQuery.of("import")));
    assertEquals(1, r.report().files());
    assertEquals(1, r.report().problems().size());
    assertEquals("b.py", r.report().problems().get(0).path());
    assertTrue(r.report().problems().get(0).reason().contains("no such file"), r.report().problems().toString());
    assertEquals(1, r.matches().get(0).lines());
  }
  @Test
  void aLinkToADirectoryHandedOverAsAFileIsSkippedAsOsWalkSkipsIt() throws Exception {
    Files.writeString(tree.resolve("a.py"), "import os\n");
    Path sub = Files.createDirectory(tree.resolve("sub"));
    Files.writeString(sub.resolve("c.py"), "import sys\n");
    Files.createSymbolicLink(tree.resolve("l.py"), sub);
    ShardSpec spec = new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, false, 256, 1 << 20);
    // A walk going by link counts may hand l.py over unasked: neither reader counts it, nor calls it a problem.
    List<String> paths = List.of("a.py", "l.py", "sub/c.py");
    SliceScan.Result r = SliceScan.run(spec, paths, List.of(SearchQuery.of("import")));
    assertEquals(2, r.report().files());
    assertEquals(List.of(), r.report().problems());
    assertEquals(2, r.matches().get(0).lines());
    ShardCorpus held = ShardCorpus.load(spec, new SourceTree.Walk(paths, List.of()), (a, b, c) -> {});
    assertEquals(2, held.files());
    assertEquals(List.of(), held.problems());
  }

  @Test
  void aNameNoPathCanSpellIsAProblemOfItsOwnNotTheSlicesFailure() throws Exception {
    Files.writeString(tree.resolve("a.py"), "import os\n");
    ShardSpec spec = new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, false, 256, 1 << 20);
    // A lone surrogate has no bytes in any charset: as a name decoded without a locale, it cannot be opened.
    List<String> paths = List.of("a.py", "bad\uD800.py");
    SliceScan.Result r = SliceScan.run(spec, paths, List.of(SearchQuery.of("import")));
    assertEquals(1, r.matches().get(0).lines());
    assertEquals(List.of("bad\uD800.py"), r.report().problems().stream().map(ShardCorpus.Problem::path).toList());
    ShardCorpus held = ShardCorpus.load(spec, new SourceTree.Walk(paths, List.of()), (a, b, c) -> {});
    assertEquals(1, held.files());
    assertEquals(List.of("bad\uD800.py"), held.problems().stream().map(ShardCorpus.Problem::path).toList());
  }

  @Test
  void shardsTakingFilesFromOneHandoutScanEachOnceEachInPathOrder() throws Exception {
    GeneratedTree.write(tree, 150, 9);
    List<String> all = SourceTree.walk(tree, Fnmatch.of("*.py"), List.of(), (p, why) -> {});
    ShardSpec whole = new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, false, 256, 1 << 20);
    List<SearchQuery> queries = List.of(SearchQuery.of("import"), q("def", false, true, false, false, 0));
    SliceScan.Result one = SliceScan.run(whole, all, queries);
    for (int shards : new int[] {2, 3}) {
      SliceScan.Handout files = new SliceScan.Handout(all);
      List<java.util.concurrent.CompletableFuture<SliceScan.Result>> parts = new ArrayList<>();
      for (int i = 0; i < shards; i++) {
        ShardSpec spec = new ShardSpec(tree.toString(), "*.py", List.of(), i, shards, false, 256, 1 << 20);
        parts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> SliceScan.run(spec, files, queries)));
      }
      int filesScanned = 0;
      for (int k = 0; k < queries.size(); k++) {
        List<String> seen = new ArrayList<>();
        long lines = 0;
        for (var part : parts) {
          List<String> paths = part.get().matches().get(k).hits().stream().map(FileHits::path).toList();
          assertEquals(paths.stream().sorted().toList(), paths, "each shard's files in path order");
          seen.addAll(paths);
          lines += part.get().matches().get(k).lines();
        }
        seen.sort(null);
        assertEquals(one.matches().get(k).hits().stream().map(FileHits::path).toList(), seen, shards + " shards, " + queries.get(k));
        assertEquals(one.matches().get(k).lines(), lines);
      }
      for (var part : parts) {
        filesScanned += part.get().report().files();
      }
      assertEquals(one.report().files(), filesScanned, "every file scanned once");
    }
    assertTrue(SliceScan.Handout.FILES * 2 < all.size(), "enough files that each shard takes several times");
  }
}
