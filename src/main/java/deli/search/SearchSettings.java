package deli.search;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.time.Duration;
import java.util.List;

/**
 * The settings of {@code deli search} and of the node's search service, read once from
 * {@code deli.search}.
 *
 * @param root the tree to search
 * @param pattern which file names to load (fnmatch, like the chapter's {@code '*.py'})
 * @param skip directory names to skip besides {@link SourceTree#ALWAYS_SKIPPED} (fnmatch)
 * @param shards how many shards hold the tree
 * @param index whether each shard builds a trigram index
 * @param chunkBytes the index's granularity
 * @param maxFileBytes larger files are reported and left out
 * @param queryTimeout how long a query waits for every shard
 * @param ignoreCase match either case (grep -i)
 * @param regex queries are regular expressions (grep -E)
 * @param count print counts per file, not lines (grep -c)
 * @param limit at most this many matching lines per file; 0: all (grep -m)
 * @param repeat run the queries this many times (to measure steady-state latency)
 * @param progressEvery how often loading reports progress
 * @param stash how many queries wait for a shard that is loading
 * @param restartMin the first backoff before a failed shard restarts
 * @param restartMax the longest backoff
 * @param serveRoot the tree {@code deli node} keeps loaded for {@code GET /search}; empty: none
 * @param serveIndex whether the node's shards build an index
 * @param serveLimit lines a {@code GET /search} answer holds unless it asks for another limit
 * @param serveMaxLimit the most lines an answer may ask for
 */
public record SearchSettings(
    String root,
    String pattern,
    List<String> skip,
    int shards,
    boolean index,
    int chunkBytes,
    long maxFileBytes,
    Duration queryTimeout,
    boolean ignoreCase,
    boolean regex,
    boolean count,
    int limit,
    int repeat,
    Duration progressEvery,
    int stash,
    Duration restartMin,
    Duration restartMax,
    String serveRoot,
    boolean serveIndex,
    int serveLimit,
    int serveMaxLimit) {

  /** The dispatcher for CPU-bound work, sized to the cores (reference.conf). */

  public static final int MAX_SHARDS = 1024;

  public SearchSettings {
    skip = List.copyOf(skip);
    if (root.isBlank()) {
      throw new IllegalArgumentException("root must name a directory");
    }
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("pattern must not be empty (use '*' for every file)");
    }
    if (shards < 1 || shards > MAX_SHARDS) {
      throw new IllegalArgumentException("shards must be 1 to " + MAX_SHARDS + ", not " + shards);
    }
    if (chunkBytes < 64 || chunkBytes > (1 << 24)) {
      throw new IllegalArgumentException("index-chunk must be 64 bytes to 16 MB, not " + chunkBytes);
    }
    if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("max-file-size must be 1 byte to 2 GB, not " + maxFileBytes);
    }
    if (queryTimeout.isZero() || queryTimeout.isNegative()) {
      throw new IllegalArgumentException("query-timeout must be more than 0");
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 (no limit) or more, not " + limit);
    }
    if (repeat < 1 || repeat > 1_000_000) {
      throw new IllegalArgumentException("repeat must be 1 to 1,000,000, not " + repeat);
    }
    if (stash < 1) {
      throw new IllegalArgumentException("stash must be at least 1, not " + stash);
    }
    if (serveLimit < 0 || serveMaxLimit < serveLimit) {
      throw new IllegalArgumentException("serve.limit must be 0 to serve.max-limit (" + serveMaxLimit + "), not " + serveLimit);
    }
  }

  public static SearchSettings from(Config c) {
    return new SearchSettings(
        c.getString("root"),
        c.getString("pattern"),
        c.getStringList("skip"),
        Settings.coresIfZero(c, "shards"),
        c.getBoolean("index"),
        (int) Math.min(Integer.MAX_VALUE, c.getBytes("index-chunk")),
        c.getBytes("max-file-size"),
        Settings.duration(c, "query-timeout"),
        c.getBoolean("ignore-case"),
        c.getBoolean("regex"),
        c.getBoolean("count"),
        Settings.atLeast(c, "limit", 0),
        Settings.atLeast(c, "repeat", 1),
        Settings.duration(c, "progress-every"),
        Settings.atLeast(c, "stash", 1),
        Settings.duration(c, "restart-min"),
        Settings.duration(c, "restart-max"),
        c.getString("serve.root"),
        c.getBoolean("serve.index"),
        Settings.atLeast(c, "serve.limit", 0),
        Settings.atLeast(c, "serve.max-limit", 0));
  }

  /** What shard {@code i} of {@code n} loads. */
  public ShardSpec spec(int i, int n) {
    return new ShardSpec(root, pattern, skip, i, n, index, chunkBytes, maxFileBytes);
  }

  /** {@code text} with the settings' options, every matching line's text returned. */
  public SearchQuery query(String text) {
    return new SearchQuery(text, ignoreCase, regex, count, limit, Integer.MAX_VALUE);
  }

  /** These settings for the node's service: its root and index. */
  public SearchSettings serving() {
    return new SearchSettings(
        serveRoot.isBlank() ? root : serveRoot,
        pattern,
        skip,
        shards,
        serveIndex,
        chunkBytes,
        maxFileBytes,
        queryTimeout,
        ignoreCase,
        regex,
        count,
        limit,
        repeat,
        progressEvery,
        stash,
        restartMin,
        restartMax,
        serveRoot,
        serveIndex,
        serveLimit,
        serveMaxLimit);
  }
}
