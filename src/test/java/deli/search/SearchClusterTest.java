package deli.search;

import deli.python.Fnmatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Search over a 3-node cluster in one JVM: shards spread over nodes, a lost node, a re-split. */
class SearchClusterTest {
  static final int SLICES = 6;
  static final Duration LOAD = Duration.ofSeconds(60);
  static final List<String> QUERIES = List.of("import", "zipimporter", "日本", "not-in-the-tree");

  // Long enough that answers made while a lost node's slices are not yet split again are seen.
  static final Map<String, Object> CONFIG =
      Map.of("deli.search.cluster.slices", SLICES, "deli.search.cluster.settle", "3s", "deli.search.query-timeout", "25s");

  @TempDir static Path tree;
  static List<String> paths;

  @BeforeAll
  static void makeTree() throws Exception {
    GeneratedTree.write(tree, 300, 9);
    paths = SourceTree.walk(tree, Fnmatch.of("*.py"), new ShardSpec(tree.toString(), "*.py", List.of(), 0, 1, false, 64, 1000).skipPatterns(), (p, why) -> {});
  }

  record Node(ActorTestKit kit, ActorRef<DirectorySearch.Command> search, TestProbe<TreeEvent> events) {}

  static Node serve(ActorTestKit kit) {
    SearchSettings s = SearchTesting.settings(tree, 1, true, Map.of("index-chunk", 256));
    TestProbe<TreeEvent> events = kit.createTestProbe();
    ActorRef<DirectorySearch.Command> search =
        kit.spawn(SearchNode.create(s, new SearchClusterSettings(SLICES, Duration.ofSeconds(3)), events.getRef()), "search");
    return new Node(kit, search, events);
  }

  /** The node's next report of its slices loaded for a split over {@code nodes} nodes. */
  static TreeEvent.SlicesLoaded loaded(Node n, int nodes) {
    List<TreeEvent> seen =
        n.events()
            .fishForMessage(
                LOAD,
                e -> e instanceof TreeEvent.SlicesLoaded l && l.nodes() == nodes ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    return (TreeEvent.SlicesLoaded) seen.get(seen.size() - 1);
  }

  static DirectorySearch.Found found(Node n, String q) {
    TestProbe<DirectorySearch.Answer> reply = n.kit().createTestProbe();
    n.search().tell(new DirectorySearch.Search(Trace.start("test"), SearchQuery.of(q), reply.getRef()));
    DirectorySearch.Answer a = reply.receiveMessage(Duration.ofSeconds(30));
    if (a instanceof DirectorySearch.Found f) {
      return f;
    }
    throw new AssertionError("the search failed: " + a);
  }

  static List<String> grep(String q) throws Exception {
    String needle = Grep.latin1(q);
    return Grep.lines(tree, "*.py", List.of("-F"), q, text -> text.contains(needle));
  }

  /** Equal lists, or a short message: their sizes and the first line that differs. */
  static void assertSameLines(List<String> expected, List<String> actual, String what) {
    if (!expected.equals(actual)) {
      int i = 0;
      while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
        i++;
      }
      String e = i < expected.size() ? expected.get(i) : "(end)";
      String a = i < actual.size() ? actual.get(i) : "(end)";
      throw new AssertionError(
          what + ": " + expected.size() + " lines expected, " + actual.size() + " found; line " + i + " expected "
              + e.substring(0, Math.min(80, e.length())) + " found " + a.substring(0, Math.min(80, a.length())));
    }
  }

  static Set<String> filesOf(Set<Integer> slices) {
    Set<String> files = new HashSet<>();
    for (int i = 0; i < paths.size(); i++) {
      if (slices.contains(i % SLICES)) {
        files.add(paths.get(i));
      }
    }
    return files;
  }

  @Test
  void aQueryToAnyNodeFindsEveryLineGrepFindsWhileEachNodeLoadsOnlyItsShare() throws Exception {
    try (SearchCluster cluster = SearchCluster.start(3, CONFIG)) {
      List<Node> nodes = cluster.nodes.stream().map(SearchClusterTest::serve).toList();
      List<String> members = cluster.nodes.stream().map(SearchCluster::address).toList();
      Set<Integer> all = new TreeSet<>();
      int files = 0;
      for (Node n : nodes) {
        TreeEvent.SlicesLoaded l = loaded(n, 3);
        assertEquals(SliceAssignment.slicesOf(SearchCluster.address(n.kit()), SLICES, members), l.held());
        assertFalse(l.held().isEmpty());
        l.held().forEach(s -> assertTrue(all.add(s), "slice " + s + " held twice"));
        files += l.report().files();
      }
      assertEquals(SLICES, all.size());
      assertEquals(paths.size(), files);
      for (Node n : nodes) {
        for (String q : QUERIES) {
          DirectorySearch.Found f = found(n, q);
          assertSameLines(grep(q), Grep.lines(f), q);
          assertTrue(f.complete(), q + ": " + f.missingParts());
          assertEquals(paths.size(), f.files());
        }
      }
    }
  }

  @Test
  void afterANodeIsLostAnswersSayWhatIsMissingUntilTheSurvivorsHaveLoadedItThenAJoiningNodeTakesAShare() throws Exception {
    try (SearchCluster cluster = SearchCluster.start(3, CONFIG)) {
      List<Node> nodes = new ArrayList<>(cluster.nodes.stream().map(SearchClusterTest::serve).toList());
      Map<Node, TreeEvent.SlicesLoaded> split = new HashMap<>();
      nodes.forEach(n -> split.put(n, loaded(n, 3)));
      Node lost = nodes.get(2);
      Node asked = nodes.get(0);
      Set<Integer> lostSlices = new TreeSet<>(split.get(lost).held());
      assertSameLines(grep("import"), Grep.lines(found(asked, "import")), "import");

      SearchCluster.kill(lost.kit());
      nodes.remove(lost);
      SliceCatalog catalog = SliceCatalog.of(tree.toString(), paths, SLICES);
      // Sent before the loss is noticed, to the lost node's shards too: it answers once the node
      // is unreachable, without waiting for the query timeout.
      long sent = System.nanoTime();
      DirectorySearch.Found partial = found(asked, "import");
      assertTrue(System.nanoTime() - sent < Duration.ofSeconds(15).toNanos(), "answered in " + (System.nanoTime() - sent) / 1e6 + " ms");
      assertFalse(partial.complete());
      Set<Integer> missing = new TreeSet<>();
      for (DirectorySearch.MissingPart p : partial.missingParts()) {
        missing.add(p.slice());
        assertEquals(SLICES, p.slices());
        assertEquals(tree.toAbsolutePath().normalize().toString(), p.root());
        assertEquals(catalog.files().get(p.slice()), p.files());
        assertEquals(catalog.samples().get(p.slice()), p.samples());
      }
      assertEquals(lostSlices, missing);
      assertEquals(List.copyOf(missing), partial.missing());
      Set<String> gone = filesOf(lostSlices);
      List<String> surviving = grep("import").stream().filter(l -> !gone.contains(l.substring(0, l.indexOf(':')))).toList();
      assertSameLines(surviving, Grep.lines(partial), "import");

      List<String> survivors = nodes.stream().map(n -> SearchCluster.address(n.kit())).toList();
      for (Node n : nodes) {
        TreeEvent.SlicesLoaded l = loaded(n, 2);
        assertEquals(SliceAssignment.slicesOf(SearchCluster.address(n.kit()), SLICES, survivors), l.held());
      }
      for (Node n : nodes) {
        // The survivors' new shards are listed on every node a moment after they are loaded.
        n.events()
            .awaitAssert(
                LOAD,
                Duration.ofMillis(100),
                () -> {
                  assertTrue(found(n, "import").complete());
                  return null;
                });
        for (String q : QUERIES) {
          DirectorySearch.Found f = found(n, q);
          assertTrue(f.complete(), q + ": " + f.missingParts());
          assertSameLines(grep(q), Grep.lines(f), q);
        }
      }

      // A slice given to the new node is served by its old holder until the new one has it.
      Node joined = serve(cluster.add(CONFIG));
      nodes.add(joined);
      TreeEvent.SlicesLoaded share = loaded(joined, 3);
      assertEquals(SLICES / 3, share.held().size());
      for (Node n : nodes) {
        if (n != joined) {
          loaded(n, 3);
        }
        DirectorySearch.Found f = found(n, "import");
        assertTrue(f.complete(), f.missingParts().toString());
        assertSameLines(grep("import"), Grep.lines(f), "import");
      }
    }
  }
}
