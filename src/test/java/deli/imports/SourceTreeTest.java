package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeTest {
  static boolean matches(String pattern, String name) {
    return deli.python.Fnmatch.of(pattern).matches(name);
  }

  @Test
  void patternsMatchNamesAsPythonsFnmatchDoes() {
    assertTrue(matches("*.py", "a.py"));
    assertFalse(matches("*.py", "a.pyc"));
    assertFalse(matches("*.py", "A.PY"));
    assertTrue(matches("test_?.py", "test_1.py"));
    assertTrue(matches("[abc]*.py", "b.py"));
    assertTrue(matches("[!abc]*.py", "d.py"));
    assertFalse(matches("[!abc]*.py", "a.py"));
    assertTrue(matches("[a-c].py", "b.py"));
    assertTrue(matches("a+b(c).py", "a+b(c).py"));
    assertTrue(matches("[.py", "[.py"));
  }

  @Test
  void theWalkSkipsTheChaptersDirectoriesAndDoesNotFollowLinkedDirectories(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("pkg/__pycache__"));
    Files.createDirectories(root.resolve(".mypy_cache"));
    Files.writeString(root.resolve("pkg/a.py"), "");
    Files.writeString(root.resolve("pkg/__pycache__/a.py"), "");
    Files.writeString(root.resolve(".mypy_cache/b.py"), "");
    Files.writeString(root.resolve("top.py"), "");
    Files.createSymbolicLink(root.resolve("link"), root.resolve("pkg"));
    Files.createSymbolicLink(root.resolve("linked.py"), root.resolve("top.py"));
    SourceTree tree = new SourceTree(root, "*.py", Set.of(".tox", ".mypy_cache", "__pycache__", ".idea"));
    List<String> found = new ArrayList<>();
    while (!tree.done()) {
      tree.step().files().forEach(f -> found.add(tree.relative(f)));
    }
    found.sort(Analysis.BY_PATH);
    assertEquals(List.of("linked.py", "pkg/a.py", "top.py"), found);
  }

  @Test
  void aDirectoryThatCannotBeListedIsReportedNotSkipped(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("gone"));
    Files.writeString(root.resolve("a.py"), "");
    SourceTree tree = new SourceTree(root, "*.py", Set.of());
    assertEquals(1, tree.step().files().size());
    Files.delete(root.resolve("gone")); // between the listing of its parent and its own
    SourceTree.Step step = tree.step();
    assertEquals(List.of(new SourceTree.Unlisted("gone", "cannot list the directory: no such file or directory")), step.unlisted());
    assertTrue(tree.done());
  }
}
