package deli.core;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that mean the same in several commands, each declared once as a picocli mixin
 * ({@code @Mixin SharedFlags.Workers workers;}) with its help, its check and, where it sets a
 * setting, that setting: a command that takes one says so in one line.
 */
public final class SharedFlags {
  private SharedFlags() {}

  /**
   * {@code --workers N}: the CPU-bound workers a program runs (cpu, factor, tune). In config
   * {@code workers = 0} means one per core; on the command line that is leaving the flag out,
   * so the flag takes 1 and up.
   */
  public static final class Workers {
    public static final int MAX = 256;
    private static final Bounds FLAG = Bounds.of(1, MAX);

    /** The {@code workers} key of a program's tree, set by {@code --workers}. */
    public static final Setting SETTING = Setting.integer("workers", 0, MAX).flags("--workers");

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", description = "Workers on the CPU dispatcher (1 to " + MAX + "). Default: one per core.")
    Integer workers;

    /** Refuses a flag's value that only config may give (0, one per core), before config is read. */
    public void check() {
      if (workers != null && !FLAG.contains(workers)) {
        throw new ParameterException(spec.commandLine(), "--workers must be " + FLAG.describe() + ", not " + workers);
      }
    }

  }

  /** {@code --[no-]progress}: a progress line on stderr, by default when stderr is a terminal. */
  public static final class Progress {
    @Option(names = "--progress", negatable = true, description = "A progress line on stderr. Default: on when stderr is a terminal.")
    Boolean progress;

    /** Whether to draw the progress line. */
    public boolean on() {
      return progress != null ? progress : Console.isTerminal(2);
    }
  }

  /** {@code --repeat N}: a benchmark in one JVM, the work done N times over and its output printed once. */
  public static final class Repeat {
    public static final int MAX = 10_000;
    private static final Bounds BOUNDS = Bounds.of(1, MAX);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
        names = "--repeat",
        paramLabel = "N",
        description = "Do the whole run N times over in this JVM (1 to 10,000), printing its output once: each round's time goes to stderr "
            + "(a benchmark, JIT warm).")
    int repeat = 1;

    /** The rounds asked for; a number out of bounds is a usage error. */
    public int rounds() {
      if (!BOUNDS.contains(repeat)) {
        throw new ParameterException(spec.commandLine(), "--repeat must be " + BOUNDS.describe() + ", not " + repeat);
      }
      return repeat;
    }
  }
}
