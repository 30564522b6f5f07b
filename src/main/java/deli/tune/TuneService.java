package deli.tune;

import com.fasterxml.jackson.databind.JsonNode;
import deli.core.CborSerializable;
import deli.core.Dispatchers;
import deli.service.BadRequest;
import deli.service.Edge;
import deli.service.Service;
import deli.spread.SpreadSettings;
import deli.spread.Spreader;
import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Tuning as a node service: this node's {@link TunePool}, listed under
 * {@link TunePool#SERVICE_KEY} for every node to use, and {@code POST /tune}, which spreads one
 * job over the pools of every node through the same {@link Spreader} as factor's batches. The
 * body: {@code {"dataset":"iris"}} or {@code {"csv":"<the rows>"}}, with {@code k}
 * ({@code "1..39"}), {@code step}, {@code distances} ({@code "ED,MD"} or a list) and
 * {@code testEvery} as the flags of {@code deli tune}; the answer is {@link TuneAnswer}.
 */
public final class TuneService {
  public static final Service SERVICE =
      new Service(
          "tune",
          TunePool.SERVICE_KEY,
          ctx -> {
            TuneSettings settings = TuneSettings.from(ctx.config().getConfig("deli.tune"));
            SpreadSettings spread = SpreadSettings.from(ctx.config().getConfig("deli.cluster"), "tune");
            ctx.register(
                TunePool.SERVICE_KEY,
                ctx.spawn(
                    "tune",
                    TunePool.Command.class,
                    TunePool.create(settings.workers(), settings.cachedJobs(), spread),
                    Dispatchers.cpu()));
            ActorRef<Spreader.Command> spreader =
                ctx.spawn("tune-spread", Spreader.Command.class, Spreader.create(TunePool.SERVICE_KEY, "tune", spread));
            return Service.Running.of(route(ctx.edge(), spreader, settings))
                .withStats(
                    () ->
                        AskPattern.<Spreader.Command, Spreader.Stats>ask(
                                spreader, Spreader.GetStats::new, ctx.statusTimeout(), ctx.system().scheduler())
                            .thenApply(Stats::of));
          })
          .answering(Service.Endpoint.post("/tune", "runs a k-NN tuning job over the cluster"));

  private TuneService() {}

  /** What {@code /status} says of tuning: jobs spread, their cells, the batches each node scored, the pools reachable. */
  public record Stats(long jobs, long cells, Map<String, Long> batchesByNode, int pools) implements CborSerializable {
    static Stats of(Spreader.Stats s) {
      return new Stats(s.jobs(), s.units(), s.batchesByNode(), s.pools());
    }
  }

  /** A job's end: the answer, or an error and its status. */
  private record Outcome(TuneAnswer answer, int status, String error) {}

  static Route route(Edge edge, ActorRef<Spreader.Command> spreader, TuneSettings settings) {
    return edge.post(
        "tune",
        (trace, body) -> {
          TuneRequest request = TuneRequest.parse(edge, body);
          Dataset data;
          try {
            data = request.data().load();
          } catch (DataError e) {
            throw new BadRequest(e.getMessage());
          }
          String tooMuch = settings.check(data, request.grid());
          if (tooMuch != null) {
            return edge.json().error(StatusCodes.PAYLOAD_TOO_LARGE, tooMuch);
          }
          String tooFew = Tuning.checkK(data, request.grid());
          if (tooFew != null) {
            throw new BadRequest(tooFew);
          }
          // A unit of tuning work is a thousand distances.
          long cost = Math.max(1, (long) request.grid().distances().size() * data.testing().size() * data.training().size() / 1000);
          return edge.admitted(
              "tune",
              cost,
              () -> start(spreader, trace, request, data),
              o -> o.answer() != null ? edge.json().ok(o.answer()) : edge.json().error(StatusCodes.get(o.status()), o.error()));
        });
  }

  private static CompletableFuture<Outcome> start(ActorRef<Spreader.Command> spreader, Trace trace, TuneRequest request, Dataset data) {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    long started = System.nanoTime();
    Grid grid = request.grid();
    List<Trial> trials = new ArrayList<>();
    Cells cells =
        new Cells(
            "http-" + UUID.randomUUID(),
            request.data(),
            grid,
            data.testing().size(),
            new Cells.Listener() {
              @Override
              public void trials(List<Trial> done) {
                trials.addAll(done);
              }

              @Override
              public void complete(Map<String, Integer> batchesByNode) {
                outcome.complete(
                    new Outcome(
                        TuneAnswer.of(trials, grid, batchesByNode, data.training().size(), data.testing().size(), System.nanoTime() - started),
                        200,
                        null));
              }

              @Override
              public void fail(String why, String dataError) {
                outcome.complete(dataError != null ? new Outcome(null, 400, dataError) : new Outcome(null, 503, why));
              }
            });
    spreader.tell(new Spreader.Start(trace, cells));
    return outcome;
  }

  /** A {@code POST /tune} body, checked: the data named or sent, and the grid. */
  record TuneRequest(TuneData data, Grid grid) {
    static TuneRequest parse(Edge edge, String body) {
      JsonNode node;
      try {
        node = edge.json().mapper().readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) {
        throw new BadRequest("the body must be a JSON object, such as {\"dataset\":\"iris\"}");
      }
      List<String> known = List.of("dataset", "csv", "k", "step", "distances", "testEvery");
      node.fieldNames().forEachRemaining(f -> {
        if (!known.contains(f)) {
          throw new BadRequest("unknown field '" + f + "' (the fields are " + String.join(", ", known) + ")");
        }
      });
      int testEvery = integer(node, "testEvery", 5);
      if (testEvery < 1) {
        throw new BadRequest("testEvery must be 1 or more, not " + testEvery);
      }
      TuneData data;
      if (node.has("csv") == node.has("dataset")) {
        throw new BadRequest("give the data one way: \"dataset\":\"iris\" or \"csv\":\"<the rows>\"");
      } else if (node.has("csv")) {
        data = TuneData.csv("request", text(node, "csv"), testEvery);
      } else {
        String name = text(node, "dataset");
        if (!name.equals(DataFile.IRIS)) {
          throw new BadRequest("no data set '" + name + "' (the one built in is " + DataFile.IRIS + "; send others as \"csv\")");
        }
        data = TuneData.iris(testEvery);
      }
      String k = node.has("k") ? (node.get("k").isIntegralNumber() ? node.get("k").asText() : text(node, "k")) : "1..39";
      List<String> distances = new ArrayList<>();
      JsonNode d = node.get("distances");
      if (d == null) {
        distances.addAll(List.of("ED", "MD", "CD", "SD"));
      } else if (d.isTextual()) {
        distances.addAll(List.of(d.textValue().split(",", -1)));
      } else if (d.isArray()) {
        d.forEach(x -> distances.add(x.isTextual() ? x.textValue() : x.toString()));
      } else {
        throw new BadRequest("distances must be a string such as \"ED,MD\" or a list, not " + d);
      }
      try {
        return new TuneRequest(data, Grid.parse(k, integer(node, "step", 2), distances, Grid.Names.FIELDS));
      } catch (IllegalArgumentException e) {
        throw new BadRequest(e.getMessage());
      }
    }

    private static String text(JsonNode node, String field) {
      JsonNode v = node.get(field);
      if (!v.isTextual()) {
        throw new BadRequest(field + " must be a string, not " + v);
      }
      return v.textValue();
    }

    private static int integer(JsonNode node, String field, int otherwise) {
      JsonNode v = node.get(field);
      if (v == null) {
        return otherwise;
      }
      if (!v.canConvertToInt() || !v.isIntegralNumber()) {
        throw new BadRequest(field + " must be a whole number, not " + v);
      }
      return v.intValue();
    }
  }
}
