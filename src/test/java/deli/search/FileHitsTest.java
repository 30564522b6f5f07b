package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileHitsTest {
  private static final byte[] TEXT = "import os\u00e9".getBytes(StandardCharsets.UTF_8);

  private static FileHits hits() {
    return FileHits.of("a/b.py", 3, new int[] {1, 9}, TEXT.clone(), new int[] {9, TEXT.length});
  }

  @Test
  void twoHitsWithTheSameContentAreEqualAndHashAlike() {
    assertEquals(hits(), hits());
    assertEquals(hits().hashCode(), hits().hashCode());
    assertEquals(FileHits.counted("x.py", 2), FileHits.counted("x.py", 2));
  }

  @Test
  void hitsThatDifferInAnyPartAreNotEqual() {
    byte[] other = "import oS\u00e9".getBytes(StandardCharsets.UTF_8);
    List<FileHits> others =
        List.of(
            FileHits.of("a/c.py", 3, new int[] {1, 9}, TEXT, new int[] {9, TEXT.length}),
            FileHits.of("a/b.py", 4, new int[] {1, 9}, TEXT, new int[] {9, TEXT.length}),
            FileHits.of("a/b.py", 3, new int[] {1, 8}, TEXT, new int[] {9, TEXT.length}),
            FileHits.of("a/b.py", 3, new int[] {1, 9}, other, new int[] {9, TEXT.length}),
            FileHits.of("a/b.py", 3, new int[] {1, 9}, TEXT, new int[] {8, TEXT.length}),
            FileHits.counted("a/b.py", 3));
    for (FileHits o : others) {
      assertNotEquals(hits(), o, o.toString());
    }
  }

  @Test
  void changingTheArraysItWasMadeFromLeavesTheValueAsItWas() {
    int[] lines = {1, 9};
    byte[] text = TEXT.clone();
    int[] ends = {9, TEXT.length};
    FileHits h = FileHits.of("a/b.py", 3, lines, text, ends);
    lines[0] = 5;
    text[0] = 'X';
    ends[0] = 3;
    assertEquals(hits(), h);
    assertEquals(1, h.lineNumber(0));
    assertEquals("import os", h.line(0));
  }

  @Test
  void linesReadAsUtf8OrInTheCharsetAsked() {
    FileHits h = hits();
    assertEquals(2, h.returned());
    assertEquals("\u00e9", h.line(1));
    assertEquals("\u00c3\u00a9", h.line(1, StandardCharsets.ISO_8859_1));
  }

  @Test
  void firstLinesKeepsTheCountAndDropsTheRestOfTheText() {
    FileHits h = hits();
    assertEquals(FileHits.of("a/b.py", 3, new int[] {1}, "import os".getBytes(StandardCharsets.UTF_8), new int[] {9}), h.firstLines(1));
    assertEquals(FileHits.of("a/b.py", 3, new int[0], new byte[0], new int[0]), h.firstLines(0));
    assertSame(h, h.firstLines(2));
  }

  @Test
  void underPutsAPrefixBeforeThePathOnly() {
    assertEquals(FileHits.of("lib/a/b.py", 3, new int[] {1, 9}, TEXT, new int[] {9, TEXT.length}), hits().under("lib/"));
  }

  @Test
  void lineNumbersAndLineEndsMustPair() {
    assertThrows(IllegalArgumentException.class, () -> FileHits.of("a.py", 1, new int[] {1, 2}, TEXT, new int[] {9}));
  }
}
