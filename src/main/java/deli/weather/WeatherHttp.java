package deli.weather;

import com.fasterxml.jackson.annotation.JsonInclude;
import deli.core.Durations;
import deli.service.Edge;
import deli.service.Service;
import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The weather service of a node and its HTTP view. {@code GET /weather}: the latest advisories,
 * each zone with its state ({@code ok}, {@code failed} keeping its last advisory, or
 * {@code pending} before the first answer), and how the last round went.
 * {@code POST /weather/refresh} fetches them now and answers the same when the round is done.
 */
public final class WeatherHttp {
  public static final ServiceKey<WeatherService.Command> KEY = ServiceKey.create(WeatherService.Command.class, "deli-weather");

  public static final Service SERVICE =
      new Service(
          "weather",
          KEY,
          ctx -> {
            ActorRef<WeatherService.Command> weather =
                ctx.serve("weather", KEY, WeatherService.Command.class, WeatherService.create(ctx.config().getConfig("deli.weather")));
            return Service.Running.of(route(ctx.edge(), weather));
          })
          .answering(
              Service.Endpoint.get("/weather", "the latest advisory of every zone"),
              Service.Endpoint.post("/weather/refresh", "fetches every zone now"));

  private WeatherHttp() {}

  static Route route(Edge edge, ActorRef<WeatherService.Command> weather) {
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
                                            a -> Answer.of(trace.id(), a))))),
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
                                            a -> Answer.of(trace.id(), a)))))));
  }

  /** How the last round went. */
  public record RoundJson(String finished, double seconds, int fetched, int failed) {}

  /** A zone as last seen: its advisory and when, or its failure and when. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ZoneJson(
      String code, String same, String name, String state, String advisory, String fetched, String error, String errorKind, String failed) {
    static ZoneJson of(AdvisoryBoard.Entry e) {
      boolean hasAdvisory = e.advisory() != null;
      boolean hasFailure = e.failure() != null;
      return new ZoneJson(
          e.zone().code(),
          e.zone().sameCode(),
          e.zone().name(),
          e.pending() ? "pending" : hasFailure ? "failed" : "ok",
          hasAdvisory ? e.advisory() : null,
          hasAdvisory ? e.fetchedAt().toString() : null,
          hasFailure ? e.failure().detail() : null,
          hasFailure ? e.failure().kind().name().toLowerCase(Locale.ROOT) : null,
          hasFailure ? e.failedAt().toString() : null);
    }
  }

  /** {@code GET /weather}'s answer; {@code error} when the service fetches nothing (its configuration). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answer(
      String traceId,
      String baseUrl,
      String error,
      String refreshEvery,
      boolean fetching,
      RoundJson lastRound,
      String nextRound,
      java.util.List<ZoneJson> zones) {
    static Answer of(String traceId, WeatherService.Advisories a) {
      return new Answer(
          traceId,
          a.baseUrl(),
          a.problem(),
          Durations.format(a.refresh()),
          a.fetching(),
          a.lastRound() == null
              ? null
              : new RoundJson(
                  a.lastRound().finished().toString(),
                  a.lastRound().took().toNanos() / 1e9,
                  a.lastRound().fetched(),
                  a.lastRound().failed()),
          a.nextRound() == null ? null : a.nextRound().toString(),
          a.zones().stream().map(ZoneJson::of).toList());
    }
  }
}
