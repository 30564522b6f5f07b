package deli.tune;

import com.typesafe.config.Config;
import deli.core.Options;
import deli.core.Settings;
import deli.core.SharedFlags;

/**
 * The settings of {@code deli tune} and of the node's tuning service, read once from
 * {@code deli.tune}.
 *
 * @param workers workers in a node's pool, on the CPU dispatcher (0 in the config: one per core)
 * @param maxRows the most rows a data set may have
 * @param maxFeatures the most feature columns a data set may have
 * @param maxTrials the most trials (k values times distances) one job may ask for
 * @param cachedJobs the jobs a pool keeps the data of at once (the oldest is dropped beyond)
 */
public record TuneSettings(int workers, int maxRows, int maxFeatures, int maxTrials, int cachedJobs) {
  /** What the command line sets under {@code deli.tune}; a request's body is a job, not settings. */
  public static final Options OPTIONS = Options.commandLine("deli.tune", SharedFlags.Workers.SETTING);

  public TuneSettings {
    if (workers < 1 || workers > SharedFlags.Workers.MAX) {
      throw new IllegalArgumentException("tune.workers must be 1 to " + SharedFlags.Workers.MAX + ", not " + workers);
    }
    if (maxRows < 2) {
      throw new IllegalArgumentException("tune.max-rows must be at least 2, not " + maxRows);
    }
    if (maxFeatures < 1) {
      throw new IllegalArgumentException("tune.max-features must be at least 1, not " + maxFeatures);
    }
    if (maxTrials < 1) {
      throw new IllegalArgumentException("tune.max-trials must be at least 1, not " + maxTrials);
    }
    if (cachedJobs < 1) {
      throw new IllegalArgumentException("tune.cached-jobs must be at least 1, not " + cachedJobs);
    }
  }

  public static TuneSettings from(Config tune) {
    return new TuneSettings(
        Settings.coresIfZero(tune, "workers"),
        tune.getInt("max-rows"),
        tune.getInt("max-features"),
        tune.getInt("max-trials"),
        tune.getInt("cached-jobs"));
  }

  /** Whether {@code data} and {@code grid} are within bounds: null, or why not (naming the key). */
  public String check(Dataset data, Grid grid) {
    int rows = data.training().size() + data.testing().size();
    if (rows > maxRows) {
      return data.source() + ": " + rows + " rows, more than deli.tune.max-rows (" + maxRows + ")";
    }
    if (data.features() > maxFeatures) {
      return data.source() + ": " + data.features() + " feature columns, more than deli.tune.max-features (" + maxFeatures + ")";
    }
    if ((long) grid.trials() > maxTrials) {
      return grid.trials() + " trials, more than deli.tune.max-trials (" + maxTrials + ")";
    }
    return null;
  }
}
