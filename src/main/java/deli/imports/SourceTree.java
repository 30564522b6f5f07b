package deli.imports;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The chapter's {@code all_source(path, pattern)}: the files under a directory whose names match
 * a shell pattern ({@code fnmatch}), top down like {@code os.walk}, never entering the skipped
 * directories ({@code .tox}, {@code .mypy_cache}, {@code __pycache__}, {@code .idea}). As
 * {@code os.walk} does, it lists a symbolic link to a directory among the directories and does
 * not follow it. Unlike {@code os.walk}, a directory it cannot list is not silently left out:
 * it is reported.
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
  private final Predicate<String> matches;
  private final Set<String> skip;
  private final Deque<Path> directories = new ArrayDeque<>();

  SourceTree(Path root, String pattern, Set<String> skip) {
    this.root = root;
    this.matches = fnmatch(pattern).asMatchPredicate();
    this.skip = Set.copyOf(skip);
    directories.push(root);
  }

  boolean done() {
    return directories.isEmpty();
  }

  /** Lists the next directory: its matching files, and the subdirectories still to walk. */
  Step step() {
    Path dir = directories.pop();
    List<Path> files = new ArrayList<>();
    List<Path> subdirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (Files.isDirectory(entry)) { // follows links, like os.scandir's is_dir()
          if (!skip.contains(name) && !Files.isSymbolicLink(entry)) {
            subdirs.add(entry);
          }
        } else if (matches.test(name)) {
          files.add(entry);
        }
      }
    } catch (IOException | RuntimeException e) {
      return new Step(files, List.of(new Unlisted(relative(dir), "cannot list the directory: " + describe(e))));
    }
    // Top down, in name order, so the walk is the same every time.
    subdirs.sort(Comparator.reverseOrder());
    subdirs.forEach(directories::push);
    return new Step(files, List.of());
  }

  /** {@code path} relative to the root, with '/' between parts. */
  String relative(Path path) {
    return relative(root, path);
  }

  /** {@code path} relative to {@code root}, with '/' between parts; "." for the root itself. */
  static String relative(Path root, Path path) {
    Path rel = root.relativize(path);
    String s = rel.toString();
    if (s.isEmpty()) {
      return ".";
    }
    return rel.getFileSystem().getSeparator().equals("/") ? s : s.replace(rel.getFileSystem().getSeparator(), "/");
  }

  static String describe(Throwable e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }

  /**
   * Python's {@code fnmatch.translate} as a Java regex: {@code *} any run, {@code ?} any one
   * character, {@code [seq]} and {@code [!seq]} sets; everything else literal. Case-sensitive,
   * as {@code fnmatch} is on POSIX.
   */
  static Pattern fnmatch(String pattern) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      char c = pattern.charAt(i++);
      if (c == '*') {
        re.append(".*");
      } else if (c == '?') {
        re.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && pattern.charAt(j) == '!') {
          j++;
        }
        if (j < n && pattern.charAt(j) == ']') {
          j++;
        }
        while (j < n && pattern.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          re.append("\\[");
        } else {
          String set = pattern.substring(i, j);
          i = j + 1;
          StringBuilder cls = new StringBuilder("[");
          int k = 0;
          if (set.startsWith("!")) {
            cls.append('^');
            k = 1;
          } else if (set.startsWith("^")) {
            cls.append("\\^");
            k = 1;
          }
          for (; k < set.length(); k++) {
            char s = set.charAt(k);
            if (s == '\\' || s == '[' || s == '&' || s == '~' || s == '|' || (s == '^' && k > 0)) {
              cls.append('\\');
            }
            cls.append(s);
          }
          re.append(cls).append(']');
        }
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
