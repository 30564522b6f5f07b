package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import deli.python.Fnmatch;
import deli.python.OsWalk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SourceTree#walk}: several threads list the directories; the answer is one walk's, in one order. */
class SourceTreeTest {
  private static final List<Fnmatch> SKIP = List.of(Fnmatch.of("skip*"), Fnmatch.of(".git"));

  @Test
  void threadsListingATreeTogetherFindWhatOneTopDownWalkFinds(@TempDir Path root) throws Exception {
    Random random = new Random(11L);
    List<Path> dirs = new ArrayList<>(List.of(root));
    String[] names = {"a", "b", "skip", ".git", "c d", "\u00e9", "x.py"};
    for (int k = 0; k < 1500; k++) {
      Path parent = dirs.get(random.nextInt(dirs.size()));
      Path p = parent.resolve(names[random.nextInt(names.length)] + k + (random.nextBoolean() ? ".py" : ".txt"));
      switch (random.nextInt(8)) {
        case 0, 1, 2 -> dirs.add(Files.createDirectory(p)); // a directory named like a file too
        case 3 -> Files.createSymbolicLink(p, dirs.get(random.nextInt(dirs.size()))); // listed, not walked, not a file
        case 4 -> Files.createSymbolicLink(p, root.resolve("nowhere")); // dangling: a file to os.walk
        default -> Files.writeString(p, "");
      }
    }
    List<String> oneThread = new ArrayList<>();
    OsWalk walk = new OsWalk(root, name -> SKIP.stream().anyMatch(s -> s.matches(name)));
    while (!walk.done()) {
      for (Path f : walk.step().files()) {
        String rel = OsWalk.relative(root, f);
        if (rel.endsWith(".py")) {
          oneThread.add(rel);
        }
      }
    }
    oneThread.sort(null);
    for (int walkers : new int[] {1, 2, 4}) {
      List<String> problems = new ArrayList<>();
      assertEquals(
          oneThread,
          SourceTree.walk(root, Fnmatch.of("*.py"), SKIP, (path, why) -> problems.add(path), walkers),
          walkers + " walkers");
      assertEquals(List.of(), problems);
    }
  }

  @Test
  void problemsComeInTheOrderATopDownWalkInNameOrderMeetsThem() {
    List<String> paths = new ArrayList<>(List.of("b/c", "a-b", "a/b/c", "a", "a/b", "b"));
    paths.sort(SourceTree::byParts);
    assertEquals(List.of("a", "a/b", "a/b/c", "a-b", "b", "b/c"), paths);
  }

  @Test
  void aRootThatCannotBeListedIsTheWalksFailure(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f.py"), "");
    assertThrows(IOException.class, () -> SourceTree.walk(file, Fnmatch.of("*.py"), SKIP, (p, why) -> {}, 2));
    assertThrows(IOException.class, () -> SourceTree.walk(dir.resolve("none"), Fnmatch.of("*.py"), SKIP, (p, why) -> {}, 2));
  }
}
