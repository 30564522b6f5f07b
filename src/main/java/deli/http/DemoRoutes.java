package deli.http;

import com.typesafe.config.Config;
import deli.chefs.ChefsSettings;
import deli.chefs.Kitchen;
import deli.core.Durations;
import deli.core.ProgramService;
import deli.cpu.CpuRace;
import deli.cpu.CpuSettings;
import deli.sleepers.Sleepers;
import deli.sleepers.SleepersSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /chefs}, {@code POST /sleepers} and {@code POST /cpu}: one run of the chapter's
 * demo programs per request. The body holds the program's config keys (all optional, the
 * node's config fills the rest); the answer is the run's summary as JSON.
 */
public final class DemoRoutes {
  private final Edge edge;
  private final Config config;
  private final ActorRef<ProgramService.Command> chefs;
  private final ActorRef<ProgramService.Command> sleepers;
  private final ActorRef<ProgramService.Command> cpu;

  public DemoRoutes(
      Edge edge,
      Config config,
      ActorRef<ProgramService.Command> chefs,
      ActorRef<ProgramService.Command> sleepers,
      ActorRef<ProgramService.Command> cpu) {
    this.edge = edge;
    this.config = config;
    this.chefs = chefs;
    this.sleepers = sleepers;
    this.cpu = cpu;
  }

  public Route route() {
    return Directives.concat(
        run(
            "chefs",
            chefs,
            Set.of("orders", "count", "chefs", "prep", "seed", "fail-rate"),
            ChefsSettings::from,
            Kitchen.KitchenClosed.class,
            DemoRoutes::kitchen),
        run("sleepers", sleepers, Set.of("count", "delay", "seed"), SleepersSettings::from, Sleepers.AllAwake.class, DemoRoutes::sleepers),
        run("cpu", cpu, Set.of("work", "workers"), CpuSettings::from, CpuRace.RaceDone.class, DemoRoutes::race));
  }

  private <S, R> Route run(
      String name,
      ActorRef<ProgramService.Command> service,
      Set<String> keys,
      Function<Config, S> read,
      Class<R> resultType,
      Function<R, Object> toJson) {
    return ProgramRoute.<S, R>post(
        edge, name, service, config.getConfig("deli." + name), keys, read, (traceId, r) -> withTrace(traceId, toJson.apply(r)));
  }

  @SuppressWarnings("unchecked")
  private static Object withTrace(String traceId, Object body) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", traceId);
    out.putAll((Map<String, Object>) body);
    return out;
  }

  /** A plate in a JSON answer: who made what, and when on the chef's monotonic clock. */
  record PlateJson(String chef, String order, double at) {}

  private static Object kitchen(Kitchen.KitchenClosed c) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "plates",
        c.plates().stream()
            .map(p -> new PlateJson(p.chef(), p.order().name(), p.at()))
            .toList());
    Map<String, Integer> perChef = new LinkedHashMap<>();
    c.chefs().forEach(chef -> perChef.put(chef, 0));
    c.plates().forEach(p -> perChef.merge(p.chef(), 1, Integer::sum));
    out.put("perChef", perChef);
    out.put("returned", c.returned());
    out.put("duplicates", c.duplicates());
    out.put("seconds", c.nanos() / 1e9);
    return out;
  }

  private static Object sleepers(Sleepers.AllAwake a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("count", a.count());
    out.put("seconds", a.wallNanos() / 1e9);
    out.put("longest", Durations.seconds(a.longest()));
    out.put("total", Durations.seconds(a.total()));
    return out;
  }

  private static Object race(CpuRace.RaceDone r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("work", r.terms());
    out.put("workers", r.workers());
    out.put("parallelSeconds", r.parallelNanos() / 1e9);
    out.put("oneThreadSeconds", r.oneThreadNanos() / 1e9);
    out.put("speedup", r.parallelNanos() == 0 ? 1.0 : (double) r.oneThreadNanos() / r.parallelNanos());
    out.put("sumsRight", r.sumsRight());
    return out;
  }
}
