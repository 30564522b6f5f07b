package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What crosses nodes when shards live elsewhere survives Jackson CBOR. */
class SearchMessagesTest {
  static final ActorTestKit testKit = ActorTestKit.create("SearchMessagesTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static <T> T roundTrip(T message) {
    return testKit.serializationTestKit().verifySerialization(message, false);
  }

  @Test
  void aShardIsToldWhichSliceOfWhichTreeToLoadAndAnswersQueriesAcrossNodes() {
    ShardSpec spec = new ShardSpec("/src", "*.py", List.of("build", "node_*"), 3, 8, true, 8192, 1 << 20);
    assertEquals(spec, roundTrip(spec));
    assertEquals(new SearchShard.Load(Trace.of("t1", "x"), spec), roundTrip(new SearchShard.Load(Trace.of("t1", "x"), spec)));
    TestProbe<SearchShard.Reply> probe = testKit.createTestProbe();
    SearchShard.Query q = new SearchShard.Query(Trace.of("t2", "x"), 7, new SearchQuery("é", true, false, false, 2, 100), probe.getRef());
    assertEquals(q, roundTrip(q));
    assertEquals(SearchShard.Crash.INSTANCE, roundTrip(SearchShard.Crash.INSTANCE));

    byte[] text = "import os\u00e9".getBytes(StandardCharsets.UTF_8);
    FileHits hits = FileHits.of("a/b.py", 3, new int[] {1, 9}, text, new int[] {9, text.length});
    SearchShard.Matches m = new SearchShard.Matches(Trace.of("t3", "x"), 7, "/src", 3, 8, new ShardMatches(10, 3, List.of(hits), 1234));
    SearchShard.Matches back = roundTrip(m);
    FileHits h = back.matches().hits().get(0);
    assertEquals("a/b.py", h.path());
    assertEquals(3, h.count());
    assertEquals(hits, h);
    assertEquals(hits.hashCode(), h.hashCode());
    assertEquals(9, h.lineNumber(1));
    assertEquals("import os", h.line(0));
    assertEquals("\u00e9", h.line(1));
    assertEquals(new SearchShard.QueryFailed(Trace.of("t", "x"), 1, 2, "why", true), roundTrip(new SearchShard.QueryFailed(Trace.of("t", "x"), 1, 2, "why", true)));

    LoadReport report = new LoadReport(2, 30, 4, 1, List.of(new ShardCorpus.Problem("x.py", "permission denied")), 40, 1.3, 5, 6, true);
    assertEquals(report, roundTrip(report));
    assertEquals(
        new SearchShard.Ready(Trace.of("t", "x"), 3, report), roundTrip(new SearchShard.Ready(Trace.of("t", "x"), 3, report)));
  }

  @Test
  void whatAClusterQueryLearnsAndAnswersSurvivesToo() {
    byte[] text = "import os".getBytes(StandardCharsets.UTF_8);
    FileHits hits = FileHits.of("a.py", 1, new int[] {1}, text, new int[] {text.length});
    SearchShard.Matches m = new SearchShard.Matches(Trace.of("t", "x"), 2, "/srv/tree", 4, 12, new ShardMatches(5, 1, List.of(hits), 9));
    SearchShard.Matches back = roundTrip(m);
    assertEquals("/srv/tree", back.root());
    assertEquals(4, back.slice());
    assertEquals(12, back.slices());
    assertEquals(SearchShard.Retire.INSTANCE, roundTrip(SearchShard.Retire.INSTANCE));

    DirectorySearch.MissingPart part =
        new DirectorySearch.MissingPart("/srv/tree", 4, 12, 1122, List.of("_aix_support.py", "asyncio/base_futures.py"), "no reachable node holds it loaded");
    assertEquals(part, roundTrip(part));
    SliceCatalog catalog = SliceCatalog.of("/srv/tree", List.of("a.py", "b.py", "c/d.py"), 2);
    assertEquals(catalog, roundTrip(catalog));
    TreeEvent.SlicesLoaded loaded =
        new TreeEvent.SlicesLoaded(
            Trace.of("t", "x"), "/srv/tree", List.of(4, 8), 12, 3, new LoadReport(2, 30, 4, 0, List.of(), 40, 1.3, 5, 6, true), 77);
    assertEquals(loaded, roundTrip(loaded));
    DirectorySearch.Found found =
        new DirectorySearch.Found(Trace.of("t", "x"), SearchQuery.of("import"), 3, 0, List.of(), 10, 5, List.of(4), 12, List.of(part));
    DirectorySearch.Found foundBack = roundTrip(found);
    assertEquals(List.of(part), foundBack.missingParts());
    assertEquals(false, foundBack.complete());
  }
}
