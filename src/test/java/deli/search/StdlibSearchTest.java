package deli.search;

import static deli.search.SearchTesting.found;
import static deli.search.SearchTesting.load;
import static deli.search.SearchTesting.settings;
import static deli.search.SearchTesting.teardown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The machine's Python standard library (about 160 MB here) against grep, as a real tree. */
class StdlibSearchTest {
  static final ActorTestKit testKit = ActorTestKit.create("StdlibSearchTest", DeliConfig.load());
  static final List<String> QUERIES = List.of("import", "zipimporter", "no-such-string-in-the-stdlib", "é", "λ");

  static Path stdlib;
  /** grep's lines per query, computed once for every shard count. */
  static final Map<String, List<String>> expected = new LinkedHashMap<>();

  @BeforeAll
  static void askPythonAndGrep() throws Exception {
    Process p =
        new ProcessBuilder("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertEquals(0, p.waitFor(), out);
    stdlib = Path.of(out);
    assertTrue(Files.isDirectory(stdlib), "python3's stdlib is at " + out);
    for (String q : QUERIES) {
      String needle = Grep.latin1(q);
      expected.put(q, Grep.lines(stdlib, "*.py", List.of("-F"), q, text -> text.contains(needle)));
    }
    assertTrue(expected.get("import").size() > 1000, "the stdlib imports things");
    assertTrue(expected.get("zipimporter").size() > 0, "the stdlib has zipimport");
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void matchingLinesEqualGrepsOnOneShardWithTheIndex() throws Exception {
    agreesWithGrep(1, true);
  }

  @Test
  void matchingLinesEqualGrepsOnTwoShards() throws Exception {
    agreesWithGrep(2, false);
  }

  @Test
  void matchingLinesEqualGrepsOnEightShardsWithTheIndex() throws Exception {
    agreesWithGrep(8, true);
  }

  private void agreesWithGrep(int shards, boolean index) throws Exception {
    var s = load(testKit, settings(stdlib, shards, index, Map.of()));
    try {
      assertTrue(s.loaded().report().largestShardRatio() <= 1.5, "memory per shard: " + s.loaded().report());
      for (String q : QUERIES) {
        DirectorySearch.Found f = found(testKit, s.search(), SearchQuery.of(q));
        assertEquals(expected.get(q), Grep.lines(f), shards + " shards, index " + index + ", query '" + q + "'");
      }
    } finally {
      teardown(testKit, s.search());
    }
  }
}
