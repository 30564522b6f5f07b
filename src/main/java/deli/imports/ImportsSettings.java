package deli.imports;

import com.typesafe.config.Config;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
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

  /**
   * The settings under {@code deli.imports}: a body may name the tree, the pattern and the
   * module in focus; how the run is spread and repeated is the command's and the operator's.
   */
  public static final Options OPTIONS =
      Options.of(
          "deli.imports",
          Setting.text("dir").flags("DIR"),
          Setting.text("pattern").flags("--pattern"),
          Setting.text("focus").flags("--focus")
              .help("MODULE", "Mark files that import MODULE with '-> '. Default: typing."),
          Setting.list("skip").cliOnly(),
          Setting.integer("workers", 0, 1024).flags("--workers").cliOnly()
              .help("N", "Workers reading and scanning files. Default: one per core."),
          Setting.integer("batch", 1, 10_000).cliOnly(),
          Setting.integer("repeat", 1, 1000).flags("--repeat").cliOnly()
              .help("N", "Analyze the tree N times in this run and report the last: the figure of a warm JIT. "
                  + "Each earlier run's figure goes to stderr. Default: 1."),
          Setting.bool("graph").cliOnly());

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
    Bounds.of(1, 10_000).check("batch", (long) batch);
    Bounds.of(1, 1000).check("repeat", (long) repeat);
    Bounds.of(1, 1024).check("workers", (long) workers);
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
