package deli.chefs;

import deli.service.ProgramDescription;
import deli.service.ProgramService;
import deli.service.Service;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * {@code deli chefs} as a node service: {@code POST /chefs} runs one kitchen per request. The
 * body holds {@code deli.chefs} keys (all optional, the node's config fills the rest); the
 * answer is every plate, how many each chef made, and what went back to the desk.
 */
public final class ChefsService {
  public static final ServiceKey<ProgramService.Command> KEY = ServiceKey.create(ProgramService.Command.class, "deli-chefs");

  public static final Service SERVICE =
      ProgramDescription.of("chefs", KEY, "kitchen", Kitchen.KitchenClosed.class, Kitchen::create)
          .settings(ChefsSettings.OPTIONS, ChefsSettings::from)
          .cost(s -> s.orders().size() + s.chefs().size())
          .does("runs one kitchen")
          .answers(Answer::of);

  private ChefsService() {}

  /** A plate in an answer: who made what, and when on the chef's monotonic clock. */
  public record PlateJson(String chef, String order, double at) {}

  /** {@code POST /chefs}'s answer. */
  public record Answer(
      String traceId, List<PlateJson> plates, Map<String, Integer> perChef, int returned, int duplicates, double seconds) {
    static Answer of(String traceId, Kitchen.KitchenClosed c) {
      Map<String, Integer> perChef = new LinkedHashMap<>();
      c.chefs().forEach(chef -> perChef.put(chef, 0));
      c.plates().forEach(p -> perChef.merge(p.chef(), 1, Integer::sum));
      return new Answer(
          traceId,
          c.plates().stream().map(p -> new PlateJson(p.chef(), p.order().name(), p.at())).toList(),
          perChef,
          c.returned(),
          c.duplicates(),
          c.nanos() / 1e9);
    }
  }
}
