package deli.search;

import deli.core.Failures;
import deli.python.Fnmatch;
import deli.python.OsWalk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * The chapter's {@code all_source()} for {@code deli search}: every file under a root whose name
 * matches a pattern, walked as {@code os.walk} walks it, skipping directories whose names match
 * a skip pattern. Paths come back relative to the root, with {@code /} separators, sorted, so
 * every shard that walks the same tree sees the same list. Where the root's file system keeps a
 * directory's link count ({@link LinkCounts}), the walk asks about only as many entries as it
 * takes to find the subdirectories (the Python library: 14,000 stats, not 51,000), and a wanted
 * name that is a link to a directory may then be among the paths: its reader skips it
 * ({@link CorpusLoader#fill}).
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
   * Threads listing directories at once. A listing waits on the file system (a stat per entry
   * it must ask about, to tell directories from files as {@code os.walk} does), so a second thread
   * nearly halves a walk on 2 cores (the Python library: 0.39 s to 0.22 s); a third adds nothing
   * there.
   */
  static final int WALKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  /**
   * Walks {@code root}; a directory that cannot be listed goes to {@code problems} (its relative
   * path and why, in the order {@code os.walk} would meet them) and the walk goes on. The root
   * itself must be listable. Directories are listed by {@link #WALKERS} threads, the caller's
   * one of them; the result is the same as one thread's.
   */
  public static List<String> walk(Path root, Fnmatch pattern, List<Fnmatch> skip, BiConsumer<String, String> problems)
      throws IOException {
    return walk(root, pattern, skip, problems, WALKERS);
  }

  /** {@link #walk(Path, Fnmatch, List, BiConsumer)} with {@code walkers} threads. */
  static List<String> walk(Path root, Fnmatch pattern, List<Fnmatch> skip, BiConsumer<String, String> problems, int walkers)
      throws IOException {
    return walk(root, pattern, skip, problems, walkers, LinkCounts.of(root));
  }

  /** As {@link #walk(Path, Fnmatch, List, BiConsumer, int)}, told which directories' link counts to go by. */
  static List<String> walk(
      Path root, Fnmatch pattern, List<Fnmatch> skip, BiConsumer<String, String> problems, int walkers, LinkCounts links)
      throws IOException {
    Predicate<String> prune = name -> skip.stream().anyMatch(s -> s.matches(name));
    Predicate<String> wanted = names(pattern);
    Walkers w = new Walkers(root.toString(), wanted, prune, links);
    OsWalk.Entries top = OsWalk.entries(w.top, links.count(root), prune, wanted);
    if (top.failure() != null) {
      throw top.failure() instanceof IOException e ? e : new IOException(top.failure());
    }
    w.take("", top);
    List<Thread> helpers = new ArrayList<>();
    for (int i = 1; i < walkers && w.pending.get() > 0; i++) {
      Thread t = new Thread(w::work, "deli-walk-" + i);
      t.setDaemon(true);
      t.start();
      helpers.add(t);
    }
    w.work();
    for (Thread t : helpers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while walking " + root);
      }
    }
    List<String> found = new ArrayList<>();
    w.found.forEach(found::addAll);
    found.sort(null);
    List<String[]> failed = new ArrayList<>(w.failed);
    failed.sort((x, y) -> byParts(x[0], y[0]));
    failed.forEach(f -> problems.accept(f[0], f[1]));
    return found;
  }

  /** A directory to list: its path relative to the root ('/' between parts) and the link count to go by (0: none). */
  private record Dir(String rel, int links) {}

  /**
   * The directories still to list, shared by the walking threads, and what they found. Paths are
   * strings relative to the root: a tree holds tens of thousands.
   */
  private static final class Walkers {
    final String top;
    final String prefix;
    final Predicate<String> wanted;
    final Predicate<String> prune;
    final LinkCounts links;
    final ConcurrentLinkedDeque<Dir> directories = new ConcurrentLinkedDeque<>();
    /** Directories queued or being listed: the walk is over when none is. */
    final AtomicInteger pending = new AtomicInteger();
    final Queue<List<String>> found = new ConcurrentLinkedQueue<>();
    final Queue<String[]> failed = new ConcurrentLinkedQueue<>();

    Walkers(String top, Predicate<String> wanted, Predicate<String> prune, LinkCounts links) {
      this.top = top;
      this.prefix = top.endsWith("/") ? top : top + "/";
      this.wanted = wanted;
      this.prune = prune;
      this.links = links;
    }

    /** Lists directories until none is left to list, here or with another thread. */
    void work() {
      while (pending.get() > 0) {
        Dir dir = directories.pollFirst();
        if (dir == null) {
          LockSupport.parkNanos(20_000); // another thread is listing what may add more
          continue;
        }
        try {
          take(dir.rel(), OsWalk.entries(prefix + dir.rel(), dir.links(), prune, wanted));
        } finally {
          pending.decrementAndGet();
        }
      }
    }

    /** What listing the directory at {@code rel} ("" for the root) found. */
    void take(String rel, OsWalk.Entries listed) {
      if (listed.failure() != null) {
        failed.add(new String[] {rel, Failures.describe(listed.failure())});
      }
      String base = rel.isEmpty() ? "" : rel + "/";
      List<String> mine = new ArrayList<>(listed.files().size());
      for (String name : listed.files()) {
        mine.add(base + name);
      }
      if (!mine.isEmpty()) {
        found.add(mine);
      }
      List<OsWalk.Subdir> subdirs = listed.subdirs();
      pending.addAndGet(subdirs.size());
      for (int i = subdirs.size() - 1; i >= 0; i--) {
        OsWalk.Subdir d = subdirs.get(i);
        directories.addFirst(new Dir(base + d.name(), links.count(d.links(), d.device())));
      }
    }
  }

  /** Relative paths in the order a top-down walk in name order meets them: part by part. */
  static int byParts(String a, String b) {
    String[] x = a.split("/");
    String[] y = b.split("/");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
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
