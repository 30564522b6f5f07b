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

  /** Reads {@code files} (relative to {@code spec.root()}) and runs {@code queries} over them (blocking I/O and CPU). */
  static Result run(ShardSpec spec, List<String> files, List<SearchQuery> queries) {
    return run(spec, files, queries, BATCH_BYTES);
  }

  /** As {@link #run(ShardSpec, List, List)}, the queries run every {@code batchBytes} read. */
  static Result run(ShardSpec spec, List<String> files, List<SearchQuery> queries, int batchBytes) {
    long start = System.nanoTime();
    Path root = Path.of(spec.root());
    Scan scan = new Scan(queries);
    CorpusLoader loader = new CorpusLoader(spec, batchBytes + (batchBytes >> 2));
    List<ShardCorpus.Problem> problems = new ArrayList<>();
    for (String rel : files) {
      try {
        loader.read(root.resolve(rel), rel);
      } catch (IOException e) {
        problems.add(new ShardCorpus.Problem(rel, Failures.describe(e)));
      }
      if (loader.size >= batchBytes) {
        scan.over(loader);
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

  /** The queries' matches so far, batch after batch. */
  private static final class Scan {
    final List<SearchQuery> queries;
    final List<List<FileHits>> hits = new ArrayList<>();
    final long[] lines;
    final String[] failures;
    int files;
    long bytes;
    long lineCount;
    int notUtf8;

    Scan(List<SearchQuery> queries) {
      this.queries = queries;
      this.lines = new long[queries.size()];
      this.failures = new String[queries.size()];
      queries.forEach(q -> hits.add(new ArrayList<>()));
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
          ShardMatches m = ShardSearch.run(c, queries.get(q));
          hits.get(q).addAll(m.hits());
          lines[q] += m.lines();
        } catch (IllegalArgumentException e) {
          failures[q] = e.getMessage();
        }
      }
      loader.reset();
    }
  }
}
