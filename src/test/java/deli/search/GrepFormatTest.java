package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GREP_COLORS read as GNU grep reads it, and the printed paths. */
class GrepFormatTest {
  @Test
  void grepColorsSetsTheColoursItNamesAndLeavesTheOthersGreps() {
    assertEquals(GrepFormat.Colors.GREP, GrepFormat.Colors.of(null));
    assertEquals(GrepFormat.Colors.GREP, GrepFormat.Colors.of(" "));
    assertEquals(new GrepFormat.Colors("01;32", "34", "32", "36", false), GrepFormat.Colors.of("ms=01;32:fn=34:ne"));
    assertEquals(new GrepFormat.Colors("7", "35", "33", "", true), GrepFormat.Colors.of("mt=7:ln=33:se=:sl=1:bogus=x;y"));
    GrepFormat.Colors plain = GrepFormat.Colors.of("ne:fn=");
    GrepFormat f = new GrepFormat(GrepFormat.Mode.LINES, true, true, plain, "");
    byte[] text = "a import b".getBytes(StandardCharsets.UTF_8);
    FileHits h = FileHits.of("x.py", 1, new int[] {3}, text, new int[] {text.length});
    SearchQuery q = SearchQuery.of("import");
    assertEquals(List.of("x.py\033[36m:\033[m\033[32m3\033[m\033[36m:\033[ma \033[01;31mimport\033[m b"), f.lines(q, q.marks(), List.of(h)));
  }

  @Test
  void theRootPrefixesPathsAsTheUserGaveIt() {
    assertEquals("", GrepFormat.prefixOf("."));
    assertEquals("src/", GrepFormat.prefixOf("src///"));
    assertEquals("/", GrepFormat.prefixOf("/"));
    assertEquals("/a/b/", GrepFormat.prefixOf("/a/b"));
  }
}
