package deli.imports;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.util.List;

/**
 * The settings of {@code deli imports}, read once from {@code deli.imports}.
 *
 * @param dir the tree to analyze (the chapter's base directory)
 * @param pattern which file names to analyze, a shell pattern ({@code fnmatch})
 * @param focus files that import this module are marked (the chapter's {@code focus})
 * @param skip directories never entered
 * @param workers workers on the CPU dispatcher
 * @param batch files handed to a worker at a time
 * @param repeat how many times to analyze the tree in one run (the last run is reported)
 * @param graph whether to keep each import statement, for the import graph
 */
public record ImportsSettings(
    String dir, String pattern, String focus, List<String> skip, int workers, int batch, int repeat, boolean graph) {

  public ImportsSettings {
    skip = List.copyOf(skip);
    if (dir.isBlank()) {
      throw new IllegalArgumentException("dir must not be empty");
    }
    if (pattern.isEmpty()) {
      throw new IllegalArgumentException("pattern must not be empty");
    }
    // Every non-empty pattern is a shell pattern, as in Python's fnmatch ([z-a]*.py matches nothing).
    if (focus.isBlank()) {
      throw new IllegalArgumentException("focus must name a module");
    }
    if (batch < 1 || batch > 10_000) {
      throw new IllegalArgumentException("batch must be 1 to 10,000, not " + batch);
    }
    if (repeat < 1 || repeat > 1000) {
      throw new IllegalArgumentException("repeat must be 1 to 1,000, not " + repeat);
    }
    if (workers > 1024) {
      throw new IllegalArgumentException("workers must be 0 (one per core) to 1,024, not " + workers);
    }
  }

  public static ImportsSettings from(Config c) {
    return new ImportsSettings(
        c.getString("dir"),
        c.getString("pattern"),
        c.getString("focus"),
        c.getStringList("skip"),
        Settings.coresIfZero(c, "workers"),
        c.getInt("batch"),
        c.getInt("repeat"),
        c.getBoolean("graph"));
  }

  public ImportsSettings withGraph(boolean graph) {
    return new ImportsSettings(dir, pattern, focus, skip, workers, batch, repeat, graph);
  }
}
