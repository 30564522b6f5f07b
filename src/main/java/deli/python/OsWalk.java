package deli.python;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

  /**
   * Lists {@code dir} as one {@link #step()} does: every entry asked about, in listing order. The
   * entries are read as {@link Path}s, which keep a name's bytes as the file system has them, so
   * a name the platform's charset cannot spell (a Latin-1 name under a C locale) is still read.
   */
  public static Listing list(Path dir, Predicate<String> prune) {
    List<Path> files = new ArrayList<>();
    List<Path> subdirs = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        Subdir d = directory(entry, name);
        if (d == null) {
          files.add(entry);
        } else if (d != LINK_TO_DIRECTORY && !prune.test(name)) {
          subdirs.add(entry);
        }
      }
    } catch (java.nio.file.DirectoryIteratorException e) {
      return new Listing(dir, files, List.of(), e.getCause());
    } catch (IOException | RuntimeException e) {
      return new Listing(dir, files, List.of(), e);
    }
    subdirs.sort(null);
    return new Listing(dir, files, subdirs, null);
  }

  /**
   * One directory's entries, by name: the files wanted, the subdirectories to enter (in name
   * order; {@code prune} refused none of them, none is a link), or why it could not be listed
   * ({@code os.walk}'s {@code onerror}; nothing is listed then).
   */
  public record Entries(List<String> files, List<Subdir> subdirs, Exception failure) {}

  /**
   * A subdirectory found: its name, its own link count and the device it is on ({@code links} 0
   * and {@code device} null where the file system does not say), for its listing in turn.
   */
  public record Subdir(String name, int links, Object device) {}

  /**
   * Lists {@code dir} (a path as {@link java.io.File} takes it) for a caller that reads only the
   * files whose names {@code wanted} accepts, asking the file system about as few entries as it
   * can: the files are the wanted ones (in no set order), the subdirectories those {@link #list(Path,
   * Predicate)} returns.
   *
   * <p>Listing takes one call that returns the names ({@link java.io.File#list()}: an open, a read
   * and a close of the directory), and asking about an entry one {@code lstat}, which tells a
   * subdirectory's link count too. A {@link java.nio.file.DirectoryStream} takes twice the calls
   * for the same listing (a {@code dup}, two {@code fcntl}s and a second {@code close} a
   * directory, and a {@code stat} of each directory for its count): the Python library's walk
   * made 55,000 system calls instead of 98,000.
   *
   * <p>{@code links} is the directory's own link count, when the caller knows its file system keeps
   * it as two more than its subdirectories (ext4, xfs, tmpfs...; below 2 for unknown): once that
   * many directories are found, the entries left are not directories and are not asked about.
   * Names without a dot are asked first (directories seldom have one), wanted names last, so a
   * directory of source files and a {@code __pycache__} asks about one entry, not all. An entry
   * is asked about without following a link; a link is then followed once. A link is not counted
   * in {@code links}, so a wanted entry not asked about may be a link to a directory: it is
   * returned as a file, and whoever reads it finds a directory and skips it, as {@code os.walk}
   * would (a link to a directory is not a file there).
   */
  public static Entries entries(String dir, int links, Predicate<String> prune, Predicate<String> wanted) {
    String[] names = new java.io.File(dir).list();
    if (names == null) {
      return new Entries(List.of(), List.of(), whyNotListed(dir));
    }
    List<String> files = new ArrayList<>();
    List<Subdir> subdirs = new ArrayList<>();
    int unfound = links >= 2 ? links - 2 : Integer.MAX_VALUE;
    List<String> plain = new ArrayList<>();
    List<String> dotted = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    for (String name : names) {
      (wanted.test(name) ? asked : name.indexOf('.') < 0 ? plain : dotted).add(name);
    }
    String prefix = dir + "/"; // "a//b" is "a/b" to the file system
    for (List<String> group : List.of(plain, dotted, asked)) {
      boolean want = group == asked;
      for (String name : group) {
        if (unfound == 0) {
          if (want) {
            files.add(name);
          }
          continue;
        }
        Subdir d = directory(prefix, name);
        if (d == null) {
          if (want) {
            files.add(name);
          }
        } else if (d != LINK_TO_DIRECTORY) {
          unfound--;
          if (!prune.test(name)) {
            subdirs.add(d);
          }
        }
      }
    }
    subdirs.sort(java.util.Comparator.comparing(Subdir::name));
    return new Entries(files, subdirs, null);
  }

  /** Why {@code dir} cannot be listed, as opening it tells (File.list says only that it cannot). */
  private static Exception whyNotListed(String dir) {
    try (DirectoryStream<Path> ignored = Files.newDirectoryStream(Path.of(dir))) {
      return new IOException(dir + ": cannot be listed");
    } catch (IOException | RuntimeException e) {
      return e;
    }
  }

  /** An entry that links to a directory: os.walk lists it among the directories and does not enter it. */
  private static final Subdir LINK_TO_DIRECTORY = new Subdir("", 0, null);

  // Whether the file system answers "unix:" attributes (a link count): every Unix, not Windows.
  private static final boolean UNIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

  /** {@code prefix + name} as {@link #directory(Path, String)} tells it; a name no path can spell is a file. */
  private static Subdir directory(String prefix, String name) {
    Path p;
    try {
      p = Path.of(prefix + name);
    } catch (java.nio.file.InvalidPathException e) {
      return null;
    }
    return directory(p, name);
  }

  /**
   * {@code p} (named {@code name}) as a directory to enter (with its link count),
   * {@link #LINK_TO_DIRECTORY}, or null for a file; an entry that cannot be asked about is a file,
   * as in {@code os.walk}.
   */
  private static Subdir directory(Path p, String name) {
    try {
      if (UNIX) {
        java.util.Map<String, Object> a = Files.readAttributes(p, "unix:mode,nlink,dev", LinkOption.NOFOLLOW_LINKS);
        int type = (Integer) a.get("mode") & 0170000;
        if (type == 0040000) {
          return new Subdir(name, (Integer) a.get("nlink"), a.get("dev"));
        }
        return type == 0120000 && Files.isDirectory(p) ? LINK_TO_DIRECTORY : null;
      }
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isDirectory()) {
        return new Subdir(name, 0, null);
      }
      return a.isSymbolicLink() && Files.isDirectory(p) ? LINK_TO_DIRECTORY : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
