package deli.search;

import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.List;

/**
 * What a search over a tree tells its listener about the tree: {@link DirectorySearch} in one
 * JVM, {@link SearchNode} in a cluster; {@link SearchSession}, {@link StreamingSearch} and the
 * logs read it.
 */
public interface TreeEvent extends CborSerializable, Traced {
  /** Loading goes on: files read so far, of the files found so far. */
  record LoadProgress(Trace trace, int filesDone, int filesTotal, long bytes, int shards) implements TreeEvent {}

  /** Every shard holds its slice: the chapter's setup is done, in {@code nanos}. */
  record TreeLoaded(Trace trace, String root, int shards, LoadReport report, long nanos) implements TreeEvent {}

  /**
   * Every shard has read its slice and run the queries over it as it read, keeping only the
   * matches ({@link StreamingSearch}): the tree was scanned, not loaded, in {@code nanos}.
   */
  record TreeScanned(Trace trace, String root, int shards, LoadReport report, long nanos) implements TreeEvent {}

  /** A shard loaded its slice again (after a failure, or when told to). */
  record ShardReloaded(Trace trace, int slice, LoadReport report) implements TreeEvent {}

  /**
   * In a cluster: the node holds {@code held} of the tree's {@code slices} slices, split over
   * {@code nodes} nodes, all loaded ({@code report}), {@code nanos} after the split.
   */
  record SlicesLoaded(Trace trace, String root, List<Integer> held, int slices, int nodes, LoadReport report, long nanos)
      implements TreeEvent {
    public SlicesLoaded {
      held = List.copyOf(held);
    }
  }

  /** The tree cannot be loaded; every search fails with the reason. */
  record TreeUnloadable(Trace trace, String reason) implements TreeEvent {}
}
