package deli.search;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.time.Duration;

/**
 * How a node in a cluster shares the search of a tree, read once from
 * {@code deli.search.cluster}.
 *
 * @param slices the slices a tree is cut into, held by the nodes that serve it (the same on every node)
 * @param settle how long membership must stay still before the slices are split again
 */
public record SearchClusterSettings(int slices, Duration settle) {
  public SearchClusterSettings {
    if (slices < 1 || slices > SearchSettings.MAX_SHARDS) {
      throw new IllegalArgumentException("cluster.slices must be 1 to " + SearchSettings.MAX_SHARDS + ", not " + slices);
    }
    if (settle.isNegative()) {
      throw new IllegalArgumentException("cluster.settle must not be negative");
    }
  }

  public static SearchClusterSettings from(Config search) {
    return new SearchClusterSettings(Settings.atLeast(search, "cluster.slices", 1), Settings.duration(search, "cluster.settle"));
  }
}
