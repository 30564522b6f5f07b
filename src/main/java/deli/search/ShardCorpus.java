package deli.search;

import deli.core.Failures;
import deli.core.CborSerializable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One shard's slice of a source tree, in memory: all its files' bytes back to back in one
 * array, as they are on disk (UTF-8 stays UTF-8; a file that is not UTF-8 costs nothing
 * extra), one table of where each file starts and one of where every line starts. No object
 * per line or per file's text: a shard costs about its files' bytes plus 4 bytes a line (plus
 * its index, when it has one).
 */
public final class ShardCorpus {
  /** Told how loading goes, at most every {@link #PROGRESS_NANOS}; called on the loading thread. */
  @FunctionalInterface
  public interface Progress {
    void update(int filesDone, int filesTotal, long bytesDone);
  }

  /** A file or directory that could not be read, and why. */
  public record Problem(String path, String reason) implements CborSerializable {}

  static final long PROGRESS_NANOS = 100_000_000L;
  /** The most one shard holds: one Java array. */
  static final long MAX_BYTES = Integer.MAX_VALUE - 64;

  final ShardSpec spec;
  final String[] paths;
  /** Every file's bytes, back to back; file f is {@code text[fileStart[f] .. fileStart[f + 1])}. */
  final byte[] text;
  final int[] fileStart;
  /** Index in {@link #lineStarts} of each file's first line; one more entry closes the last file. */
  final int[] firstLine;
  /** Where every line starts in {@link #text}, file after file. */
  final int[] lineStarts;
  final boolean[] ascii;
  final int notUtf8;
  final List<Problem> problems;
  final TrigramIndex index;
  final long loadNanos;
  final long indexNanos;

  ShardCorpus(
      ShardSpec spec,
      String[] paths,
      byte[] text,
      int[] fileStart,
      int[] firstLine,
      int[] lineStarts,
      boolean[] ascii,
      int notUtf8,
      List<Problem> problems,
      TrigramIndex index,
      long loadNanos,
      long indexNanos) {
    this.spec = spec;
    this.paths = paths;
    this.text = text;
    this.fileStart = fileStart;
    this.firstLine = firstLine;
    this.lineStarts = lineStarts;
    this.ascii = ascii;
    this.notUtf8 = notUtf8;
    this.problems = List.copyOf(problems);
    this.index = index;
    this.loadNanos = loadNanos;
    this.indexNanos = indexNanos;
  }

  /**
   * Walks the tree and reads this shard's slice of its files (blocking I/O); {@link #indexed()}
   * then builds the index when the spec asks for one (CPU work). A file that cannot be read is
   * a {@link Problem}, never a failure; only a root that is not a readable directory fails, or
   * a slice too large for one shard.
   */
  public static ShardCorpus load(ShardSpec spec, Progress progress) throws IOException {
    return load(spec, null, progress);
  }

  /**
   * As {@link #load(ShardSpec, Progress)}, from {@code walked}, a walk of the tree already made
   * (one walk for every slice a node loads at once); null: walk it here.
   */
  public static ShardCorpus load(ShardSpec spec, SourceTree.Walk walked, Progress progress) throws IOException {
    long start = System.nanoTime();
    Path root = Path.of(spec.root());
    if (!Files.isDirectory(root)) {
      throw new IOException(Files.exists(root) ? "not a directory: " + spec.root() : "no such directory: " + spec.root());
    }
    SourceTree.Walk walk = walked != null ? walked : SourceTree.walk(spec);
    List<String> all = walk.paths();
    // Every shard sees the same walk: the first one speaks for it.
    List<Problem> problems = new ArrayList<>(spec.slice() == 0 ? walk.problems() : List.of());
    List<String> mine = new ArrayList<>(all.size() / spec.slices() + 1);
    for (int i = spec.slice(); i < all.size(); i += spec.slices()) {
      mine.add(all.get(i));
    }
    // Sizes first, so the text is one array allocated once (files that grow meanwhile grow it).
    long[] sizes = new long[mine.size()];
    long expected = 0;
    for (int f = 0; f < mine.size(); f++) {
      try {
        sizes[f] = Files.size(root.resolve(mine.get(f)));
      } catch (IOException | InvalidPathException e) {
        sizes[f] = -1;
      }
      expected += Math.max(0, Math.min(sizes[f], spec.maxFileBytes()));
    }
    if (expected > MAX_BYTES) {
      throw new IOException(
          "slice " + spec.slice() + " of " + spec.slices() + " holds " + expected + " bytes, more than one shard can (2 GB): use more shards");
    }
    CorpusLoader l = new CorpusLoader(spec, (int) expected);
    long lastReport = System.nanoTime();
    for (int f = 0; f < mine.size(); f++) {
      String rel = mine.get(f);
      if (sizes[f] > spec.maxFileBytes()) {
        problems.add(new Problem(rel, "larger than " + spec.maxFileBytes() + " bytes, left out"));
        continue;
      }
      try {
        l.read(root.resolve(rel), rel);
      } catch (IOException | InvalidPathException e) {
        // A name the platform's charset cannot spell back (no locale: ASCII) is no path to open.
        problems.add(new Problem(rel, Failures.describe(e)));
      }
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_NANOS) {
        lastReport = now;
        progress.update(f + 1, mine.size(), l.size);
      }
    }
    progress.update(mine.size(), mine.size(), l.size);
    return l.corpus(problems, System.nanoTime() - start);
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** The first newline in {@code t[from, to)}, or -1: eight bytes a step (its own loop, apart from the queries'). */
  static int newline(byte[] t, int from, int to) {
    int p = from;
    long nl = 0x0a0a0a0a0a0a0a0aL;
    while (p + 8 <= to) {
      long x = (long) LONGS.get(t, p) ^ nl;
      long z = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
      if (z != 0) {
        return p + (Long.numberOfTrailingZeros(z) >>> 3);
      }
      p += 8;
    }
    for (; p < to; p++) {
      if (t[p] == '\n') {
        return p;
      }
    }
    return -1;
  }

  /** This corpus with its index built, when its spec asks for one; else this corpus. */
  public ShardCorpus indexed() {
    if (!spec.index() || index != null) {
      return this;
    }
    long start = System.nanoTime();
    TrigramIndex built = TrigramIndex.build(text, fileStart, lineStarts, spec.chunkBytes());
    return new ShardCorpus(
        spec, paths, text, fileStart, firstLine, lineStarts, ascii, notUtf8, problems, built, loadNanos, System.nanoTime() - start);
  }

  public int files() {
    return paths.length;
  }

  public long bytes() {
    return fileStart[fileStart.length - 1];
  }

  public int lines() {
    return lineStarts.length;
  }

  public int notUtf8() {
    return notUtf8;
  }

  public List<Problem> problems() {
    return problems;
  }

  public boolean hasIndex() {
    return index != null;
  }

  public ShardSpec spec() {
    return spec;
  }

  public long loadNanos() {
    return loadNanos;
  }

  public long indexNanos() {
    return indexNanos;
  }

  /**
   * What this shard holds on the heap, in bytes, counted from its arrays and objects (64-bit JVM
   * with compressed references): the text, the file and line tables, the paths, and the index.
   */
  public long memoryBytes() {
    long m =
        array(text.length)
            + array(paths.length * 4L)
            + array(fileStart.length * 4L)
            + array(firstLine.length * 4L)
            + array(lineStarts.length * 4L)
            + array(ascii.length);
    for (String p : paths) {
      m += 24 + array(p.length()); // a String and its Latin-1 bytes
    }
    return m + (index == null ? 0 : index.memoryBytes());
  }

  /** An array's size on the heap: a 16-byte header and the data, rounded up to 8 bytes. */
  static long array(long dataBytes) {
    return (16 + dataBytes + 7) & ~7L;
  }

  /** Where line {@code line} (an index into {@link #lineStarts}) of file {@code f} ends, before its newline. */
  int lineEnd(int f, int line) {
    if (line + 1 < firstLine[f + 1]) {
      return lineStarts[line + 1] - 1;
    }
    int end = fileStart[f + 1];
    return end > fileStart[f] && text[end - 1] == '\n' ? end - 1 : end;
  }

  /** A growable int array, so a line table costs 4 bytes a line and no boxes. */
  static final class Ints {
    private int[] a;
    private int n;

    Ints(int capacity) {
      a = new int[Math.max(capacity, 4)];
    }

    void add(int v) {
      if (n == a.length) {
        a = Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 16, a.length * 2L));
      }
      a[n++] = v;
    }

    int size() {
      return n;
    }

    int get(int i) {
      return a[i];
    }

    void clear() {
      n = 0;
    }

    int[] toArray() {
      return Arrays.copyOf(a, n);
    }
  }
}
