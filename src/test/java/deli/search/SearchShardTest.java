package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.testing.Await;
import deli.trace.Trace;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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

  @Test
  void aShardThatCrashesWhileLoadingIsReadyOnceWithWhatItsNewIncarnationLoaded(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.py"), "x = 'a'\n");
    // The first load stops at the pipe until the test writes to it: the crash comes while it loads.
    Path pipe = dir.resolve("p.py");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    TestProbe<SearchShard.Loading> loading = testKit.createTestProbe();
    TestProbe<SearchShard.LoadEvent> outcomes = testKit.createTestProbe();
    ActorRef<SearchShard.LoadEvent> listener =
        testKit.spawn(
            Behaviors.receiveMessage(
                e -> {
                  if (e instanceof SearchShard.Loading l) {
                    loading.getRef().tell(l);
                  } else {
                    outcomes.getRef().tell(e);
                  }
                  return Behaviors.same();
                }));
    ShardSpec spec = new ShardSpec(dir.toString(), "*.py", List.of(), 0, 1, true, 8192, 1 << 20);
    ActorRef<SearchShard.Command> shard =
        testKit.spawn(
            Behaviors.supervise(SearchShard.create(spec, listener, 100))
                .onFailure(SearchShard.Crashed.class, SupervisorStrategy.restart().withLoggingEnabled(false)));
    CompletableFuture<OutputStream> opened =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.newOutputStream(pipe);
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    byte[] piped = "x = 'from the pipe'\n".getBytes(StandardCharsets.UTF_8);
    try (OutputStream firstLoad = opened.get(Await.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS)) {
      // The first load holds the pipe open; the restarted shard finds a plain file in its place.
      Files.delete(pipe);
      Files.writeString(pipe, "x = 'file'\n");
      shard.tell(SearchShard.Crash.INSTANCE);
      SearchShard.Ready r = assertInstanceOf(SearchShard.Ready.class, outcomes.receiveMessage(Duration.ofSeconds(30)));
      assertEquals(2, r.report().files());
      firstLoad.write(piped);
    }
    // The first load ends now; its corpus must not replace the one loaded after the crash.
    long firstLoadBytes = Files.size(dir.resolve("a.py")) + piped.length;
    loading.fishForMessage(
        Duration.ofSeconds(30),
        l -> l.filesDone() == 2 && l.bytes() == firstLoadBytes ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    outcomes.expectNoMessage(Await.scaled(Duration.ofSeconds(1)));
    assertEquals(List.of("p.py"), files(shard, "'file'"));
    assertEquals(List.of(), files(shard, "'from the pipe'"));
  }
}
