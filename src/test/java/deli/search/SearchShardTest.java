package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One shard, told which slice of which tree to hold, as a shard on another node would be. */
class SearchShardTest {
  static final ActorTestKit testKit = ActorTestKit.create("SearchShardTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static SearchShard.Ready ready(TestProbe<SearchShard.LoadEvent> events) {
    List<SearchShard.LoadEvent> seen =
        events.fishForMessage(
            Duration.ofSeconds(30),
            e -> e instanceof SearchShard.Loading ? FishingOutcomes.continueAndIgnore() : FishingOutcomes.complete());
    return assertInstanceOf(SearchShard.Ready.class, seen.get(seen.size() - 1));
  }

  private static List<String> files(ActorRef<SearchShard.Command> shard, String query) {
    TestProbe<SearchShard.Reply> reply = testKit.createTestProbe();
    shard.tell(new SearchShard.Query(Trace.start("test"), 1, SearchQuery.of(query), reply.getRef()));
    SearchShard.Matches m = assertInstanceOf(SearchShard.Matches.class, reply.receiveMessage(Duration.ofSeconds(30)));
    return m.matches().hits().stream().map(FileHits::path).toList();
  }

  @Test
  void aShardHoldsTheSliceItIsToldToLoadAndRegistersOnceLoaded(@TempDir Path dir) throws Exception {
    for (String name : List.of("a.py", "b.py", "c.py", "d.py")) {
      Files.writeString(dir.resolve(name), "x = '" + name + "'\n");
    }
    ShardSpec first = new ShardSpec(dir.toString(), "*.py", List.of(), 0, 2, true, 8192, 1 << 20);
    TestProbe<SearchShard.LoadEvent> events = testKit.createTestProbe();
    ActorRef<SearchShard.Command> shard = testKit.spawn(SearchShard.create(first, events.getRef(), 100));
    SearchShard.Ready r = ready(events);
    assertEquals(0, r.slice());
    assertEquals(2, r.report().files());
    assertEquals(List.of("a.py", "c.py"), files(shard, "x = "));

    shard.tell(new SearchShard.Load(Trace.start("test"), first.slice(1, 2)));
    assertEquals(1, ready(events).slice());
    assertEquals(List.of("b.py", "d.py"), files(shard, "x = "));

    TestProbe<Receptionist.Listing> listing = testKit.createTestProbe();
    testKit.system().receptionist().tell(Receptionist.find(SearchShard.KEY, listing.getRef()));
    assertTrue(listing.receiveMessage().getServiceInstances(SearchShard.KEY).contains(shard));
  }
}
