package deli.factor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import deli.core.CborSerializable;
import deli.service.BadRequest;
import deli.service.Edge;
import deli.service.Service;
import deli.spread.SpreadSettings;
import deli.spread.Spreader;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Factoring as a node service: this node's {@link FactorPool}, listed under
 * {@link FactorPool#SERVICE_KEY} for every node to use, and a front that spreads each
 * {@code POST /factor} over the pools of every node. The request is a JSON list of numbers of
 * any size ({@code [12, "9007199254740993"]}: numbers or strings of digits, for clients whose
 * numbers lose digits above 2⁵³), the answer the list of their prime factor lists in the same
 * order (none for 0 and 1; beyond a long, JSON integers with every digit).
 * Bad input is a 400 naming the item; more than {@code deli.factor.max-numbers} is a 413.
 */
public final class FactorService {
  public static final Service SERVICE =
      new Service(
          "factor",
          FactorPool.SERVICE_KEY,
          ctx -> {
            FactorSettings settings = FactorSettings.from(ctx.config().getConfig("deli.factor"));
            SpreadSettings spread = SpreadSettings.from(ctx.config().getConfig("deli.cluster"), "factor");
            ctx.serve("factor", FactorPool.SERVICE_KEY, FactorPool.Command.class, FactorPool.create(settings, factoring(spread)));
            ActorRef<Spreader.Command> spreader =
                ctx.spawn("factor-spread", Spreader.Command.class, Spreader.create(FactorPool.SERVICE_KEY, "factor", spread));
            ActorRef<FactorPool.Command> front =
                ctx.spawn("factor-cluster", FactorPool.Command.class, ClusterFactor.create(spreader));
            FactorPoolClient client = new FactorPoolClient(ctx.system(), front, ctx.askTimeout());
            return Service.Running.of(route(ctx.edge(), client, settings.maxNumbers()))
                    .withStats(
                        () ->
                            AskPattern.<Spreader.Command, Spreader.Stats>ask(
                                    spreader, Spreader.GetStats::new, ctx.statusTimeout(), ctx.system().scheduler())
                                .thenApply(Stats::of));
          })
          .answering(Service.Endpoint.post("/factor", "factors a JSON list of numbers, spread over the cluster"));

  private FactorService() {}

  /**
   * What {@code /status} says of factoring: jobs spread and their numbers, the batches each
   * node answered (by {@code host:port}), and the pools reachable now.
   */
  public record Stats(long jobs, long numbers, Map<String, Long> batchesByNode, int pools) implements CborSerializable {
    static Stats of(Spreader.Stats s) {
      return new Stats(s.jobs(), s.units(), s.batchesByNode(), s.pools());
    }
  }

  /** How this node's pool factors: {@link Factoring#factor}, slowed down by the fault-injection pause if any. */
  static LongFunction<long[]> factoring(SpreadSettings spread) {
    if (spread.pausePerUnit().isZero()) {
      return Factoring::factor;
    }
    return n -> {
      spread.pause(1);
      return Factoring.factor(n);
    };
  }

  static Route route(Edge edge, FactorPoolClient pool, int maxNumbers) {
    return edge.post(
        "factor",
        (trace, body) -> {
          JsonNode list = parse(edge, body);
          if (list.size() > maxNumbers) {
            return edge.json()
                .error(StatusCodes.PAYLOAD_TOO_LARGE, "at most " + maxNumbers + " numbers per request, not " + list.size());
          }
          Numbers numbers = numbers(list);
          return edge.admitted("factor", numbers.size(), () -> pool.mapAsync(trace, numbers), factors -> edge.json().ok(factors));
        });
  }

  private static JsonNode parse(Edge edge, String body) {
    JsonNode node;
    try {
      node = edge.json().mapper().readTree(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isArray()) {
      throw new BadRequest("the body must be a JSON list of numbers, such as [12, 15]");
    }
    return node;
  }

  /** The list's numbers, each checked; a bad one is named by its index. */
  private static Numbers numbers(JsonNode list) {
    Numbers.Builder out = new Numbers.Builder(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      String text;
      if (item.isIntegralNumber() || item.isTextual()) {
        text = item.isTextual() ? item.textValue().strip() : item.asText();
      } else {
        throw new BadRequest("item " + i + ": " + item + " is not an integer");
      }
      if (!NumberSource.parseInto(text, out)) {
        throw new BadRequest("item " + i + ": '" + text + "' is not a positive integer");
      }
    }
    return out.build();
  }
}
