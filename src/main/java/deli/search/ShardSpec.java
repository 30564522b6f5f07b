package deli.search;

import deli.python.Fnmatch;
import deli.core.CborSerializable;
import java.util.List;

/**
 * What a shard loads: slice {@code slice} of {@code slices} ({@code files[slice::slices]}) of
 * the files under {@code root} whose names match {@code pattern}, skipping the directories
 * named by {@code skip} (fnmatch patterns) besides {@link SourceTree#ALWAYS_SKIPPED}. A shard
 * walks the tree itself, so a shard on another node needs only this record.
 *
 * @param index whether to build a trigram index over the slice
 * @param chunkBytes the index's granularity: it points at line-aligned chunks of about this size
 * @param maxFileBytes larger files are reported and left out
 */
public record ShardSpec(
    String root,
    String pattern,
    List<String> skip,
    int slice,
    int slices,
    boolean index,
    int chunkBytes,
    long maxFileBytes)
    implements CborSerializable {

  public ShardSpec {
    skip = List.copyOf(skip);
    if (slices < 1 || slice < 0 || slice >= slices) {
      throw new IllegalArgumentException("slice " + slice + " of " + slices + " does not exist");
    }
    if (chunkBytes < 64) {
      throw new IllegalArgumentException("index chunks must be at least 64 bytes, not " + chunkBytes);
    }
    if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("the largest file must be 1 byte to 2 GB, not " + maxFileBytes);
    }
  }

  /** The same tree and options, slice {@code i} of {@code n}. */
  public ShardSpec slice(int i, int n) {
    return new ShardSpec(root, pattern, skip, i, n, index, chunkBytes, maxFileBytes);
  }

  /** The skipped directory patterns: the built-in ones, then {@link #skip}. */
  public List<Fnmatch> skipPatterns() {
    return java.util.stream.Stream.concat(SourceTree.ALWAYS_SKIPPED.stream(), skip.stream()).map(Fnmatch::of).toList();
  }
}
