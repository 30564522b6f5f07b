package deli.cpu;

import deli.service.ProgramDescription;
import deli.service.ProgramService;
import deli.service.Service;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** {@code deli cpu} as a node service: {@code POST /cpu} runs the race once per request. */
public final class CpuService {
  public static final ServiceKey<ProgramService.Command> KEY = ServiceKey.create(ProgramService.Command.class, "deli-cpu");

  public static final Service SERVICE =
      ProgramDescription.of("cpu", KEY, "race", CpuRace.RaceDone.class, CpuRace::create)
          .settings(CpuSettings.OPTIONS, CpuSettings::from)
          // a worker holds a core for its whole sum
          .cost(s -> 1000L * s.workers())
          .does("runs the CPU race")
          .answers(Answer::of);

  private CpuService() {}

  /** {@code POST /cpu}'s answer. */
  public record Answer(
      String traceId, long work, int workers, double parallelSeconds, double oneThreadSeconds, double speedup, boolean sumsRight) {
    static Answer of(String traceId, CpuRace.RaceDone r) {
      return new Answer(
          traceId,
          r.terms(),
          r.workers(),
          r.parallelNanos() / 1e9,
          r.oneThreadNanos() / 1e9,
          r.parallelNanos() == 0 ? 1.0 : (double) r.oneThreadNanos() / r.parallelNanos(),
          r.sumsRight());
    }
  }
}
