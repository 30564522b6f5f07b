package deli.http;

import deli.search.DirectorySearch;
import deli.search.FileHits;
import deli.search.SearchQuery;
import deli.search.SearchSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /search?q=...}: a query over the tree the node keeps loaded. Parameters:
 * {@code q} (required), {@code limit} (lines returned), {@code ignore-case}, {@code regex},
 * {@code count}, {@code per-file} (grep -m). The answer holds the counts of every match and
 * the text of the first {@code limit} lines, in path and line order.
 */
public final class SearchRoutes {
  private static final Set<String> PARAMS = Set.of("q", "limit", "ignore-case", "regex", "count", "per-file");

  private final Edge edge;
  private final Optional<ActorRef<DirectorySearch.Command>> search;
  private final SearchSettings settings;

  /** {@code search} is empty when the node serves no tree. */
  public SearchRoutes(Edge edge, Optional<ActorRef<DirectorySearch.Command>> search, SearchSettings settings) {
    this.edge = edge;
    this.search = search;
    this.settings = settings;
  }

  public Route route() {
    return Directives.path(
        "search",
        () ->
            Directives.get(
                () ->
                    Directives.parameterMap(
                        params ->
                            edge.traced(
                                trace -> {
                                  if (search.isEmpty()) {
                                    return edge.json()
                                        .error(
                                            StatusCodes.SERVICE_UNAVAILABLE,
                                            "this node serves no search: start it with --search-root DIR (or set deli.search.serve.root)");
                                  }
                                  SearchQuery q = query(params);
                                  return edge.<DirectorySearch.Command, DirectorySearch.Answer>askThen(
                                      search.get(),
                                      replyTo -> new DirectorySearch.Search(trace, q, replyTo),
                                      answer -> answer(trace.id(), answer));
                                }))));
  }

  private SearchQuery query(Map<String, String> params) {
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
          text, flag(params, "ignore-case"), flag(params, "regex"), flag(params, "count"), number(params, "per-file", 0), limit);
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
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "", "true", "on", "yes", "1" -> true;
      case "false", "off", "no", "0" -> false;
      default -> throw new BadRequest(key + " must be true or false, not '" + v + "'");
    };
  }

  private Route answer(String traceId, DirectorySearch.Answer answer) {
    if (answer instanceof DirectorySearch.SearchFailed failed) {
      return edge.json().error(failed.badQuery() ? StatusCodes.BAD_REQUEST : StatusCodes.SERVICE_UNAVAILABLE, failed.reason());
    }
    DirectorySearch.Found f = (DirectorySearch.Found) answer;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", traceId);
    out.put("query", f.query().text());
    out.put("files", f.files());
    out.put("matches", f.lines());
    out.put("filesMatched", f.hits().size());
    out.put("ms", f.nanos() / 1e6);
    out.put("complete", f.complete());
    if (!f.complete()) {
      out.put("missingShards", f.missing());
      if (!f.missingParts().isEmpty()) {
        // In a cluster: what the lost slices hold, so a reader knows which files were not searched.
        out.put("missingFiles", f.missingParts().stream().mapToInt(m -> Math.max(0, m.files())).sum());
        out.put(
            "missing",
            f.missingParts().stream()
                .map(m -> new Missing(m.root(), m.slice(), m.slices(), m.files() < 0 ? null : m.files(), m.samples(), m.reason()))
                .toList());
      }
    }
    if (f.query().countOnly()) {
      out.put("counts", f.hits().stream().map(h -> new FileCount(h.path(), h.count())).toList());
    } else {
      List<Line> lines = new ArrayList<>();
      for (FileHits h : f.hits()) {
        for (int i = 0; i < h.returned(); i++) {
          lines.add(new Line(h.path(), h.lines()[i], h.line(i)));
        }
      }
      out.put("returned", lines.size());
      out.put("truncated", lines.size() < f.lines());
      out.put("results", lines);
    }
    return edge.json().ok(out);
  }

  /** A matching line in an answer. */
  record Line(String file, int line, String text) {}

  record FileCount(String file, int count) {}

  /** A part of the tree no shard answered for: slice {@code slice} of {@code slices}; {@code files} null when unknown. */
  record Missing(String root, int slice, int slices, Integer files, List<String> examples, String reason) {}
}
