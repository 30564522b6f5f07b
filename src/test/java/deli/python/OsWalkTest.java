package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OsWalk} against CPython's {@code os.walk} over a generated tree with links and pruned names. */
class OsWalkTest {
  private static final Set<String> PRUNED = Set.of("skip", ".git");

  @Test
  void aGeneratedTreeIsWalkedAsOsWalkWalksIt(@TempDir Path root) throws Exception {
    Random random = new Random(3L);
    List<Path> dirs = new ArrayList<>(List.of(root));
    String[] names = {"a", "b", "skip", ".git", "c d", "é"};
    for (int k = 0; k < 60; k++) {
      Path parent = dirs.get(random.nextInt(dirs.size()));
      Path p = parent.resolve(names[random.nextInt(names.length)] + k);
      if (random.nextInt(5) == 0) {
        p = parent.resolve(names[random.nextInt(names.length)]);
      }
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      switch (random.nextInt(6)) {
        case 0, 1 -> dirs.add(Files.createDirectory(p));
        case 2 -> Files.createSymbolicLink(p, dirs.get(random.nextInt(dirs.size()))); // a link to a directory
        case 3 -> Files.createSymbolicLink(p, root.resolve("nowhere")); // dangling: a file to os.walk
        default -> Files.writeString(p, "");
      }
    }
    Set<String> ours = new TreeSet<>();
    OsWalk walk = new OsWalk(root, PRUNED::contains);
    while (!walk.done()) {
      OsWalk.Step step = walk.step();
      for (Path f : step.files()) {
        ours.add(OsWalk.relative(root, f));
      }
      ours.add(OsWalk.relative(root, step.dir()) + "/");
    }
    List<String> python =
        CPython.run(
            "import os, sys\n"
                + "top = sys.stdin.readline().rstrip('\\n')\n"
                + "out = []\n"
                + "for d, dirs, files in os.walk(top):\n"
                + "    dirs[:] = [x for x in dirs if x not in ('skip', '.git')]\n"
                + "    rel = os.path.relpath(d, top)\n"
                + "    out.append(rel + '/')\n"
                + "    out.extend(os.path.normpath(os.path.join(rel, f)) for f in files)\n"
                + "print('\\t'.join(sorted(out)))\n",
            List.of(root.toString()));
    assertEquals(python.get(0), String.join("\t", ours));
  }
}
