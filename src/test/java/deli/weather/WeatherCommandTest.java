package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.Console.Output;
import deli.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code deli weather} prints for each event, and the exit code it ends with. */
class WeatherCommandTest {
  private static final Zone POOLES = Zones.CHESAPEAKE_BAY.get(0);
  private static final Zone EASTERN = Zones.CHESAPEAKE_BAY.get(9);
  private static final Outcome GALE = new Outcome.Fetched(POOLES, "GALE WARNING IN EFFECT", 1, Duration.ofMillis(80));
  private static final Outcome CALM = new Outcome.Fetched(EASTERN, "", 1, Duration.ofMillis(80));
  private static final Outcome LOST = new Outcome.Failed(EASTERN, Failure.timeout("timed out after 10s"), 3, Duration.ofSeconds(31));

  static WeatherSettings settings(boolean allowPartial, Duration watch) {
    return new WeatherSettings(
        "http://127.0.0.1:8081", Zones.CHESAPEAKE_BAY, 16, Duration.ofSeconds(10), 2,
        new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5)), allowPartial, watch, Duration.ofMinutes(15));
  }

  static ForecastRound.RoundDone done(List<Outcome> outcomes) {
    return new ForecastRound.RoundDone(Trace.start("t"), "http://127.0.0.1:8081", outcomes, Duration.ofMillis(312));
  }

  @Test
  void zonesPrintLikeTheChaptersReprAndAFailedZoneSaysWhyInItsPlace() {
    Output o = WeatherCommand.render(new ForecastRound.Forecasts(Trace.start("t"), 0, List.of(GALE, CALM, LOST)), settings(false, Duration.ZERO), false);
    assertEquals(
        List.of(
            "Chesapeake Bay from Pooles Island to Sandy Point, MD GALE WARNING IN EFFECT",
            "Eastern Bay",
            "Eastern Bay [no forecast: timed out after 10s, after 3 attempts]"),
        o.out());
    Output quiet = WeatherCommand.render(new ForecastRound.Forecasts(Trace.start("t"), 0, List.of(GALE, LOST)), settings(false, Duration.ZERO), true);
    assertEquals(List.of("Eastern Bay [no forecast: timed out after 10s, after 3 attempts]"), quiet.out());
  }

  @Test
  void theRoundEndsWithTheChaptersLineAndExitsZeroOnlyWhenEveryZoneCame() {
    Output all = WeatherCommand.render(done(List.of(GALE, CALM)), settings(false, Duration.ZERO), false);
    assertEquals(List.of("Got 2 forecasts in 0.312 seconds"), all.out());
    assertEquals(List.of(), all.err());
    assertEquals(0, all.exitCode());

    Output some = WeatherCommand.render(done(List.of(GALE, LOST)), settings(false, Duration.ZERO), false);
    assertEquals(List.of("Got 1 forecasts in 0.312 seconds"), some.out());
    assertEquals(
        List.of("deli weather: 1 of 2 zones failed from http://127.0.0.1:8081: timed out after 10s. --allow-partial accepts a partial result"),
        some.err());
    assertEquals(1, some.exitCode());

    assertEquals(0, WeatherCommand.render(done(List.of(GALE, LOST)), settings(true, Duration.ZERO), false).exitCode());
    Output none = WeatherCommand.render(done(List.of(LOST)), settings(true, Duration.ZERO), false);
    assertEquals(1, none.exitCode(), "nothing fetched is a failure even with --allow-partial");
  }

  @Test
  void manyDifferentFailuresAreSummedUpInOneLineAndNoNetworkGetsAHint() {
    List<Outcome> failed = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      failed.add(new Outcome.Failed(Zones.CHESAPEAKE_BAY.get(i), Failure.status(500 + i, ""), 3, Duration.ZERO));
    }
    failed.add(GALE);
    String line = WeatherCommand.failureSummary(done(failed), true);
    assertEquals(
        "5 of 6 zones failed from http://127.0.0.1:8081 (ANZ531: HTTP 500; ANZ532: HTTP 501; ANZ533: HTTP 502; and 2 more). "
            + "--allow-partial accepts a partial result",
        line);
    Outcome refused = new Outcome.Failed(POOLES, Failure.connection("cannot resolve the host tgftp.nws.noaa.gov"), 3, Duration.ZERO);
    assertEquals(
        "all 1 zone failed from http://127.0.0.1:8081: cannot resolve the host tgftp.nws.noaa.gov. "
            + "No network? 'deli weather serve' serves forecasts locally",
        WeatherCommand.failureSummary(done(List.of(refused)), true));
  }

  @Test
  void watchingTheFirstRoundDoesNotEndTheCommandAndLaterRoundsPrintOnlyChanges() {
    Output first = WeatherCommand.render(done(List.of(GALE, CALM)), settings(false, Duration.ofMinutes(5)), false);
    assertNull(first.exitCode());
    assertEquals(List.of("deli weather: watching, fetching again every 300s (Ctrl-C stops)"), first.err());

    Instant at = Instant.now();
    WeatherWatch.Changed changed =
        new WeatherWatch.Changed(
            Trace.start("t"),
            2,
            at,
            List.of(
                new AdvisoryBoard.Change(POOLES, AdvisoryBoard.Kind.ADVISORY, "GALE WARNING IN EFFECT", "", null),
                new AdvisoryBoard.Change(EASTERN, AdvisoryBoard.Kind.ADVISORY, "", "SMALL CRAFT ADVISORY", null),
                new AdvisoryBoard.Change(EASTERN, AdvisoryBoard.Kind.FAILING, "", "", Failure.status(404, "Not Found"))));
    Output o = WeatherCommand.render(changed, settings(false, Duration.ofMinutes(5)), false);
    assertEquals(2, o.out().size());
    assertTrue(o.out().get(0).matches("\\d\\d:\\d\\d:\\d\\d Chesapeake Bay from Pooles Island to Sandy Point, MD \\(no advisory now\\)"), o.out().get(0));
    assertTrue(o.out().get(1).endsWith(" Eastern Bay SMALL CRAFT ADVISORY"), o.out().get(1));
    assertTrue(o.err().get(0).endsWith(" Eastern Bay: no forecast (HTTP 404 Not Found); keeping the last one"), o.err().get(0));
    assertNull(o.exitCode());

    List<AdvisoryBoard.Change> down =
        Zones.CHESAPEAKE_BAY.stream()
            .map(z -> new AdvisoryBoard.Change(z, AdvisoryBoard.Kind.FAILING, "", "", Failure.connection("connection refused by 127.0.0.1:8081")))
            .toList();
    Output serverDown = WeatherCommand.render(new WeatherWatch.Changed(Trace.start("t"), 3, at, down), settings(false, Duration.ofMinutes(5)), false);
    assertEquals(1, serverDown.err().size(), "one line when every zone fails alike: " + serverDown.err());
    assertTrue(serverDown.err().get(0).endsWith(" 13 zones: no forecast (connection refused by 127.0.0.1:8081); keeping the last ones"), serverDown.err().get(0));
  }
}
