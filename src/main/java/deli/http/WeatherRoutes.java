package deli.http;

import deli.core.Durations;
import deli.weather.AdvisoryBoard;
import deli.weather.WeatherService;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /weather}: the latest advisories the node's weather service fetched, each zone
 * with its state ({@code ok}, {@code failed} keeping its last advisory, or {@code pending}
 * before the first answer), and how the last round went. {@code POST /weather/refresh}
 * fetches them now and answers the same when the round is done.
 */
public final class WeatherRoutes {
  private final Edge edge;
  private final ActorRef<WeatherService.Command> weather;

  public WeatherRoutes(Edge edge, ActorRef<WeatherService.Command> weather) {
    this.edge = edge;
    this.weather = weather;
  }

  public Route route() {
    return Directives.pathPrefix(
        "weather",
        () ->
            Directives.concat(
                Directives.pathEnd(
                    () ->
                        Directives.get(
                            () ->
                                edge.traced(
                                    trace ->
                                        edge.<WeatherService.Command, WeatherService.Advisories>ask(
                                            weather,
                                            replyTo -> new WeatherService.GetAdvisories(trace, replyTo),
                                            a -> json(trace.id(), a))))),
                Directives.path(
                    "refresh",
                    () ->
                        Directives.post(
                            () ->
                                edge.traced(
                                    trace ->
                                        edge.<WeatherService.Command, WeatherService.Advisories>ask(
                                            weather,
                                            replyTo -> new WeatherService.RefreshNow(trace, replyTo),
                                            a -> json(trace.id(), a)))))));
  }

  static Map<String, Object> json(String traceId, WeatherService.Advisories a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", traceId);
    out.put("baseUrl", a.baseUrl());
    if (a.problem() != null) {
      out.put("error", a.problem());
    }
    out.put("refreshEvery", Durations.format(a.refresh()));
    out.put("fetching", a.fetching());
    if (a.lastRound() != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("finished", a.lastRound().finished().toString());
      last.put("seconds", a.lastRound().took().toNanos() / 1e9);
      last.put("fetched", a.lastRound().fetched());
      last.put("failed", a.lastRound().failed());
      out.put("lastRound", last);
    }
    if (a.nextRound() != null) {
      out.put("nextRound", a.nextRound().toString());
    }
    out.put("zones", a.zones().stream().map(WeatherRoutes::zone).toList());
    return out;
  }

  private static Map<String, Object> zone(AdvisoryBoard.Entry e) {
    Map<String, Object> z = new LinkedHashMap<>();
    z.put("code", e.zone().code());
    z.put("same", e.zone().sameCode());
    z.put("name", e.zone().name());
    z.put("state", e.pending() ? "pending" : e.failure() == null ? "ok" : "failed");
    if (e.advisory() != null) {
      z.put("advisory", e.advisory());
      z.put("fetched", e.fetchedAt().toString());
    }
    if (e.failure() != null) {
      z.put("error", e.failure().detail());
      z.put("errorKind", e.failure().kind().name().toLowerCase(java.util.Locale.ROOT));
      z.put("failed", e.failedAt().toString());
    }
    return z;
  }
}
