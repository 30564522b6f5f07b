package deli.http;

import deli.service.Json;
import deli.service.Service.Endpoint;
import java.util.ArrayList;
import deli.trace.ActorMetrics;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.marshalling.sse.EventStreamMarshalling;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's live page: {@code GET /} serves it (HTML, CSS and JavaScript from the jar), or,
 * to a caller that asks for JSON, an index of the API; {@code GET /events} streams what the page
 * draws as Server-Sent Events from the {@link LiveHub}. The page shows only what the API shows:
 * {@code /status}, {@code /cluster}, and what the programs publish of their runs.
 */
final class PageRoutes {
  /** Viewers one node streams to at once; beyond, {@code /events} answers 503. */
  static final int MAX_VIEWERS = 256;

  /** {@code GET /}'s answer to {@code Accept: application/json}. */
  record ApiIndex(String node, String page, String events, List<Endpoint> endpoints) {}

  /** The node's own paths; each service's follow, as it declares them. */
  static final List<Endpoint> NODE_ENDPOINTS =
      List.of(
          Endpoint.get("/", "this index (Accept: application/json), or the live page"),
          Endpoint.get("/events", "the live page's Server-Sent Events: status, cluster, metrics, dinner, job"),
          Endpoint.get("/health", "liveness"),
          Endpoint.get("/ready", "readiness: an Up member, every service listed"),
          Endpoint.get("/status", "the node, the work it holds, each service's state"),
          Endpoint.get("/cluster", "the cluster's members and what each serves"),
          Endpoint.get("/metrics", "each actor class's counters, in Prometheus' text format"));

  private final Json json;
  private final LiveHub hub;
  private final String node;
  private final List<Endpoint> endpoints;

  PageRoutes(Json json, LiveHub hub, String node, List<Endpoint> services) {
    this.json = json;
    this.hub = hub;
    this.node = node;
    List<Endpoint> all = new ArrayList<>(NODE_ENDPOINTS);
    all.addAll(services);
    this.endpoints = List.copyOf(all);
  }

  /** A snapshot of the node for the page: {@code /status} and {@code /cluster}, as those answer. */
  static CompletionStage<?> snapshot(LiveHub hub, NodeRoutes nodeRoutes, ClusterRoutes clusterRoutes) {
    CompletableFuture<?> status = nodeRoutes.status().thenAccept(s -> hub.offer("status", "node", s, false)).toCompletableFuture();
    CompletableFuture<?> cluster = clusterRoutes.cluster().thenAccept(c -> hub.offer("cluster", "members", c, false)).toCompletableFuture();
    hub.offer("metrics", "actors", new Metrics(ActorMetrics.snapshot()), false);
    return CompletableFuture.allOf(status, cluster);
  }

  /** The {@code metrics} event: the counters per actor class, as {@code GET /metrics} has them. */
  record Metrics(List<ActorMetrics.ClassStats> classes) {}

  Route route() {
    return Directives.concat(
        Directives.pathSingleSlash(
            () ->
                Directives.get(
                    () ->
                        Directives.optionalHeaderValueByName(
                            "Accept", accept -> wantsJson(accept.orElse("")) ? json.ok(index()) : page()))),
        Directives.pathPrefix("page", () -> Directives.get(() -> Directives.getFromResourceDirectory("deli/page"))),
        Directives.path("events", () -> Directives.get(this::events)));
  }

  /** A caller that names JSON and not HTML (curl -H 'Accept: application/json'; a browser names HTML). */
  static boolean wantsJson(String accept) {
    return accept.contains("application/json") && !accept.contains("text/html");
  }

  private Route page() {
    return Directives.getFromResource("deli/page/index.html", ContentTypes.TEXT_HTML_UTF8);
  }

  private ApiIndex index() {
    return new ApiIndex(node, "/", "/events", endpoints);
  }

  private Route events() {
    if (hub.viewers() >= MAX_VIEWERS) {
      return json.error(StatusCodes.SERVICE_UNAVAILABLE, "this node streams to " + MAX_VIEWERS + " viewers at most; try again later");
    }
    return Directives.completeOK(hub.viewer(), EventStreamMarshalling.toEventStream());
  }
}
