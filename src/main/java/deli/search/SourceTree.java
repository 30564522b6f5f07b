package deli.search;

import deli.core.Failures;
import deli.python.Fnmatch;
import deli.python.OsWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The chapter's {@code all_source()} for {@code deli search}: every file under a root whose name
 * matches a pattern, walked as {@code os.walk} walks it, skipping directories whose names match
 * a skip pattern. Paths come back relative to the root, with {@code /} separators, sorted, so
 * every shard that walks the same tree sees the same list.
 */
public final class SourceTree {
  /** The chapter's skipped directories, and {@code .git}. */
  public static final List<String> ALWAYS_SKIPPED = List.of(".tox", ".mypy_cache", "__pycache__", ".idea", ".git");

  private SourceTree() {}

  /** A walk's files (sorted, relative to the root) and what could not be listed. */
  public record Walk(List<String> paths, List<ShardCorpus.Problem> problems) {
    public Walk {
      paths = List.copyOf(paths);
      problems = List.copyOf(problems);
    }
  }

  /** Walks the tree {@code spec} names (blocking I/O): its root, pattern and skipped directories. */
  static Walk walk(ShardSpec spec) throws IOException {
    Path root = Path.of(spec.root());
    if (!java.nio.file.Files.isDirectory(root)) {
      throw new IOException((java.nio.file.Files.exists(root) ? "not a directory: " : "no such directory: ") + spec.root());
    }
    List<ShardCorpus.Problem> problems = new ArrayList<>();
    List<String> paths =
        walk(root, Fnmatch.of(spec.pattern()), spec.skipPatterns(), (p, why) -> problems.add(new ShardCorpus.Problem(p, why)));
    return new Walk(paths, problems);
  }

  /**
   * Walks {@code root}; a directory that cannot be listed goes to {@code problems} (its relative
   * path and why) and the walk goes on. The root itself must be listable.
   */
  public static List<String> walk(Path root, Fnmatch pattern, List<Fnmatch> skip, BiConsumer<String, String> problems)
      throws IOException {
    List<String> found = new ArrayList<>();
    OsWalk walk = new OsWalk(root, name -> skip.stream().anyMatch(s -> s.matches(name)));
    while (!walk.done()) {
      OsWalk.Step step = walk.step();
      if (step.failure() != null) {
        if (step.dir().equals(root)) {
          throw step.failure() instanceof IOException e ? e : new IOException(step.failure());
        }
        problems.accept(OsWalk.relative(root, step.dir()), Failures.describe(step.failure()));
      }
      for (Path file : step.files()) {
        if (pattern.matches(file.getFileName().toString())) {
          found.add(OsWalk.relative(root, file));
        }
      }
    }
    found.sort(null);
    return found;
  }
}
