package deli.python;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
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
    // Every name wanted and no link count: every entry is asked about, in listing order.
    return list(dir, 0, prune, name -> true);
  }

  /**
   * Lists {@code dir} for a caller that reads only the files whose names {@code wanted} accepts,
   * asking the file system about as few entries as it can: the files returned are the wanted ones
   * (in no set order), and the subdirectories are those {@link #list(Path, Predicate)} returns.
   *
   * <p>{@code links} is the directory's own link count, when the caller knows its file system keeps
   * it as two more than its subdirectories (ext4, xfs, tmpfs...; below 2 for unknown): once that
   * many directories are found, the entries left are not directories and are not asked about.
   * Names without a dot are asked first (directories seldom have one), wanted names last, so a
   * directory of source files and a {@code __pycache__} asks about one entry, not all. An entry
   * asked about is asked relative to the open directory (one {@code fstatat}, not a walk of its
   * whole path), without following a link; a link is then followed once. A link is not counted
   * in {@code links}, so a wanted entry not asked about may be a link to a directory: it is
   * returned as a file, and whoever reads it finds a directory and skips it, as {@code os.walk}
   * would (a link to a directory is not a file there).
   */
  public static Listing list(Path dir, int links, Predicate<String> prune, Predicate<String> wanted) {
    List<Path> files = new ArrayList<>();
    List<Path> subdirs = new ArrayList<>();
    int unfound = links >= 2 ? links - 2 : Integer.MAX_VALUE;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      SecureDirectoryStream<Path> here = entries instanceof SecureDirectoryStream<Path> s ? s : null;
      List<Path> plain = new ArrayList<>();
      List<Path> dotted = new ArrayList<>();
      List<Path> asked = new ArrayList<>();
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        (wanted.test(name) ? asked : name.indexOf('.') < 0 ? plain : dotted).add(entry);
      }
      for (List<Path> group : List.of(plain, dotted, asked)) {
        for (Path entry : group) {
          boolean want = group == asked;
          if (unfound == 0) {
            if (want) {
              files.add(entry);
            }
            continue;
          }
          int kind = kind(here, entry);
          if (kind == DIRECTORY) {
            unfound--;
            if (!prune.test(entry.getFileName().toString())) {
              subdirs.add(entry);
            }
          } else if (kind == FILE && want) {
            files.add(entry);
          }
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

  private static final int FILE = 0;
  private static final int DIRECTORY = 1;
  private static final int LINK_TO_DIRECTORY = 2;

  /** What {@code entry} is, as {@code os.walk} sorts it; an entry that cannot be asked about is a file, as there. */
  private static int kind(SecureDirectoryStream<Path> here, Path entry) {
    BasicFileAttributes a;
    try {
      a = here != null
          ? here.getFileAttributeView(entry.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes()
          : Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | RuntimeException e) {
      return FILE;
    }
    if (a.isDirectory()) {
      return DIRECTORY;
    }
    return a.isSymbolicLink() && Files.isDirectory(entry) ? LINK_TO_DIRECTORY : FILE;
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
