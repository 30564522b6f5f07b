package deli.python;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Python's {@code os.walk(top)}: top down, {@code followlinks=False}, one directory per
 * {@link #step()} so that an actor can walk a large tree in steps. A subdirectory is entered
 * unless {@code prune} refuses its name (as a caller of {@code os.walk} prunes {@code dirnames}
 * in place); the top is always entered. As in {@code os.walk}, an entry is a directory if it is
 * one or links to one ({@code DirEntry.is_dir()}), and a link to a directory is listed among the
 * directories but not followed, so it is neither walked nor a file. Subdirectories are walked in
 * name order (os.walk leaves that to the file system), so a walk is the same every time.
 */
public final class OsWalk {
  /**
   * One directory: its files (every entry that is not a directory, in listing order), or, if it
   * could not be listed, why ({@code os.walk}'s {@code onerror}); {@code files} then holds what
   * was read before the failure.
   */
  public record Step(Path dir, List<Path> files, Exception failure) {
    public Step {
      files = List.copyOf(files);
    }
  }

  private final Predicate<String> prune;
  private final Deque<Path> directories = new ArrayDeque<>();

  /** @param prune which directory names are not entered (never asked about {@code top}) */
  public OsWalk(Path top, Predicate<String> prune) {
    this.prune = prune;
    directories.push(top);
  }

  /** True when every directory has been listed. */
  public boolean done() {
    return directories.isEmpty();
  }

  /** Lists the next directory. */
  public Step step() {
    Listing l = list(directories.pop(), prune);
    for (int i = l.subdirs().size() - 1; i >= 0; i--) {
      directories.push(l.subdirs().get(i));
    }
    return new Step(l.dir(), l.files(), l.failure());
  }

  /**
   * One directory listed: its files as {@link Step} has them, and the subdirectories to enter
   * next, in name order ({@code prune} refused none of them; none is a link).
   */
  public record Listing(Path dir, List<Path> files, List<Path> subdirs, Exception failure) {}

  /** Lists {@code dir} as one {@link #step()} does, for walkers that share the directories out among threads. */
  public static Listing list(Path dir, Predicate<String> prune) {
    List<Path> files = new ArrayList<>();
    List<Path> subdirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) { // follows links, like DirEntry.is_dir()
          if (!Files.isSymbolicLink(entry) && !prune.test(entry.getFileName().toString())) {
            subdirs.add(entry);
          }
        } else {
          files.add(entry);
        }
      }
    } catch (DirectoryIteratorException e) {
      return new Listing(dir, files, List.of(), e.getCause());
    } catch (IOException | RuntimeException e) {
      return new Listing(dir, files, List.of(), e);
    }
    subdirs.sort(null);
    return new Listing(dir, files, subdirs, null);
  }

  /** {@code path} relative to {@code root}, with '/' between parts; "." for the root itself. */
  public static String relative(Path root, Path path) {
    Path rel = root.relativize(path);
    String s = rel.toString();
    if (s.isEmpty()) {
      return ".";
    }
    String sep = rel.getFileSystem().getSeparator();
    return sep.equals("/") ? s : s.replace(sep, "/");
  }
}
