package deli.search;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The chapter's {@code all_source()}: every file under a root whose name matches a pattern,
 * skipping directories by name. Like {@code os.walk}, it does not descend into symbolic links
 * to directories but lists links to files. Paths come back relative to the root, with
 * {@code /} separators, sorted, so every shard that walks the same tree sees the same list.
 */
public final class SourceTree {
  /** The chapter's skipped directories, and {@code .git}. */
  public static final List<String> ALWAYS_SKIPPED = List.of(".tox", ".mypy_cache", "__pycache__", ".idea", ".git");

  private SourceTree() {}

  /**
   * Walks {@code root}; a directory or file that cannot be read goes to {@code problems}
   * (its relative path and why) and the walk goes on.
   */
  public static List<String> walk(Path root, Fnmatch pattern, List<Fnmatch> skip, BiConsumer<String, String> problems)
      throws IOException {
    List<String> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root)) {
              String name = dir.getFileName().toString();
              for (Fnmatch s : skip) {
                if (s.matches(name)) {
                  return FileVisitResult.SKIP_SUBTREE;
                }
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            // A link to a directory is a directory to os.walk, never walked into.
            boolean dirLink = attrs.isSymbolicLink() && Files.isDirectory(file);
            if (!attrs.isDirectory() && !dirLink && pattern.matches(file.getFileName().toString())) {
              found.add(relative(root, file));
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (file.equals(root)) {
              throw e;
            }
            problems.accept(relative(root, file), reason(e));
            return FileVisitResult.CONTINUE;
          }
        });
    found.sort(null);
    return found;
  }

  static String relative(Path root, Path file) {
    String rel = root.relativize(file).toString();
    return file.getFileSystem().getSeparator().equals("/") ? rel : rel.replace(file.getFileSystem().getSeparator(), "/");
  }

  /** Why a file could not be read, in a few words. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
