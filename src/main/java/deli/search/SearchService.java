package deli.search;

import deli.service.BadRequest;
import deli.service.Edge;
import deli.service.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Search as a node service, served only by a node given a tree ({@code --search-root}): in a
 * cluster each node holds its slices ({@link SearchNode}), alone it holds the whole tree
 * ({@link DirectorySearch}). {@code GET /search?q=...} takes {@code q} (required), {@code limit}
 * (lines returned), {@code ignore-case}, {@code regex}, {@code word} (grep -w), {@code invert}
 * (grep -v), {@code count} and {@code per-file}
 * (grep -m); the answer holds the counts of every match and the first {@code limit} lines, in
 * path and line order. A cluster node without a tree sends searches to the nodes that hold one
 * ({@link SearchForwarder}); with no tree anywhere, it answers 503 and says how to give it one.
 */
public final class SearchService {
  private static final Set<String> PARAMS = Set.of("q", "limit", "ignore-case", "regex", "word", "invert", "count", "per-file");

  public static final Service SERVICE =
      new Service(
          "search",
          DirectorySearch.KEY,
          ctx -> {
            SearchSettings settings = SearchSettings.from(ctx.config().getConfig("deli.search")).serving();
            boolean cluster = ctx.config().getString("pekko.actor.provider").equals("cluster");
            if (settings.serveRoot().isBlank()) {
              if (!cluster) {
                return Service.Running.none(notServed(ctx.edge()));
              }
              // No tree here: searches go to the nodes that hold one (503 only when none does).
              ActorRef<DirectorySearch.Command> forwarder =
                  ctx.spawn("search-forwarder", DirectorySearch.Command.class, SearchForwarder.create(settings.queryTimeout()));
              return Service.Running.none(route(ctx.edge(), forwarder, settings));
            }
            ActorRef<TreeEvent> log = ctx.spawn("search-log", TreeEvent.class, SearchLog.create("deli node", System.out));
            ActorRef<DirectorySearch.Command> search =
                ctx.serve(
                    "search",
                    DirectorySearch.KEY,
                    DirectorySearch.Command.class,
                    cluster
                        ? SearchNode.create(settings, SearchClusterSettings.from(ctx.config().getConfig("deli.search")), log)
                        : DirectorySearch.create(settings, null, log));
            return Service.Running.of(route(ctx.edge(), search, settings));
          })
          .answering(Service.Endpoint.get("/search?q=", "searches the tree the node holds"));

  private SearchService() {}

  private static Route notServed(Edge edge) {
    return Directives.path(
        "search",
        () ->
            edge.json()
                .error(
                    StatusCodes.SERVICE_UNAVAILABLE,
                    "this node serves no search: start it with --search-root DIR (or set deli.search.serve.root)"));
  }

  static Route route(Edge edge, ActorRef<DirectorySearch.Command> search, SearchSettings settings) {
    return Directives.path(
        "search",
        () ->
            Directives.get(
                () ->
                    Directives.parameterMap(
                        params ->
                            edge.traced(
                                trace -> {
                                  SearchQuery q = query(params, settings);
                                  return edge.<DirectorySearch.Command, DirectorySearch.Answer>askThen(
                                      search,
                                      replyTo -> new DirectorySearch.Search(trace, q, replyTo),
                                      answer -> answer(edge, trace.id(), answer));
                                }))));
  }

  private static SearchQuery query(Map<String, String> params, SearchSettings settings) {
    for (String key : params.keySet()) {
      if (!PARAMS.contains(key)) {
        throw new BadRequest("unknown parameter '" + key + "'; known: " + String.join(", ", PARAMS.stream().sorted().toList()));
      }
    }
    String text = params.get("q");
    if (text == null) {
      throw new BadRequest("give the query as q, as in /search?q=import");
    }
    int limit = number(params, "limit", settings.serveLimit());
    if (limit > settings.serveMaxLimit()) {
      throw new BadRequest("limit must be at most " + settings.serveMaxLimit() + ", not " + limit);
    }
    try {
      return new SearchQuery(
          text,
          List.of(),
          flag(params, "ignore-case"),
          flag(params, "regex"),
          flag(params, "word"),
          flag(params, "invert"),
          flag(params, "count"),
          false,
          number(params, "per-file", 0),
          limit);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }

  private static int number(Map<String, String> params, String key, int otherwise) {
    String v = params.get(key);
    if (v == null) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 0) {
        throw new BadRequest(key + " must be 0 or more, not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(key + " must be a number, not '" + v + "'");
    }
  }

  private static boolean flag(Map<String, String> params, String key) {
    String v = params.get(key);
    if (v == null) {
      return false;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "", "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new BadRequest(key + " must be true or false, not '" + v + "'");
    };
  }

  private static Route answer(Edge edge, String traceId, DirectorySearch.Answer answer) {
    if (answer instanceof DirectorySearch.SearchFailed failed) {
      return edge.json().error(failed.badQuery() ? StatusCodes.BAD_REQUEST : StatusCodes.SERVICE_UNAVAILABLE, failed.reason());
    }
    return edge.json().ok(SearchAnswer.of(traceId, (DirectorySearch.Found) answer));
  }
}
