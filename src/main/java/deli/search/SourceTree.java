package deli.search;

import deli.core.Failures;
import deli.python.Fnmatch;
import deli.python.OsWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

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
    Predicate<String> wanted = names(pattern);
    OsWalk walk = new OsWalk(root, name -> skip.stream().anyMatch(s -> s.matches(name)));
    // Paths as strings: a tree holds tens of thousands, and Path's own relativize costs for each.
    String top = root.toString();
    int cut = top.endsWith("/") ? top.length() : top.length() + 1;
    while (!walk.done()) {
      OsWalk.Step step = walk.step();
      if (step.failure() != null) {
        if (step.dir().equals(root)) {
          throw step.failure() instanceof IOException e ? e : new IOException(step.failure());
        }
        problems.accept(OsWalk.relative(root, step.dir()), Failures.describe(step.failure()));
      }
      for (Path file : step.files()) {
        String path = file.toString();
        if (wanted.test(path.substring(path.lastIndexOf('/') + 1))) {
          found.add(java.io.File.separatorChar == '/' ? path.substring(cut) : OsWalk.relative(root, file));
        }
      }
    }
    found.sort(null);
    return found;
  }

  /** {@code pattern} as a test of names: {@code *.py} and the like (a star, then plain text) as a suffix, the rest as fnmatch has it. */
  static Predicate<String> names(Fnmatch pattern) {
    String p = pattern.pattern();
    if (p.startsWith("*") && p.length() > 1 && p.substring(1).chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
      String suffix = p.substring(1);
      return name -> name.endsWith(suffix);
    }
    return pattern::matches;
  }
}
