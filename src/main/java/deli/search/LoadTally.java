package deli.search;

import deli.trace.Trace;
import java.util.Arrays;
import java.util.List;

/** What the shards of one tree have loaded so far: files and bytes read, and each shard's report once ready. */
final class LoadTally {
  private final LoadReport[] ready;
  private final int[] done;
  private final int[] total;
  private final long[] bytes;

  LoadTally(int shards) {
    ready = new LoadReport[shards];
    done = new int[shards];
    total = new int[shards];
    bytes = new long[shards];
    // A shard that has not said how many files it found yet counts none.
    Arrays.fill(total, -1);
  }

  void loading(SearchShard.Loading l) {
    done[l.slice()] = l.filesDone();
    total[l.slice()] = l.filesTotal();
    bytes[l.slice()] = l.bytes();
  }

  /** Takes a shard's report in; true when it had one already (it loaded again). */
  boolean ready(SearchShard.Ready r) {
    boolean again = ready[r.slice()] != null;
    ready[r.slice()] = r.report();
    return again;
  }

  boolean allReady() {
    return Arrays.stream(ready).allMatch(r -> r != null);
  }

  /** Every shard's report added up; call once all are ready. */
  LoadReport sum() {
    return LoadReport.sum(List.of(ready));
  }

  TreeEvent.LoadProgress progress(Trace trace) {
    return new TreeEvent.LoadProgress(
        trace,
        Arrays.stream(done).sum(),
        Arrays.stream(total).map(t -> Math.max(t, 0)).sum(),
        Arrays.stream(bytes).sum(),
        ready.length);
  }
}
