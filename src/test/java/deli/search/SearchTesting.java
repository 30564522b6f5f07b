package deli.search;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;

/** Setting up a {@link DirectorySearch} in a test and asking it things. */
final class SearchTesting {
  static final Duration LOAD = Duration.ofSeconds(120);

  private SearchTesting() {}

  /** deli's settings with the reference defaults, for {@code root} and these overrides of {@code deli.search}. */
  static SearchSettings settings(Path root, int shards, boolean index, Map<String, Object> more) {
    Map<String, Object> flags = new HashMap<>();
    flags.put("deli.search.root", root.toString());
    flags.put("deli.search.shards", shards);
    flags.put("deli.search.index", index);
    more.forEach((k, v) -> flags.put("deli.search." + k, v));
    return SearchSettings.from(DeliConfig.load(flags).getConfig("deli.search"));
  }

  /** A directory search that has loaded its tree. */
  record Loaded(ActorRef<DirectorySearch.Command> search, TreeEvent.TreeLoaded loaded, TestProbe<TreeEvent> events) {}

  static Loaded load(ActorTestKit kit, SearchSettings s) {
    TestProbe<TreeEvent> events = kit.createTestProbe();
    ActorRef<DirectorySearch.Command> search = kit.spawn(DirectorySearch.create(s, Trace.start("test"), events.getRef()));
    List<TreeEvent> seen =
        events.fishForMessage(
            LOAD,
            e -> e instanceof TreeEvent.LoadProgress ? FishingOutcomes.continueAndIgnore() : FishingOutcomes.complete());
    TreeEvent last = seen.get(seen.size() - 1);
    if (!(last instanceof TreeEvent.TreeLoaded loaded)) {
      throw new AssertionError("expected the tree to load, got " + last);
    }
    return new Loaded(search, loaded, events);
  }

  static DirectorySearch.Answer ask(ActorTestKit kit, ActorRef<DirectorySearch.Command> search, SearchQuery q) {
    TestProbe<DirectorySearch.Answer> reply = kit.createTestProbe();
    search.tell(new DirectorySearch.Search(Trace.start("test"), q, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(60));
  }

  static DirectorySearch.Found found(ActorTestKit kit, ActorRef<DirectorySearch.Command> search, SearchQuery q) {
    DirectorySearch.Answer a = ask(kit, search, q);
    if (a instanceof DirectorySearch.Found f) {
      return f;
    }
    throw new AssertionError("the search failed: " + a);
  }

  static void teardown(ActorTestKit kit, ActorRef<DirectorySearch.Command> search) {
    TestProbe<DirectorySearch.TornDown> done = kit.createTestProbe();
    search.tell(new DirectorySearch.Teardown(Trace.start("test"), done.getRef()));
    done.receiveMessage(Duration.ofSeconds(30));
  }

  static SearchQuery query(String text, boolean ignoreCase, boolean regex, boolean count, int limit) {
    return new SearchQuery(text, ignoreCase, regex, count, limit, Integer.MAX_VALUE);
  }
}
