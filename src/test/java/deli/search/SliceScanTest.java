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
      for (int batch : new int[] {1, 64, 4096, SliceScan.BATCH_BYTES}) {
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
}
