package deli.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
    FileHits hits = new FileHits("a/b.py", 3, new int[] {1, 9}, text, new int[] {9, text.length});
    SearchShard.Matches m = new SearchShard.Matches(Trace.of("t3", "x"), 7, "/src", 3, 8, new ShardMatches(10, 3, List.of(hits), 1234));
    SearchShard.Matches back = roundTrip(m);
    FileHits h = back.matches().hits().get(0);
    assertEquals("a/b.py", h.path());
    assertEquals(3, h.count());
    assertArrayEquals(hits.lines(), h.lines());
    assertArrayEquals(hits.text(), h.text());
    assertArrayEquals(hits.ends(), h.ends());
    assertEquals("import os", h.line(0));
    assertEquals("\u00e9", h.line(1));
    assertEquals(new SearchShard.QueryFailed(Trace.of("t", "x"), 1, 2, "why", true), roundTrip(new SearchShard.QueryFailed(Trace.of("t", "x"), 1, 2, "why", true)));

    LoadReport report = new LoadReport(2, 30, 4, 1, List.of(new ShardCorpus.Problem("x.py", "permission denied")), 40, 1.3, 5, 6, true);
    assertEquals(report, roundTrip(report));
    assertEquals(
        new SearchShard.Ready(Trace.of("t", "x"), 3, report), roundTrip(new SearchShard.Ready(Trace.of("t", "x"), 3, report)));
  }
}
