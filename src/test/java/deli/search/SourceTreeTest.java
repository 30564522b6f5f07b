package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
          SourceTree.walk(root, Fnmatch.of("*.py"), SKIP, (path, why) -> problems.add(path), walkers, LinkCounts.NONE),
          walkers + " walkers asking every entry");
      assertEquals(List.of(), problems);
      // Going by link counts, a wanted link to a directory may be handed over unasked (its reader skips it).
      List<String> counted = SourceTree.walk(root, Fnmatch.of("*.py"), SKIP, (path, why) -> problems.add(path), walkers, LinkCounts.on(root));
      List<String> extra = new ArrayList<>(counted);
      extra.removeAll(oneThread);
      assertTrue(counted.containsAll(oneThread), walkers + " walkers going by link counts find every file");
      for (String e : extra) {
        assertTrue(Files.isSymbolicLink(root.resolve(e)) && Files.isDirectory(root.resolve(e)), e + " is a link to a directory");
      }
      // The counts are gone by below the top too: each directory's comes with its listing in its parent.
      assertTrue(extra.stream().anyMatch(e -> e.contains("/")), walkers + " walkers: " + extra);
      assertEquals(List.of(), problems);
    }
  }

  @Test
  void aDirectorysLinkCountSparesAskingAboutItsOtherEntries(@TempDir Path dir) throws Exception {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.createDirectory(dir.resolve("__pycache__"));
    Files.writeString(dir.resolve("a.py"), "");
    Files.writeString(dir.resolve("notes.txt"), "");
    Files.createSymbolicLink(dir.resolve("l.py"), sub);
    Files.createDirectory(dir.resolve("d.py")); // a directory with a file's name: found before the wanted names are reached
    java.util.function.Predicate<String> prune = "__pycache__"::equals;
    java.util.function.Predicate<String> wanted = n -> n.endsWith(".py");
    // sub, __pycache__ and d.py: the count is 5, and every directory is found among the entries asked.
    OsWalk.Entries counted = OsWalk.entries(dir.toString(), 5, prune, wanted);
    assertEquals(List.of("d.py", "sub"), counted.subdirs().stream().map(OsWalk.Subdir::name).toList());
    assertEquals(java.util.Set.of("a.py", "l.py"), java.util.Set.copyOf(counted.files()), "l.py is not asked about");
    // Each subdirectory comes with its own count and device, for its listing in turn.
    Files.createDirectory(sub.resolve("inner"));
    OsWalk.Subdir found = OsWalk.entries(dir.toString(), 5, prune, wanted).subdirs().get(1);
    assertEquals(new OsWalk.Subdir("sub", (Integer) Files.getAttribute(sub, "unix:nlink"), Files.getAttribute(sub, "unix:dev")), found);
    // No count: every entry is asked about, and the link to a directory is no file (os.walk's answer).
    OsWalk.Entries asked = OsWalk.entries(dir.toString(), 0, prune, wanted);
    assertEquals(List.of("d.py", "sub"), asked.subdirs().stream().map(OsWalk.Subdir::name).toList());
    assertEquals(List.of("a.py"), asked.files());
    // The directory named with a trailing '/' is the same directory.
    assertEquals(asked, OsWalk.entries(dir + "/", 0, prune, wanted));
    // A count of 1 (btrfs, a merged overlay directory) tells nothing either.
    assertEquals(List.of("a.py"), OsWalk.entries(dir.toString(), 1, prune, wanted).files());
    // The Path form, os.walk's step: every file, in listing order.
    assertEquals(java.util.Set.of(dir.resolve("a.py"), dir.resolve("notes.txt")), java.util.Set.copyOf(OsWalk.list(dir, prune).files()));
    assertEquals(List.of(dir.resolve("d.py"), sub), OsWalk.list(dir, prune).subdirs());
  }

  @Test
  void linkCountsAreGoneByOnTheRootsDeviceOnly(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("a/b"));
    int links = (Integer) Files.getAttribute(dir.resolve("a"), "unix:nlink");
    assertEquals(links, LinkCounts.on(dir).count(dir.resolve("a")));
    assertEquals(0, LinkCounts.NONE.count(dir.resolve("a")));
    Object device = Files.getAttribute(dir, "unix:dev");
    assertEquals(4, LinkCounts.on(dir).count(4, device), "a count on the root's device");
    assertEquals(0, LinkCounts.on(dir).count(4, -1L), "a count on another device");
    assertEquals(0, LinkCounts.NONE.count(4, device));
    assertEquals(0, LinkCounts.on(dir).count(Path.of("/proc")), "another device");
    assertEquals(0, LinkCounts.on(dir).count(dir.resolve("none")), "a failed stat");
    assertEquals(0, LinkCounts.on(dir.resolve("none")).count(dir.resolve("a")), "a root that cannot be asked about");
    assertEquals(0, LinkCounts.of(Path.of("/proc")).count(Path.of("/proc/sys")), "a file system whose counts are not trusted");
    boolean kept = LinkCounts.KEPT.contains(Files.getFileStore(dir).type());
    assertEquals(kept ? links : 0, LinkCounts.of(dir).count(dir.resolve("a")), Files.getFileStore(dir).type());
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
    // A listing that fails says why, as opening the directory tells it.
    assertEquals(java.nio.file.NotDirectoryException.class, OsWalk.entries(file.toString(), 0, n -> false, n -> true).failure().getClass());
    assertEquals(java.nio.file.NoSuchFileException.class, OsWalk.entries(dir + "/none", 0, n -> false, n -> true).failure().getClass());
  }
}
