package deli.search;

import deli.core.CborSerializable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's slice of a source tree, in memory. Each file is one Latin-1 {@link String}
 * holding its bytes as they are on disk (one byte per char, so UTF-8 stays UTF-8 and a file
 * that is not UTF-8 costs nothing extra), and one table holds where every line starts. No
 * object per line: a shard costs about its files' bytes plus 4 bytes a line (plus its index).
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

  final ShardSpec spec;
  final String[] paths;
  final String[] texts;
  /** Index in {@link #lineStarts} of each file's first line; one more entry closes the last file. */
  final int[] firstLine;
  /** Offset in its file of every line's first char, file after file. */
  final int[] lineStarts;
  final boolean[] ascii;
  final long bytes;
  final int notUtf8;
  final List<Problem> problems;
  final TrigramIndex index;
  final long loadNanos;
  final long indexNanos;

  private ShardCorpus(
      ShardSpec spec,
      String[] paths,
      String[] texts,
      int[] firstLine,
      int[] lineStarts,
      boolean[] ascii,
      long bytes,
      int notUtf8,
      List<Problem> problems,
      TrigramIndex index,
      long loadNanos,
      long indexNanos) {
    this.spec = spec;
    this.paths = paths;
    this.texts = texts;
    this.firstLine = firstLine;
    this.lineStarts = lineStarts;
    this.ascii = ascii;
    this.bytes = bytes;
    this.notUtf8 = notUtf8;
    this.problems = List.copyOf(problems);
    this.index = index;
    this.loadNanos = loadNanos;
    this.indexNanos = indexNanos;
  }

  /**
   * Walks the tree and reads this shard's slice of its files (blocking I/O); {@link #indexed()}
   * then builds the index when the spec asks for one (CPU work). A file that cannot be read is
   * a {@link Problem}, never a failure; only a root that is not a readable directory fails.
   */
  public static ShardCorpus load(ShardSpec spec, Progress progress) throws IOException {
    long start = System.nanoTime();
    Path root = Path.of(spec.root());
    if (!Files.isDirectory(root)) {
      throw new IOException(Files.exists(root) ? "not a directory: " + spec.root() : "no such directory: " + spec.root());
    }
    List<Problem> problems = new ArrayList<>();
    List<String> all =
        SourceTree.walk(
            root,
            Fnmatch.of(spec.pattern()),
            spec.skipPatterns(),
            // Every shard walks the same tree: the first one speaks for the walk.
            (path, why) -> {
              if (spec.slice() == 0) {
                problems.add(new Problem(path, why));
              }
            });
    List<String> mine = new ArrayList<>(all.size() / spec.slices() + 1);
    for (int i = spec.slice(); i < all.size(); i += spec.slices()) {
      mine.add(all.get(i));
    }
    int total = mine.size();
    List<String> paths = new ArrayList<>(total);
    List<String> texts = new ArrayList<>(total);
    List<Boolean> asciiFiles = new ArrayList<>(total);
    Ints firstLine = new Ints(total + 1);
    Ints lineStarts = new Ints(1024);
    byte[] scratch = new byte[1 << 16];
    long bytes = 0;
    int notUtf8 = 0;
    long lastReport = System.nanoTime();
    for (int f = 0; f < total; f++) {
      String rel = mine.get(f);
      Path file = root.resolve(rel);
      int len;
      try {
        long size = Files.size(file);
        if (size > spec.maxFileBytes()) {
          problems.add(new Problem(rel, "larger than " + spec.maxFileBytes() + " bytes, left out"));
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          len = 0;
          if (scratch.length < size + 1) {
            scratch = new byte[(int) Math.min(Integer.MAX_VALUE - 16, Math.max(size + 1, scratch.length * 2L))];
          }
          int n;
          while ((n = in.read(scratch, len, scratch.length - len)) > 0) {
            len += n;
            if (len > spec.maxFileBytes()) {
              throw new IOException("larger than " + spec.maxFileBytes() + " bytes, left out");
            }
            if (len == scratch.length) {
              scratch = java.util.Arrays.copyOf(scratch, (int) Math.min(Integer.MAX_VALUE - 16, scratch.length * 2L));
            }
          }
        }
      } catch (IOException e) {
        problems.add(new Problem(rel, SourceTree.reason(e)));
        continue;
      }
      int kind = Utf8.classify(scratch, len);
      if (kind == Utf8.INVALID) {
        notUtf8++;
      }
      String text = new String(scratch, 0, len, StandardCharsets.ISO_8859_1);
      firstLine.add(lineStarts.size());
      int at = 0;
      while (at < len) {
        lineStarts.add(at);
        int nl = text.indexOf('\n', at);
        at = nl < 0 ? len : nl + 1;
      }
      paths.add(rel);
      texts.add(text);
      asciiFiles.add(kind == Utf8.ASCII);
      bytes += len;
      long now = System.nanoTime();
      if (now - lastReport >= PROGRESS_NANOS) {
        lastReport = now;
        progress.update(f + 1, total, bytes);
      }
    }
    firstLine.add(lineStarts.size());
    boolean[] ascii = new boolean[asciiFiles.size()];
    for (int i = 0; i < ascii.length; i++) {
      ascii[i] = asciiFiles.get(i);
    }
    progress.update(total, total, bytes);
    String[] textArray = texts.toArray(String[]::new);
    int[] lines = lineStarts.toArray();
    int[] firsts = firstLine.toArray();
    return new ShardCorpus(
        spec, paths.toArray(String[]::new), textArray, firsts, lines, ascii, bytes, notUtf8, problems, null, System.nanoTime() - start, 0);
  }

  /** This corpus with its index built, when its spec asks for one; else this corpus. */
  public ShardCorpus indexed() {
    if (!spec.index() || index != null) {
      return this;
    }
    long start = System.nanoTime();
    TrigramIndex built = TrigramIndex.build(texts, spec.chunkBytes(), bytes);
    return new ShardCorpus(
        spec, paths, texts, firstLine, lineStarts, ascii, bytes, notUtf8, problems, built, loadNanos, System.nanoTime() - start);
  }

  public int files() {
    return paths.length;
  }

  public long bytes() {
    return bytes;
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
   * What this shard holds in memory, in bytes, counted from its arrays and objects (64-bit JVM
   * with compressed references): the texts, the line table, the paths, and the index.
   */
  public long memoryBytes() {
    long m = array(paths.length * 4L) * 2 + array(firstLine.length * 4L) + array(lineStarts.length * 4L) + array(ascii.length);
    for (int f = 0; f < texts.length; f++) {
      m += 24 + array(texts[f].length()); // a String and its Latin-1 bytes
      m += 24 + array(paths[f].length());
    }
    return m + (index == null ? 0 : index.memoryBytes());
  }

  /** An array's size on the heap: a 16-byte header and the data, rounded up to 8 bytes. */
  static long array(long dataBytes) {
    return (16 + dataBytes + 7) & ~7L;
  }

  /** The line at {@code line} (an index into {@link #lineStarts}) of file {@code f}: where it ends, before its newline. */
  int lineEnd(int f, int line) {
    return line + 1 < firstLine[f + 1] ? lineStarts[line + 1] - 1 : endOfLastLine(texts[f]);
  }

  private static int endOfLastLine(String text) {
    int n = text.length();
    return n > 0 && text.charAt(n - 1) == '\n' ? n - 1 : n;
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
        a = java.util.Arrays.copyOf(a, (int) Math.min(Integer.MAX_VALUE - 16, a.length * 2L));
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
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
