package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.testing.InProcessNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli search --node URL} prints what the same search run locally prints, from a running node's tree. */
class NodeSearchTest {
  @TempDir Path dir;
  @TempDir Path tree;

  @Test
  void aQuerySentToANodePrintsWhatALocalSearchPrintsWithTheSameFlags() throws Exception {
    GeneratedTree.write(tree, 80, 3);
    try (InProcessNode node =
        InProcessNode.start(dir, List.of(SearchService.SERVICE), Map.of("deli.search.serve.root", tree.toString(), "deli.search.serve.index", false))) {
      ActorTestKit kit = ActorTestKit.create("NodeSearchTest");
      try {
        TestProbe<Void> probe = kit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
          assertEquals(200, node.get("/search?q=x").statusCode());
          return null;
        });
      } finally {
        kit.shutdownTestKit();
      }
      for (List<String> flags : List.<List<String>>of(List.of(), List.of("-w", "-i"), List.of("-v", "-c"), List.of("-l"), List.of("-o", "--color=always", "-h"), List.of("-m", "1", "-E"))) {
        for (String q : List.of("import", "é", "not-in-the-tree")) {
          List<String> args = new ArrayList<>(flags);
          args.addAll(List.of("--", q));
          SearchGrepCommandTest.Run local = SearchGrepCommandTest.deli(tree, args);
          List<String> remote = new ArrayList<>(List.of("--node", node.base));
          remote.addAll(args);
          SearchGrepCommandTest.Run asked = SearchGrepCommandTest.deli(tree, remote);
          assertEquals(local.out(), asked.out(), flags + " " + q + ": " + asked.err());
          assertEquals(local.exit(), asked.exit(), flags + " " + q + ": " + asked.err());
        }
      }
    }
  }

  @Test
  void aNodeThatDoesNotAnswerIsAnErrorWithExitTwo() {
    SearchGrepCommandTest.Run r = SearchGrepCommandTest.deli(tree, List.of("--node", "http://127.0.0.1:9", "import"));
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().startsWith("deli search: cannot ask http://127.0.0.1:9: "), r.err());
    SearchGrepCommandTest.Run both = SearchGrepCommandTest.deli(tree, List.of("--node", "http://127.0.0.1:9", "-L", "import"));
    assertEquals(2, both.exit(), both.err());
  }
}
