package deli.cpu;

import deli.core.Flags;
import deli.core.SharedFlags;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deli cpu}: the chapter's {@code MuchCPU}, processes against threads, as actors. */
@Command(
    name = "cpu",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "One CPU-bound worker per core against one thread (the chapter's MuchCPU).",
      "",
      "The chapter's MuchCPU (section \"Многопроцессная обработка данных\"): the same CPU-bound "
          + "sum is done by one worker per core on the CPU dispatcher (the chapter's processes), "
          + "then by the same workers confined to one thread (the chapter's threads under the "
          + "GIL). Prints each worker's thread, both wall times and the speedup."
    })
public final class CpuCommand implements Callable<Integer> {
  @Mixin Flags flags = new Flags(CpuSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Mixin SharedFlags.Workers workers;

  @Override
  public Integer call() {
    workers.check();
    return common.runOnce(flags, CpuSettings::from, "cpu", CpuCommand::render, CpuRace::create);
  }

  static Output render(CpuRace.Event event) {
    if (event instanceof CpuRace.WorkerDone w) {
      return Output.line(
          String.format(
              Locale.ROOT,
              "%s: %s on thread %s (pid %d) in %.3f s",
              label(w.phase()),
              w.summed().worker(),
              w.summed().thread(),
              ProcessHandle.current().pid(),
              w.summed().nanos() / 1e9));
    }
    if (event instanceof CpuRace.PhaseDone p) {
      return Output.line(
          String.format(
              Locale.ROOT,
              "%s: work took %.3f seconds (%d workers, the median of %d rounds)",
              label(p.phase()),
              p.nanos() / 1e9,
              p.workers(),
              CpuRace.TIMED_ROUNDS));
    }
    CpuRace.RaceDone r = (CpuRace.RaceDone) event;
    double speedup = r.parallelNanos() == 0 ? 1 : (double) r.oneThreadNanos() / r.parallelNanos();
    return Output.end(
        List.of(
            String.format(
                Locale.ROOT,
                "speedup %.2fx: %d workers of %,d terms on %d cores, %.3f s in parallel, %.3f s on one thread",
                speedup,
                r.workers(),
                r.terms(),
                Runtime.getRuntime().availableProcessors(),
                r.parallelNanos() / 1e9,
                r.oneThreadNanos() / 1e9)),
        r.sumsRight() ? 0 : 1);
  }

  private static String label(CpuRace.Phase phase) {
    return phase == CpuRace.Phase.PARALLEL ? "parallel" : "one thread";
  }
}
