package deli.search;

import deli.core.CborSerializable;
import java.util.List;

/**
 * What one shard found for one query.
 *
 * @param files the files the shard searched
 * @param lines every matching line it found
 * @param hits the files with matches, in path order
 * @param nanos how long the scan took inside the shard
 */
public record ShardMatches(int files, long lines, List<FileHits> hits, long nanos) implements CborSerializable {
  public ShardMatches {
    hits = List.copyOf(hits);
  }
}
