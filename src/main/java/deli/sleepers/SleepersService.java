package deli.sleepers;

import deli.core.Durations;
import deli.service.ProgramDescription;
import deli.service.ProgramService;
import deli.service.Service;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/** {@code deli sleepers} as a node service: {@code POST /sleepers} gathers one set of sleepers per request. */
public final class SleepersService {
  public static final ServiceKey<ProgramService.Command> KEY = ServiceKey.create(ProgramService.Command.class, "deli-sleepers");

  public static final Service SERVICE =
      ProgramDescription.of("sleepers", KEY, "sleepers", Sleepers.AllAwake.class, Sleepers::create)
          .settings(SleepersSettings.OPTIONS, SleepersSettings::from)
          .cost(SleepersSettings::count)
          .does("runs the sleepers")
          .answers(Answer::of);

  private SleepersService() {}

  /** {@code POST /sleepers}'s answer: how many slept, the wall time, the longest delay and their sum (seconds). */
  public record Answer(String traceId, int count, double seconds, double longest, double total) {
    static Answer of(String traceId, Sleepers.AllAwake a) {
      return new Answer(traceId, a.count(), a.wallNanos() / 1e9, Durations.seconds(a.longest()), Durations.seconds(a.total()));
    }
  }
}
