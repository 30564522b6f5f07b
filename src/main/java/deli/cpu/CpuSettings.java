package deli.cpu;

import com.typesafe.config.Config;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.core.SharedFlags;
import deli.core.Settings;

/**
 * The settings of {@code deli cpu}, read once from {@code deli.cpu}.
 *
 * @param work the terms each worker sums (the chapter's 100,000,000)
 * @param workers how many workers (the chapter's {@code cpu_count()})
 */
public record CpuSettings(long work, int workers) {
  /** The most terms a worker sums: a hundred times the chapter's, minutes of one core. */
  public static final long MAX_WORK = 10_000_000_000L;

  /** The settings under {@code deli.cpu}, their flags and bounds: the command's and the body's. */
  public static final Options OPTIONS =
      Options.of(
          "deli.cpu",
          Setting.integer("work", 0, MAX_WORK).flags("--work")
              .help("N", "Terms each worker sums, sum(2*i+1 for i in range(N)) (0 to 10,000,000,000; 0 times the "
                  + "workers' start and stop alone). Default: 100,000,000."),
          SharedFlags.Workers.SETTING);

  public CpuSettings {
    Bounds.of(0, MAX_WORK).check("work", work);
    Bounds.of(1, SharedFlags.Workers.MAX).check("workers", (long) workers);
  }

  public static CpuSettings from(Config c) {
    return new CpuSettings(c.getLong("work"), Settings.coresIfZero(c, "workers"));
  }
}
