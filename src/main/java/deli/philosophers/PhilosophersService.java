package deli.philosophers;

import com.fasterxml.jackson.annotation.JsonInclude;
import deli.service.ProgramDescription;
import deli.service.ProgramService;
import deli.service.Service;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * {@code deli philosophers} as a node service: {@code POST /philosophers} serves one dinner per
 * request. The body holds {@code deli.philosophers} keys; the answer is the dinner's outcome:
 * its results, or the wait-for cycle of a naive table that deadlocked. Per-meal lines are for
 * terminals: a dinner over HTTP is always quiet.
 */
public final class PhilosophersService {
  public static final ServiceKey<ProgramService.Command> KEY = ServiceKey.create(ProgramService.Command.class, "deli-philosophers");

  public static final Service SERVICE =
      ProgramDescription.of("philosophers", KEY, "dinner", DinnerEvent.Outcome.class, Dinner::create)
          .runsWith(c -> Props.empty().withNext(PhilosophersSettings.dispatcher(c.getString("deli.philosophers.dispatcher"))))
          .settings(PhilosophersSettings.OPTIONS, c -> PhilosophersSettings.from(c).withQuiet(true))
          .cost(PhilosophersService::cost)
          .does("runs one dinner")
          .answers(PhilosophersService::answer);

  private PhilosophersService() {}

  /** A meal a unit; a continuous dinner, bounded by time and not by meals, counts 1,000 per seat. */
  private static long cost(PhilosophersSettings s) {
    return s.continuous().isZero() ? (long) s.faculty() * s.servings() : 1000L * s.faculty();
  }

  /** A philosopher's {@code (id, eat_time, think_time)} in an answer. */
  public record ResultJson(int id, double eat, double think) {}

  /** One link of a deadlock's cycle. */
  public record LinkJson(int philosopher, int holds, int waitsFor, int heldBy) {}

  /** The table check's verdict. */
  public record CheckJson(boolean ok, long events, int maxSeated, long violations, List<String> firstViolations) {}

  /** A deadlocked dinner. */
  public record Deadlock(
      String traceId, String outcome, int faculty, long meals, long servingsDone, double idleSeconds, List<LinkJson> cycle) {}

  /**
   * A dinner served: {@code servings} or {@code continuousSeconds}, whichever it was; {@code results}
   * for a dinner of servings (empty when too many meals to list, with {@code resultsOmitted} saying so).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Done(
      String traceId,
      String outcome,
      int faculty,
      boolean footman,
      Integer servings,
      Double continuousSeconds,
      long meals,
      double seconds,
      double mealsPerSecond,
      List<Long> mealsEach,
      @JsonInclude(JsonInclude.Include.ALWAYS) Double fairness,
      Optional<List<List<ResultJson>>> results,
      String resultsOmitted,
      int restarts,
      int forksReclaimed,
      int seatsReclaimed,
      int refused,
      CheckJson check) {}

  static Object answer(String traceId, DinnerEvent.Outcome outcome) {
    if (outcome instanceof DinnerEvent.Deadlocked d) {
      return new Deadlock(
          traceId,
          "deadlock",
          d.faculty(),
          d.meals(),
          d.servingsDone(),
          d.idleNanos() / 1e9,
          d.cycle().stream().map((WaitFor.Link l) -> new LinkJson(l.philosopher(), l.holds(), l.waitsFor(), l.heldBy())).toList());
    }
    DinnerEvent.DinnerDone d = (DinnerEvent.DinnerDone) outcome;
    boolean servings = d.continuous().isZero();
    long min = d.mealsEach().stream().mapToLong(Long::longValue).min().orElse(0);
    long max = d.mealsEach().stream().mapToLong(Long::longValue).max().orElse(0);
    Optional<List<List<ResultJson>>> results = null;
    String omitted = null;
    if (servings) {
      if (d.meals() <= Dinner.KEEP_RESULTS_UP_TO) {
        results =
            Optional.of(
                d.results().stream()
                    .map(round -> round.stream().map(r -> new ResultJson(r.philosopher(), r.eat(), r.think())).toList())
                    .toList());
      } else {
        // Written as "results": null, as before: the field is there, its value is not.
        results = Optional.empty();
        omitted = "a dinner of more than " + Dinner.KEEP_RESULTS_UP_TO + " meals answers with its totals only";
      }
    }
    TableCheck.Verdict v = d.check();
    return new Done(
        traceId,
        "done",
        d.faculty(),
        d.footman(),
        servings ? d.servings() : null,
        servings ? null : d.continuous().toNanos() / 1e9,
        d.meals(),
        d.nanos() / 1e9,
        d.mealsPerSecond(),
        d.mealsEach(),
        min == 0 ? null : (double) max / min,
        results,
        omitted,
        d.restarts(),
        d.forksReclaimed(),
        d.seatsReclaimed(),
        d.refused(),
        v == null ? null : new CheckJson(v.ok(), v.events(), v.maxSeated(), v.violationCount(), List.copyOf(v.violations())));
  }
}
