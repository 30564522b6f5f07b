package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeatherWatchTest {
  static final ActorTestKit testKit = ActorTestKit.create("WeatherWatchTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void afterTheFirstRoundOnlyTheAdvisoriesThatChangedArePassedOn(@TempDir Path dir) throws Exception {
    List<Zone> zones = Zones.CHESAPEAKE_BAY.subList(0, 4);
    for (Zone z : zones) {
      ForecastDocs.write(dir, z, ForecastDocs.forecast(z, ""));
    }
    try (Fixture f = Fixture.start(testKit, dir, "0", 0, List.of())) {
      WeatherSettings s =
          new WeatherSettings(
              f.url, zones, 4, Duration.ofSeconds(5), 0, new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)), false,
              Duration.ofMillis(150), Duration.ofMinutes(15));
      TestProbe<WeatherEvent> listener = testKit.createTestProbe();
      ActorRef<WeatherWatch.Command> watch = testKit.spawn(WeatherWatch.create(s, Trace.start("test"), listener.getRef()));

      // The first round as a one-shot run prints it.
      int printed = 0;
      WeatherEvent e;
      while ((e = listener.receiveMessage(Duration.ofSeconds(10))) instanceof ForecastRound.Forecasts batch) {
        printed += batch.outcomes().size();
      }
      assertEquals(4, printed);
      assertEquals(4, assertInstanceOf(ForecastRound.RoundDone.class, e).fetched());
      // Nothing changes: later rounds are silent.
      listener.expectNoMessage(Duration.ofMillis(400));

      Zone second = zones.get(1);
      ForecastDocs.write(dir, second, ForecastDocs.forecast(second, "GALE WARNING IN EFFECT FROM 6 PM THIS EVENING"));
      WeatherWatch.Changed changed = listener.expectMessageClass(WeatherWatch.Changed.class, Duration.ofSeconds(10));
      assertEquals(
          List.of(new AdvisoryBoard.Change(second, AdvisoryBoard.Kind.ADVISORY, "", "GALE WARNING IN EFFECT FROM 6 PM THIS EVENING", null)),
          changed.changes());

      Files.delete(dir.resolve("anz533.txt"));
      WeatherWatch.Changed failing = listener.expectMessageClass(WeatherWatch.Changed.class, Duration.ofSeconds(10));
      AdvisoryBoard.Change c = failing.changes().get(0);
      assertEquals(AdvisoryBoard.Kind.FAILING, c.kind());
      assertEquals(Failure.status(404, "Not Found"), c.failure());
      listener.expectNoMessage(Duration.ofMillis(400));

      ForecastDocs.write(dir, zones.get(2), ForecastDocs.forecast(zones.get(2), ""));
      AdvisoryBoard.Change back = listener.expectMessageClass(WeatherWatch.Changed.class, Duration.ofSeconds(10)).changes().get(0);
      assertEquals(AdvisoryBoard.Kind.RECOVERED, back.kind());
      testKit.stop(watch);
    }
  }

  @Test
  void theBoardKeepsTheLastAdvisoryOfAZoneThatFails() {
    Zone z = Zones.CHESAPEAKE_BAY.get(0);
    AdvisoryBoard board = new AdvisoryBoard(List.of(z));
    assertEquals(true, board.entries().get(0).pending());
    java.time.Instant t0 = java.time.Instant.parse("2026-11-24T10:00:00Z");
    List<AdvisoryBoard.Change> first = board.update(List.of(new Outcome.Fetched(z, "GALE WARNING", 1, Duration.ZERO)), t0);
    assertEquals(List.of(new AdvisoryBoard.Change(z, AdvisoryBoard.Kind.ADVISORY, null, "GALE WARNING", null)), first);
    Failure timeout = Failure.timeout("timed out after 10s");
    board.update(List.of(new Outcome.Failed(z, timeout, 3, Duration.ZERO)), t0.plusSeconds(60));
    AdvisoryBoard.Entry e = board.entries().get(0);
    assertEquals("GALE WARNING", e.advisory());
    assertEquals(t0, e.fetchedAt());
    assertEquals(timeout, e.failure());
    assertEquals(List.of(), board.update(List.of(new Outcome.Failed(z, timeout, 3, Duration.ZERO)), t0.plusSeconds(120)));
    assertNull(board.update(List.of(new Outcome.Fetched(z, "", 1, Duration.ZERO)), t0.plusSeconds(180)).get(0).failure());
    assertInstanceOf(AdvisoryBoard.Entry.class, board.entries().get(0));
  }
}
