package deli.search;

import deli.core.Failures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's slice of a tree searched as it is read, for a single run of queries: files are
 * read a batch at a time (about {@link #BATCH_BYTES}) into one reused buffer, every query runs
 * over the batch, the matching lines are copied out and the buffer is read over again. Nothing
 * of the tree stays in memory: what a one-off query needs, where loading the tree first would
 * cost more than the query.
 */
final class SliceScan {
  /** About this many bytes are read before the queries run over them: a few cache-sized pieces, not the slice. */
  static final int BATCH_BYTES = 1 << 20;

  /**
   * Each query's matches over the slice ({@code matches}, in the queries' order), or the reason
   * it failed ({@code failures}, null where it ran), and what was read.
   */
  record Result(List<ShardMatches> matches, List<String> failures, LoadReport report) {}

  private SliceScan() {}

  /**
   * A tree's files handed out to the shards that scan them, a few at a time in path order: each
   * shard takes more as it finishes what it has, so the shards end together (fixed {@code [i::n]}
   * slices of the Python library ended 10 to 50 ms apart). Each shard's files still come in path
   * order, as the merge of their matches needs.
   */
  static final class Handout {
    /** Files a take: few enough that the shards end within a few files of each other. */
    static final int FILES = 16;

    private final List<String> files;
    private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    Handout(List<String> files) {
      this.files = List.copyOf(files);
    }

    /** The next few files, after every file handed out before; none when all have been. */
    List<String> take() {
      int from = next.getAndAdd(FILES);
      return from >= files.size() ? List.of() : files.subList(from, Math.min(files.size(), from + FILES));
    }
  }

  /** Reads {@code files} (relative to {@code spec.root()}) and runs {@code queries} over them (blocking I/O and CPU). */
  static Result run(ShardSpec spec, List<String> files, List<SearchQuery> queries) {
    return run(spec, new Handout(files), queries, BATCH_BYTES);
  }

  /** As {@link #run(ShardSpec, List, List)}, the files taken from {@code files} until none is left. */
  static Result run(ShardSpec spec, Handout files, List<SearchQuery> queries) {
    return run(spec, files, queries, BATCH_BYTES);
  }

  /** As {@link #run(ShardSpec, Handout, List)}, the queries run every {@code batchBytes} read. */
  static Result run(ShardSpec spec, List<String> files, List<SearchQuery> queries, int batchBytes) {
    return run(spec, new Handout(files), queries, batchBytes);
  }

  private static Result run(ShardSpec spec, Handout files, List<SearchQuery> queries, int batchBytes) {
    long start = System.nanoTime();
    Path root = Path.of(spec.root());
    Scan scan = new Scan(queries);
    CorpusLoader loader = new CorpusLoader(spec, batchBytes + (batchBytes >> 2));
    List<ShardCorpus.Problem> problems = new ArrayList<>();
    List<Needle> needles = needles(queries);
    for (List<String> taken = files.take(); !taken.isEmpty(); taken = files.take()) {
      for (String rel : taken) {
        int from;
        try {
          from = loader.fill(root.resolve(rel));
        } catch (IOException | java.nio.file.InvalidPathException e) {
          // A name the platform's charset cannot spell back (no locale: ASCII) is no path to open.
          problems.add(new ShardCorpus.Problem(rel, Failures.describe(e)));
          continue;
        }
        if (from < 0) {
          continue; // a link to a directory, not a file
        }
        if (needles != null && !any(needles, loader.text, from, loader.size)) {
          // No query can match in this file: it is counted, and its line table is never made.
          scan.skipped(loader.text, from, loader.size);
          loader.size = from;
        } else {
          loader.add(rel, from);
        }
        if (loader.size >= batchBytes) {
          scan.over(loader);
        }
      }
    }
    scan.over(loader);
    long nanos = System.nanoTime() - start;
    List<ShardMatches> matches = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      matches.add(new ShardMatches(scan.files, scan.lines[q], scan.hits.get(q), nanos));
    }
    LoadReport report = new LoadReport(scan.files, scan.bytes, scan.lineCount, scan.notUtf8, problems, 0, 0, nanos, 0, false);
    return new Result(matches, java.util.Arrays.asList(scan.failures), report);
  }

  /**
   * A needle per query when every query is a plain string whose lines are those holding it (no
   * regex, no -v, no -L): a file holding none of them has no match and needs no line table.
   * Null when some query is not.
   */
  static List<Needle> needles(List<SearchQuery> queries) {
    List<Needle> out = new ArrayList<>();
    for (SearchQuery q : queries) {
      if (q.pattern() != null || q.invert() || q.filesWithout()) {
        return null;
      }
      out.add(new Needle(q.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), q.ignoreCase()));
    }
    return out;
  }

  private static boolean any(List<Needle> needles, byte[] t, int from, int to) {
    for (Needle n : needles) {
      if (n.find(t, from, to) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  /** The lines of {@code t[from, to)} as a loaded file counts them: its newlines, and one more for a last line without one. */
  static long lines(byte[] t, int from, int to) {
    return linesAndAscii(t, from, to) & Long.MAX_VALUE;
  }

  /**
   * {@link #lines} of {@code t[from, to)}, with the sign bit set when a byte is not ASCII: one pass
   * tells a skipped file's lines and whether it needs the UTF-8 check (most source is ASCII).
   */
  static long linesAndAscii(byte[] t, int from, int to) {
    if (to == from) {
      return 0;
    }
    long n = 0;
    int p = from;
    long nl = 0x0a0a0a0a0a0a0a0aL;
    long high = 0;
    // Each byte of sum counts the newlines at its place in the words read, so it is folded into n
    // every 255 words, before a byte can overflow. No Long.bitCount per word: C1 (a short search
    // runs under C1 alone) calls it where C2 inlines it; this took 35 ms of the Python library
    // against 87 under C1, and 14 against 34 under C2.
    while (p + 8 <= to) {
      int end = Math.min(to - 7, p + 8 * 255);
      long sum = 0;
      for (; p < end; p += 8) {
        long x = (long) LONGS.get(t, p) ^ nl;
        high |= x; // the newline's bits are below the top one: a byte's top bit is still its own
        // A zero byte of x is a newline; this sets the top bit of exactly those (no borrow crosses a byte).
        long z = ~(((x & 0x7f7f7f7f7f7f7f7fL) + 0x7f7f7f7f7f7f7f7fL) | x | 0x7f7f7f7f7f7f7f7fL);
        sum += z >>> 7;
      }
      // Bytes to four 16-bit sums (each at most 510), then their total (at most 2040) in the top 16 bits.
      sum = (sum & 0x00ff00ff00ff00ffL) + ((sum >>> 8) & 0x00ff00ff00ff00ffL);
      n += (sum * 0x0001000100010001L) >>> 48;
    }
    for (; p < to; p++) {
      high |= t[p];
      if (t[p] == '\n') {
        n++;
      }
    }
    n = t[to - 1] == '\n' ? n : n + 1;
    return (high & 0x8080808080808080L) == 0 ? n : n | Long.MIN_VALUE;
  }

  /** The queries' matches so far, batch after batch. */
  private static final class Scan {
    final List<SearchQuery> queries;
    final List<List<FileHits>> hits = new ArrayList<>();
    final long[] lines;
    // Lines each query may still return with their text: its maxLines spans every batch.
    final long[] budget;
    final String[] failures;
    int files;
    long bytes;
    long lineCount;
    int notUtf8;

    Scan(List<SearchQuery> queries) {
      this.queries = queries;
      this.lines = new long[queries.size()];
      this.budget = queries.stream().mapToLong(SearchQuery::maxLines).toArray();
      this.failures = new String[queries.size()];
      queries.forEach(q -> hits.add(new ArrayList<>()));
    }

    /** A file read and left out, no query matching in it: what it adds to the counts. */
    void skipped(byte[] t, int from, int to) {
      files++;
      bytes += to - from;
      long counted = linesAndAscii(t, from, to);
      lineCount += counted & Long.MAX_VALUE;
      if (counted < 0 && deli.python.Utf8.classify(t, from, to) == deli.python.Utf8.INVALID) {
        notUtf8++;
      }
    }

    void over(CorpusLoader loader) {
      if (loader.paths.isEmpty()) {
        return;
      }
      ShardCorpus c = loader.batch();
      files += c.files();
      bytes += c.bytes();
      lineCount += c.lines();
      notUtf8 += c.notUtf8();
      for (int q = 0; q < queries.size(); q++) {
        if (failures[q] != null) {
          continue;
        }
        try {
          SearchQuery query = queries.get(q);
          ShardMatches m = ShardSearch.run(c, budget[q] == query.maxLines() ? query : query.withMaxLines((int) budget[q]));
          hits.get(q).addAll(m.hits());
          for (FileHits h : m.hits()) {
            budget[q] -= h.returned();
          }
          lines[q] += m.lines();
        } catch (IllegalArgumentException e) {
          failures[q] = e.getMessage();
        }
      }
      loader.reset();
    }
  }
}
