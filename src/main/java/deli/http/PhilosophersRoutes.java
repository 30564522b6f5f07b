package deli.http;

import com.typesafe.config.Config;
import deli.core.ProgramService;
import deli.philosophers.Dinner;
import deli.philosophers.DinnerEvent;
import deli.philosophers.PhilosophersSettings;
import deli.philosophers.TableCheck;
import deli.philosophers.WaitFor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /philosophers}: one dinner per request. The body holds the dinner's config keys
 * (all optional, the node's config fills the rest); the answer is the dinner's outcome as JSON:
 * its results, or the wait-for cycle of a naive table that deadlocked.
 */
public final class PhilosophersRoutes {
  /** The body's fields: {@code deli.philosophers} keys a client may set. */
  public static final Set<String> FIELDS =
      Set.of("faculty", "servings", "eat", "think", "seed", "footman", "deadlock-after", "fail-rate", "continuous", "check");

  private final Edge edge;
  private final Config defaults;
  private final ActorRef<ProgramService.Command> dinners;

  public PhilosophersRoutes(Edge edge, Config config, ActorRef<ProgramService.Command> dinners) {
    this.edge = edge;
    this.defaults = config.getConfig("deli.philosophers");
    this.dinners = dinners;
  }

  public Route route() {
    // Per-meal lines are for terminals: an HTTP dinner is always quiet.
    return ProgramRoute.<PhilosophersSettings, DinnerEvent.Outcome>post(
        edge, "philosophers", dinners, defaults, FIELDS, c -> PhilosophersSettings.from(c).withQuiet(true), PhilosophersRoutes::json);
  }

  /** A philosopher's {@code (id, eat_time, think_time)} in a JSON answer. */
  record ResultJson(int id, double eat, double think) {}

  /** One link of a deadlock's cycle. */
  record LinkJson(int philosopher, int holds, int waitsFor, int heldBy) {}

  static Map<String, Object> json(String traceId, DinnerEvent.Outcome outcome) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", traceId);
    if (outcome instanceof DinnerEvent.Deadlocked d) {
      out.put("outcome", "deadlock");
      out.put("faculty", d.faculty());
      out.put("meals", d.meals());
      out.put("servingsDone", d.servingsDone());
      out.put("idleSeconds", d.idleNanos() / 1e9);
      out.put(
          "cycle",
          d.cycle().stream().map((WaitFor.Link l) -> new LinkJson(l.philosopher(), l.holds(), l.waitsFor(), l.heldBy())).toList());
      return out;
    }
    DinnerEvent.DinnerDone d = (DinnerEvent.DinnerDone) outcome;
    out.put("outcome", "done");
    out.put("faculty", d.faculty());
    out.put("footman", d.footman());
    if (d.continuous().isZero()) {
      out.put("servings", d.servings());
    } else {
      out.put("continuousSeconds", d.continuous().toNanos() / 1e9);
    }
    out.put("meals", d.meals());
    out.put("seconds", d.nanos() / 1e9);
    out.put("mealsPerSecond", d.mealsPerSecond());
    out.put("mealsEach", d.mealsEach());
    long min = d.mealsEach().stream().mapToLong(Long::longValue).min().orElse(0);
    long max = d.mealsEach().stream().mapToLong(Long::longValue).max().orElse(0);
    out.put("fairness", min == 0 ? null : (double) max / min);
    if (d.continuous().isZero()) {
      if (d.meals() <= Dinner.KEEP_RESULTS_UP_TO) {
        out.put(
            "results",
            d.results().stream()
                .map(round -> round.stream().map(r -> new ResultJson(r.philosopher(), r.eat(), r.think())).toList())
                .toList());
      } else {
        out.put("results", null);
        out.put("resultsOmitted", "a dinner of more than " + Dinner.KEEP_RESULTS_UP_TO + " meals answers with its totals only");
      }
    }
    out.put("restarts", d.restarts());
    out.put("forksReclaimed", d.forksReclaimed());
    out.put("seatsReclaimed", d.seatsReclaimed());
    out.put("refused", d.refused());
    if (d.check() != null) {
      TableCheck.Verdict v = d.check();
      Map<String, Object> check = new LinkedHashMap<>();
      check.put("ok", v.ok());
      check.put("events", v.events());
      check.put("maxSeated", v.maxSeated());
      check.put("violations", v.violationCount());
      check.put("firstViolations", List.copyOf(v.violations()));
      out.put("check", check);
    }
    return out;
  }
}
