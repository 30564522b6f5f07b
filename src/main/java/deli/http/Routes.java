package deli.http;

import deli.service.Admission;
import deli.service.BadRequest;
import deli.service.Forbidden;
import deli.service.Json;
import deli.service.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's whole HTTP API: every program's routes, a request size limit, and errors always
 * as {@code {"error": ...}} JSON, whether a route or Pekko itself refused the request.
 */
public final class Routes {
  private Routes() {}

  private static Route concat(Route[] routes) {
    Route first = routes[0];
    Route[] rest = java.util.Arrays.copyOfRange(routes, 1, routes.length);
    return Directives.concat(first, rest);
  }

  /**
   * The node's routes ({@code /health}, {@code /status} and {@code /cluster} over {@code listed},
   * with how often each restarted) and its services' {@code routes}, behind one size limit and one way of saying errors.
   */
  public static Route of(ActorSystem<?> system, Json json, Limits limits, NodeView view, List<Route> routes) {
    List<Route> all = new ArrayList<>();
    NodeRoutes node = new NodeRoutes(system, json, view.listed(), view.work(), view.restarts(), view.node(), limits.statusTimeout());
    ClusterRoutes cluster = new ClusterRoutes(system, json, view.listed(), limits.statusTimeout());
    all.add(node.route());
    all.add(cluster.route());
    all.add(page(system, json, view, node, cluster));
    all.addAll(routes);
    return Access.guard(limits.token(), json, of(json, limits.maxRequestBytes(), all.toArray(Route[]::new)));
  }

  /** The live page and its events, fed by a relay that lives as long as the node. */
  private static Route page(ActorSystem<?> system, Json json, NodeView view, NodeRoutes node, ClusterRoutes cluster) {
    LiveHub hub = new LiveHub(system, json.mapper(), Duration.ofSeconds(15));
    system.systemActorOf(
        LiveRelay.create(hub, () -> PageRoutes.snapshot(hub, node, cluster), Duration.ofSeconds(1)), "live-relay", Props.empty());
    return new PageRoutes(json, hub, view.node(), view.endpoints()).route();
  }

  /**
   * What the edge holds every request to.
   *
   * @param maxRequestBytes the largest body (413 beyond)
   * @param statusTimeout how long {@code /status} waits for each service
   * @param token the bearer token every request but {@code /health} must carry; blank: none
   */
  public record Limits(long maxRequestBytes, Duration statusTimeout, String token) {}

  /**
   * What the node's own routes show.
   *
   * @param node this node's name ({@code host:port})
   * @param listed the services it runs
   * @param work what it holds now of the work it admits
   * @param restarts how often each service was restarted
   * @param endpoints the paths its services answer, for the API's index
   */
  public record NodeView(
      String node,
      List<Listed> listed,
      Supplier<Admission.Held> work,
      Supplier<CompletionStage<Map<String, Integer>>> restarts,
      List<Service.Endpoint> endpoints) {}

  static Route of(Json json, long maxRequestBytes, Route... routes) {
    ExceptionHandler exceptions =
        ExceptionHandler.newBuilder()
            .match(BadRequest.class, e -> json.error(StatusCodes.BAD_REQUEST, e.getMessage()))
            .match(Forbidden.class, e -> json.error(StatusCodes.FORBIDDEN, e.getMessage()))
            .build();
    RejectionHandler rejections =
        RejectionHandler.defaultHandler()
            .mapRejectionResponse(
                response ->
                    response.entity() instanceof org.apache.pekko.http.javadsl.model.HttpEntity.Strict strict
                            && !strict.getContentType().mediaType().toString().equals("application/json")
                        ? response.withEntity(json.errorEntity(strict.getData().utf8String().strip()))
                        : response);
    return Directives.handleRejections(
        rejections,
        () ->
            Directives.handleExceptions(
                exceptions, () -> Directives.withSizeLimit(maxRequestBytes, () -> concat(routes))));
  }
}
