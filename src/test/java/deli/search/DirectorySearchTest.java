package deli.search;

import static deli.search.SearchTesting.found;
import static deli.search.SearchTesting.load;
import static deli.search.SearchTesting.query;
import static deli.search.SearchTesting.settings;
import static deli.search.SearchTesting.teardown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySearchTest {
  static final ActorTestKit testKit = ActorTestKit.create("DirectorySearchTest", DeliConfig.load());

  @TempDir static Path tree;

  @BeforeAll
  static void makeTree() throws Exception {
    GeneratedTree.write(tree, 400, 42);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static final List<String> QUERIES =
      List.of("import", "class", "def", "self", "zipimporter", "not-in-the-tree", "é", "日本", "naïve", "import ", "", ": ");

  @Test
  void matchingLinesEqualGrepsForOneTwoAndEightShardsWithAndWithoutTheIndex() throws Exception {
    for (int shards : new int[] {1, 2, 8}) {
      for (boolean index : new boolean[] {false, true}) {
        var s = load(testKit, settings(tree, shards, index, Map.of("index-chunk", 256)));
        assertEquals(index, s.loaded().report().indexed());
        for (String q : QUERIES) {
          DirectorySearch.Found f = found(testKit, s.search(), SearchQuery.of(q));
          String needle = Grep.latin1(q);
          List<String> expected = Grep.lines(tree, "*.py", List.of("-F"), q, text -> text.contains(needle));
          String where = shards + " shards, index " + index + ", query '" + q + "'";
          assertEquals(expected, Grep.lines(f), where);
          assertEquals(expected.size(), f.lines(), where);
          assertTrue(f.complete(), where);
        }
        teardown(testKit, s.search());
      }
    }
  }

  @Test
  void ignoreCaseCountLimitAndRegexWorkLikeGrepsOptions() throws Exception {
    for (boolean index : new boolean[] {false, true}) {
      var s = load(testKit, settings(tree, 3, index, Map.of("index-chunk", 256)));
      for (String q : List.of("import", "CLASS", "Def", "zipIMPORTER", "os.PATH")) {
        String folded = q.toLowerCase(java.util.Locale.ROOT);
        List<String> expected =
            Grep.lines(tree, "*.py", List.of("-F", "-i"), q, text -> text.toLowerCase(java.util.Locale.ROOT).contains(folded));
        assertEquals(expected, Grep.lines(found(testKit, s.search(), query(q, true, false, false, 0))), "-i " + q);
      }
      for (String q : List.of("import", "def", "é")) {
        assertEquals(
            Grep.counts(tree, "*.py", List.of("-F"), q), Grep.counts(found(testKit, s.search(), query(q, false, false, true, 0))), "-c " + q);
        List<String> expected = Grep.lines(tree, "*.py", List.of("-F", "-m", "2"), q, text -> true);
        assertEquals(expected, Grep.lines(found(testKit, s.search(), query(q, false, false, false, 2))), "-m 2 " + q);
      }
      // deli's regexes match characters, as grep's do in a UTF-8 locale.
      for (String re : List.of("imp[o]rt +(os|sys)", "^def", "CLASS\\s*$", "[[:digit:]]", "\\<in\\>", "x = .*=", "na.ve", "[[:alpha:]]λ", "é\\b")) {
        List<String> expected = Grep.lines(tree, "*.py", List.of("-E"), re, text -> true, "C.UTF-8");
        assertEquals(expected, Grep.lines(found(testKit, s.search(), query(re, false, true, false, 0))), "-E " + re);
        List<String> folded = Grep.lines(tree, "*.py", List.of("-E", "-i"), re, text -> true, "C.UTF-8");
        assertEquals(folded, Grep.lines(found(testKit, s.search(), query(re, true, true, false, 0))), "-E -i " + re);
      }
      teardown(testKit, s.search());
    }
  }

  @Test
  void theSkippedDirectoriesAndOtherNamesAreNeverLoaded() throws Exception {
    var plain = load(testKit, settings(tree, 2, false, Map.of()));
    DirectorySearch.Found all = found(testKit, plain.search(), SearchQuery.of(""));
    for (FileHits h : all.hits()) {
      for (String skipped : List.of("__pycache__/", ".git/", ".tox/", ".idea/")) {
        assertFalse(h.path().startsWith(skipped) || h.path().contains("/" + skipped), h.path());
      }
      assertTrue(h.path().endsWith(".py"), h.path());
    }
    assertTrue(all.hits().stream().anyMatch(h -> h.path().startsWith("node_modules/")), "node_modules is searched unless skipped");
    teardown(testKit, plain.search());

    var skipping = load(testKit, settings(tree, 2, false, Map.of("skip", List.of("node_*"))));
    DirectorySearch.Found some = found(testKit, skipping.search(), SearchQuery.of(""));
    assertTrue(some.hits().stream().noneMatch(h -> h.path().startsWith("node_modules/")));
    List<String> expected =
        Grep.lines(tree, "*.py", List.of("-F", "--exclude-dir=node_modules"), "import", text -> text.contains("import"));
    assertEquals(expected, Grep.lines(found(testKit, skipping.search(), SearchQuery.of("import"))));
    teardown(testKit, skipping.search());
  }

  @Test
  void aFileRemovedAfterLoadingIsStillAnsweredFromMemory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.py"), "import a\n");
    Files.writeString(dir.resolve("b.py"), "import b\nx = 1\n");
    var s = load(testKit, settings(dir, 2, true, Map.of()));
    Files.delete(dir.resolve("b.py"));
    Files.delete(dir.resolve("a.py"));
    DirectorySearch.Found f = found(testKit, s.search(), SearchQuery.of("import"));
    assertEquals(List.of("a.py:1:import a", "b.py:1:import b"), Grep.lines(f));
    assertEquals(2, f.files());
    teardown(testKit, s.search());
  }

  @Test
  void filesThatAreNotUtf8AreSearchedByteForByteAndCounted(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("latin.py"), "# caf\u00e9\nimport x\n".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(dir.resolve("utf8.py"), "# caf\u00e9\n".getBytes(StandardCharsets.UTF_8));
    var s = load(testKit, settings(dir, 1, false, Map.of()));
    assertEquals(1, s.loaded().report().notUtf8());
    DirectorySearch.Found f = found(testKit, s.search(), SearchQuery.of("café"));
    assertEquals(List.of("utf8.py:1:# caf\u00c3\u00a9"), Grep.lines(f));
    FileHits latin = found(testKit, s.search(), SearchQuery.of("caf")).hits().get(0);
    assertEquals("# caf\ufffd", latin.line(0), "bytes that are not UTF-8 print as U+FFFD");
    teardown(testKit, s.search());
  }

  @Test
  void unreadableFilesAreReportedAndTheRestIsSearched(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("good.py"), "import good\n");
    Files.createSymbolicLink(dir.resolve("dangling.py"), dir.resolve("nowhere"));
    var s = load(testKit, settings(dir, 2, false, Map.of()));
    LoadReport r = s.loaded().report();
    assertEquals(1, r.files());
    assertEquals(List.of(new ShardCorpus.Problem("dangling.py", "no such file")), r.problems());
    assertEquals(List.of("good.py:1:import good"), Grep.lines(found(testKit, s.search(), SearchQuery.of("import"))));
    teardown(testKit, s.search());
  }

  @Test
  void aShardThatCrashesIsRestartedReloadsItsFilesAndAnswersAgain() throws Exception {
    var s = load(testKit, settings(tree, 2, true, Map.of()));
    List<String> before = Grep.lines(found(testKit, s.search(), SearchQuery.of("import")));
    ActorRef<SearchShard.Command> shard = shardsOf(s.search(), 1).get(0);
    shard.tell(SearchShard.Crash.INSTANCE);
    // A query sent while the shard reloads waits for it.
    TestProbe<DirectorySearch.Answer> early = testKit.createTestProbe();
    s.search().tell(new DirectorySearch.Search(Trace.start("test"), SearchQuery.of("import"), early.getRef()));
    List<TreeEvent> seen =
        s.events()
            .fishForMessage(
                Duration.ofSeconds(60),
                e -> e instanceof TreeEvent.ShardReloaded ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    assertInstanceOf(TreeEvent.ShardReloaded.class, seen.get(seen.size() - 1));
    DirectorySearch.Found during = assertInstanceOf(DirectorySearch.Found.class, early.receiveMessage(Duration.ofSeconds(60)));
    assertEquals(before, Grep.lines(during));
    assertEquals(before, Grep.lines(found(testKit, s.search(), SearchQuery.of("import"))));
    teardown(testKit, s.search());
  }

  @Test
  void aSearchSentBeforeTheTreeIsLoadedWaitsForIt() throws Exception {
    TestProbe<TreeEvent> events = testKit.createTestProbe();
    TestProbe<DirectorySearch.Answer> reply = testKit.createTestProbe();
    ActorRef<DirectorySearch.Command> search =
        testKit.spawn(DirectorySearch.create(settings(tree, 2, true, Map.of()), Trace.start("test"), events.getRef()));
    search.tell(new DirectorySearch.Search(Trace.start("test"), SearchQuery.of("zipimporter"), reply.getRef()));
    DirectorySearch.Found f = assertInstanceOf(DirectorySearch.Found.class, reply.receiveMessage(Duration.ofSeconds(60)));
    assertEquals(Grep.lines(tree, "*.py", List.of("-F"), "zipimporter", t -> true), Grep.lines(f));
    teardown(testKit, search);
  }

  @Test
  void aRootThatIsNotADirectoryFailsEverySearchWithTheReason(@TempDir Path dir) {
    TestProbe<TreeEvent> events = testKit.createTestProbe();
    Path missing = dir.resolve("missing");
    ActorRef<DirectorySearch.Command> search =
        testKit.spawn(DirectorySearch.create(settings(missing, 2, false, Map.of()), Trace.start("test"), events.getRef()));
    var failed = events.expectMessageClass(TreeEvent.TreeUnloadable.class, Duration.ofSeconds(30));
    assertEquals("no such directory: " + missing, failed.reason());
    var answer = SearchTesting.ask(testKit, search, SearchQuery.of("x"));
    assertEquals("no such directory: " + missing, assertInstanceOf(DirectorySearch.SearchFailed.class, answer).reason());
    teardown(testKit, search);
  }

  @Test
  void aLimitOnLinesKeepsTheFirstInPathOrderAndStillCountsEveryMatch() throws Exception {
    var s = load(testKit, settings(tree, 4, false, Map.of()));
    List<String> all = Grep.lines(found(testKit, s.search(), SearchQuery.of("def")));
    DirectorySearch.Found some = found(testKit, s.search(), SearchQuery.of("def").withMaxLines(25));
    assertEquals(all.subList(0, 25), Grep.lines(some));
    assertEquals(all.size(), some.lines());
    assertEquals(0, Grep.lines(found(testKit, s.search(), SearchQuery.of("def").withMaxLines(0))).size());
    teardown(testKit, s.search());
  }

  @Test
  void teardownStopsTheShardsAndTheFacade() throws Exception {
    var s = load(testKit, settings(tree, 3, false, Map.of()));
    List<ActorRef<SearchShard.Command>> shards = shardsOf(s.search(), 3);
    assertEquals(3, shards.size());
    teardown(testKit, s.search());
    TestProbe<Object> watcher = testKit.createTestProbe();
    watcher.expectTerminated(s.search(), Duration.ofSeconds(10));
    for (ActorRef<SearchShard.Command> shard : shards) {
      watcher.expectTerminated(shard, Duration.ofSeconds(10));
    }
  }

  @Test
  void aTeardownWhileTheTreeLoadsAnswersTheWaitingSearchesAndStops(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.py"), "import a\n");
    // A shard's load stops at the pipe until the test writes to it: the tree is still loading.
    Path pipe = dir.resolve("p.py");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    TestProbe<TreeEvent> events = testKit.createTestProbe();
    TestProbe<DirectorySearch.Answer> reply = testKit.createTestProbe();
    ActorRef<DirectorySearch.Command> search =
        testKit.spawn(DirectorySearch.create(settings(dir, 2, false, Map.of()), Trace.start("test"), events.getRef()));
    try {
      search.tell(new DirectorySearch.Search(Trace.start("test"), SearchQuery.of("import"), reply.getRef()));
      TestProbe<DirectorySearch.TornDown> done = testKit.createTestProbe();
      search.tell(new DirectorySearch.Teardown(Trace.start("test"), done.getRef()));
      DirectorySearch.SearchFailed waited = assertInstanceOf(DirectorySearch.SearchFailed.class, reply.receiveMessage(Duration.ofSeconds(10)));
      assertEquals("the search is shutting down", waited.reason());
      done.receiveMessage(Duration.ofSeconds(10));
      reply.expectTerminated(search, Duration.ofSeconds(10));
    } finally {
      // The load still waits at the pipe: let it end.
      java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  Files.newOutputStream(pipe).close();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /**
   * The shards of {@code search}, as registered with the Receptionist, once at least
   * {@code atLeast} have registered (each registers when it has loaded its files).
   */
  private static List<ActorRef<SearchShard.Command>> shardsOf(ActorRef<DirectorySearch.Command> search, int atLeast) {
    TestProbe<Receptionist.Listing> probe = testKit.createTestProbe();
    List<ActorRef<SearchShard.Command>> mine = new ArrayList<>();
    for (int attempt = 0; attempt < 100 && mine.size() < atLeast; attempt++) {
      mine.clear();
      testKit.system().receptionist().tell(Receptionist.find(SearchShard.KEY, probe.getRef()));
      for (ActorRef<SearchShard.Command> ref : probe.receiveMessage().getServiceInstances(SearchShard.KEY)) {
        if (ref.path().parent().equals(search.path())) {
          mine.add(ref);
        }
      }
      if (mine.size() < atLeast) {
        probe.expectNoMessage(Duration.ofMillis(50));
      }
    }
    mine.sort(java.util.Comparator.comparing(r -> r.path().name()));
    return mine;
  }
}
