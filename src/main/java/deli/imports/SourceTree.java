package deli.imports;

import deli.python.Fnmatch;
import deli.python.OsError;
import deli.python.OsWalk;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The chapter's {@code all_source(path, pattern)} for {@code deli imports}: the files under a
 * directory whose names match a shell pattern ({@code fnmatch}), walked as {@code os.walk} walks
 * it, never entering the directories named in {@code skip} (by exact name, as the chapter's
 * {@code skip_dirs} set: {@code .tox}, {@code .mypy_cache}, {@code __pycache__}, {@code .idea}).
 * Unlike {@code os.walk}, a directory it cannot list is not silently left out: it is reported.
 *
 * <p>The walk goes one directory per {@link #step()}, so an actor can walk a large tree in
 * steps and stay responsive.
 */
final class SourceTree {
  /** A directory that could not be listed, relative to the root, and why. */
  record Unlisted(String path, String reason) {}

  /** What one step found. */
  record Step(List<Path> files, List<Unlisted> unlisted) {}

  private final Path root;
  private final Fnmatch pattern;
  private final OsWalk walk;

  SourceTree(Path root, String pattern, Set<String> skip) {
    this.root = root;
    this.pattern = Fnmatch.of(pattern);
    Set<String> names = Set.copyOf(skip);
    this.walk = new OsWalk(root, names::contains);
  }

  boolean done() {
    return walk.done();
  }

  /** Lists the next directory: its matching files, and the subdirectories still to walk. */
  Step step() {
    OsWalk.Step step = walk.step();
    List<Path> files = step.files().stream().filter(f -> pattern.matches(f.getFileName().toString())).toList();
    if (step.failure() != null) {
      return new Step(files, List.of(new Unlisted(relative(step.dir()), "cannot list the directory: " + OsError.strerror(step.failure()))));
    }
    return new Step(files, List.of());
  }

  /** {@code path} relative to the root, with '/' between parts. */
  String relative(Path path) {
    return OsWalk.relative(root, path);
  }

  static String relative(Path root, Path path) {
    return OsWalk.relative(root, path);
  }
}
