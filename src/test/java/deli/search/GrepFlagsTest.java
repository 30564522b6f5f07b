package deli.search;

import static deli.search.SearchTesting.found;
import static deli.search.SearchTesting.load;
import static deli.search.SearchTesting.settings;
import static deli.search.SearchTesting.teardown;
import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.core.DeliConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** grep's -w, -v, repeated -e and -L in the shards, against GNU grep on a generated tree, with and without the index. */
class GrepFlagsTest {
  static final ActorTestKit testKit = ActorTestKit.create("GrepFlagsTest", DeliConfig.load());

  @TempDir static Path tree;

  @BeforeAll
  static void makeTree() throws Exception {
    GeneratedTree.write(tree, 300, 17);
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static SearchQuery q(String text, List<String> also, boolean ignoreCase, boolean regex, boolean word, boolean invert) {
    return new SearchQuery(text, also, ignoreCase, regex, word, invert, false, false, 0, Integer.MAX_VALUE);
  }

  private static List<String> flags(boolean ignoreCase, boolean regex, boolean word, boolean invert, List<String> also) {
    List<String> f = new ArrayList<>(List.of(regex ? "-E" : "-F"));
    if (ignoreCase) {
      f.add("-i");
    }
    if (word) {
      f.add("-w");
    }
    if (invert) {
      f.add("-v");
    }
    also.forEach(a -> f.addAll(List.of("-e", a)));
    return f;
  }

  @Test
  void wordsInvertedLinesAndSeveralPatternsSelectTheLinesGrepSelects() throws Exception {
    // None of these ends in blanks: deli matches the right-stripped line, grep the whole one.
    List<List<String>> patterns =
        List.of(List.of("import"), List.of("x"), List.of("self"), List.of("é"), List.of("naïve"), List.of("os.path"), List.of("in"),
            List.of("def", "class"), List.of("λ", "y", "日本"), List.of("zipimporter"));
    for (boolean index : new boolean[] {false, true}) {
      var s = load(testKit, settings(tree, 3, index, Map.of("index-chunk", 256)));
      for (List<String> p : patterns) {
        List<String> also = p.subList(1, p.size());
        for (boolean word : new boolean[] {false, true}) {
          for (boolean invert : new boolean[] {false, true}) {
            for (boolean ignoreCase : new boolean[] {false, true}) {
              String where = p + (word ? " -w" : "") + (invert ? " -v" : "") + (ignoreCase ? " -i" : "") + ", index " + index;
              // Words are letters and digits of every script, as in a UTF-8 locale.
              List<String> expected =
                  Grep.lines(tree, "*.py", flags(ignoreCase, false, word, invert, also), p.get(0), text -> true, "C.UTF-8");
              DirectorySearch.Found f = found(testKit, s.search(), q(p.get(0), also, ignoreCase, false, word, invert));
              SearchClusterTest.assertSameLines(expected, Grep.lines(f), where);
              assertEquals(expected.size(), f.lines(), where);
            }
          }
        }
      }
      for (String re : List.of("imp[o]rt", "^ *def", "[[:digit:]]|λ", "x = y")) {
        for (boolean word : new boolean[] {false, true}) {
          for (boolean invert : new boolean[] {false, true}) {
            String where = "-E " + re + (word ? " -w" : "") + (invert ? " -v" : "");
            List<String> expected = Grep.lines(tree, "*.py", flags(false, true, word, invert, List.of("self")), re, text -> true, "C.UTF-8");
            SearchClusterTest.assertSameLines(expected, Grep.lines(found(testKit, s.search(), q(re, List.of("self"), false, true, word, invert))), where);
          }
        }
      }
      teardown(testKit, s.search());
    }
  }

  @Test
  void filesWithAndWithoutMatchesAreGrepsLAndBigL() throws Exception {
    var s = load(testKit, settings(tree, 2, false, Map.of()));
    for (String p : List.of("zipimporter", "import", "日本", "not-in-the-tree")) {
      for (boolean invert : new boolean[] {false, true}) {
        List<String> invertFlag = invert ? List.of("-F", "-v") : List.of("-F");
        SearchQuery with = new SearchQuery(p, List.of(), false, false, false, invert, true, false, 0, Integer.MAX_VALUE);
        SearchQuery without = new SearchQuery(p, List.of(), false, false, false, invert, true, true, 0, Integer.MAX_VALUE);
        List<String> l = new ArrayList<>(invertFlag);
        l.add("-l");
        List<String> bigL = new ArrayList<>(invertFlag);
        bigL.add("-L");
        assertEquals(Grep.files(tree, "*.py", l, p, "C"), Grep.paths(found(testKit, s.search(), with)), "-l " + p + " " + invert);
        assertEquals(Grep.files(tree, "*.py", bigL, p, "C"), Grep.paths(found(testKit, s.search(), without)), "-L " + p + " " + invert);
      }
    }
    teardown(testKit, s.search());
  }
}
