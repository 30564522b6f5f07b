package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.testing.Await;
import deli.testing.TestCluster;
import deli.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster node without a tree answers searches from the nodes that hold one, instead of refusing them. */
class SearchForwarderTest {
  static final int SLICES = 4;

  @TempDir Path tree;

  static DirectorySearch.Answer ask(ActorTestKit kit, ActorRef<DirectorySearch.Command> search, String q) {
    TestProbe<DirectorySearch.Answer> reply = kit.createTestProbe();
    search.tell(new DirectorySearch.Search(Trace.start("test"), SearchQuery.of(q), reply.getRef()));
    return reply.receiveMessage(Await.scaled(Duration.ofSeconds(30)));
  }

  @Test
  void aNodeWithoutATreeSendsSearchesToTheNodesHoldingOneAndSaysSoWhenNoneDoes() throws Exception {
    GeneratedTree.write(tree, 200, 31);
    try (TestCluster cluster = TestCluster.of(2)) {
      ActorTestKit holder = cluster.kit(0);
      ActorTestKit asked = cluster.kit(1);
      ActorRef<DirectorySearch.Command> forwarder = asked.spawn(SearchForwarder.create(Duration.ofSeconds(20)), "search-forwarder");

      DirectorySearch.Answer none = ask(asked, forwarder, "import");
      assertEquals(SearchForwarder.NO_TREE, assertInstanceOf(DirectorySearch.SearchFailed.class, none).reason());

      SearchSettings s = SearchTesting.settings(tree, 1, false, Map.of());
      TestProbe<TreeEvent> events = holder.createTestProbe();
      holder.spawn(SearchNode.create(s, new SearchClusterSettings(SLICES, Duration.ofMillis(500)), events.getRef()), "search");
      events.fishForMessage(
          Await.scaled(Duration.ofSeconds(60)),
          e -> e instanceof TreeEvent.SlicesLoaded ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());

      for (String q : List.of("import", "zipimporter", "日本", "not-in-the-tree")) {
        // The holder's shards reach the asking node's listing a moment after they are loaded.
        DirectorySearch.Found found =
            events.awaitAssert(
                Await.scaled(Duration.ofSeconds(30)),
                Duration.ofMillis(100),
                () -> {
                  DirectorySearch.Found f = assertInstanceOf(DirectorySearch.Found.class, ask(asked, forwarder, q));
                  assertTrue(f.complete(), f.missingParts().toString());
                  assertEquals(SLICES, f.shards());
                  return f;
                });
        String needle = Grep.latin1(q);
        SearchClusterTest.assertSameLines(Grep.lines(tree, "*.py", List.of("-F"), q, text -> text.contains(needle)), Grep.lines(found), q);
      }

      cluster.crash(0);
      // Once the holder is gone from the listing, there is no tree to ask again.
      events.awaitAssert(
          Await.scaled(Duration.ofSeconds(60)),
          Duration.ofMillis(200),
          () -> {
            DirectorySearch.Answer a = ask(asked, forwarder, "import");
            if (a instanceof DirectorySearch.Found f) {
              assertTrue(!f.complete(), "an answer while the holder is lost says what is missing");
              throw new AssertionError("still listed");
            }
            assertEquals(SearchForwarder.NO_TREE, ((DirectorySearch.SearchFailed) a).reason());
            return null;
          });
    }
  }
}
