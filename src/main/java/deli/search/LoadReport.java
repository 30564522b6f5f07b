package deli.search;

import deli.core.CborSerializable;
import java.util.List;

/**
 * What a shard (or, summed, a whole tree) holds once loaded.
 *
 * @param files files held
 * @param bytes their bytes
 * @param lines their lines
 * @param notUtf8 files that are not valid UTF-8, held as they are and matched byte for byte
 * @param problems files (and directories) that could not be read, and why
 * @param memoryBytes what the shard holds on the heap: texts, line table, index
 * @param largestShardRatio the largest shard's memory over its files' bytes
 * @param loadNanos walking and reading (the slowest shard, for a tree)
 * @param indexNanos building the index (the slowest shard, for a tree)
 * @param indexed whether queries use a trigram index
 */
public record LoadReport(
    int files,
    long bytes,
    long lines,
    int notUtf8,
    List<ShardCorpus.Problem> problems,
    long memoryBytes,
    double largestShardRatio,
    long loadNanos,
    long indexNanos,
    boolean indexed)
    implements CborSerializable {

  public LoadReport {
    problems = List.copyOf(problems);
  }

  static LoadReport of(ShardCorpus c) {
    long memory = c.memoryBytes();
    return new LoadReport(
        c.files(),
        c.bytes(),
        c.lines(),
        c.notUtf8(),
        c.problems(),
        memory,
        c.bytes() == 0 ? 0 : (double) memory / c.bytes(),
        c.loadNanos(),
        c.indexNanos(),
        c.hasIndex());
  }

  /** The reports of a tree's shards, summed. */
  static LoadReport sum(List<LoadReport> shards) {
    int files = 0;
    long bytes = 0;
    long lines = 0;
    int notUtf8 = 0;
    List<ShardCorpus.Problem> problems = new java.util.ArrayList<>();
    long memory = 0;
    double ratio = 0;
    long load = 0;
    long index = 0;
    boolean indexed = true;
    for (LoadReport r : shards) {
      files += r.files;
      bytes += r.bytes;
      lines += r.lines;
      notUtf8 += r.notUtf8;
      problems.addAll(r.problems);
      memory += r.memoryBytes;
      ratio = Math.max(ratio, r.largestShardRatio);
      load = Math.max(load, r.loadNanos);
      index = Math.max(index, r.indexNanos);
      indexed &= r.indexed;
    }
    problems.sort(java.util.Comparator.comparing(ShardCorpus.Problem::path));
    return new LoadReport(files, bytes, lines, notUtf8, problems, memory, ratio, load, index, indexed && !shards.isEmpty());
  }
}
