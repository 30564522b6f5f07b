package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rounds of fetches against the fixture server, in one actor system. */
class ForecastRoundTest {
  static final ActorTestKit testKit = ActorTestKit.create("ForecastRoundTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static WeatherSettings settings(String baseUrl, List<Zone> zones, int concurrency, String timeout, int retries) {
    return new WeatherSettings(
        baseUrl,
        zones,
        concurrency,
        deli.core.Durations.parse(timeout),
        retries,
        new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
        false,
        Duration.ZERO,
        Duration.ofMinutes(15));
  }

  /** Runs one round and returns its end, checking that outcomes came in zone order on the way. */
  static ForecastRound.RoundDone round(WeatherSettings s, Duration within) {
    TestProbe<WeatherEvent> listener = testKit.createTestProbe();
    testKit.spawn(ForecastRound.create(s, Trace.start("test"), listener.getRef()));
    List<Outcome> inOrder = new ArrayList<>();
    while (true) {
      WeatherEvent e = listener.receiveMessage(within);
      if (e instanceof ForecastRound.Forecasts f) {
        assertEquals(inOrder.size(), f.from());
        inOrder.addAll(f.outcomes());
      } else {
        ForecastRound.RoundDone done = (ForecastRound.RoundDone) e;
        assertEquals(done.outcomes(), inOrder, "every outcome was passed on, in zone order, before the end");
        assertEquals(s.zones(), done.outcomes().stream().map(Outcome::zone).toList());
        return done;
      }
    }
  }

  @BeforeAll
  static void warmUp(@TempDir Path dir) {
    // The first request of a JVM loads Pekko HTTP's client: keep that out of the timed tests.
    List<Zone> zones = ForecastDocs.manyZones(dir, 300);
    try (Fixture f = Fixture.start(testKit, dir, "0", 0, List.of())) {
      round(settings(f.url, zones, 32, "10s", 0), Duration.ofSeconds(30));
    }
  }

  @Test
  void thirteenZonesWith200msLatencyEachFinishInWellUnderThirteenTimes200ms(@TempDir Path dir) {
    for (Zone z : Zones.CHESAPEAKE_BAY) {
      ForecastDocs.write(dir, z, ForecastDocs.sample(z.code()));
    }
    try (Fixture f = Fixture.start(testKit, dir, "200ms", 0, List.of())) {
      ForecastRound.RoundDone done = round(settings(f.url, Zones.CHESAPEAKE_BAY, 16, "10s", 0), Duration.ofSeconds(10));
      assertEquals(13, done.fetched());
      assertEquals(
          "GALE WARNING IN EFFECT FROM 6 PM THIS EVENING THROUGH WEDNESDAY AFTERNOON",
          ((Outcome.Fetched) done.outcomes().get(2)).advisory());
      // One after the other they take 2.6 s; at once, about 0.2 s. The peak in flight below
      // proves they ran at once; the wall time, on a loaded machine, would prove nothing.
      assertTrue(done.took().toMillis() >= 200, "no answer comes before its latency: " + done.took().toMillis() + " ms");
      assertEquals(13, f.stats().peakInFlight(), "all 13 were in flight at once");
    }
  }

  @Test
  void aThousandZonesAt64AtOnceFinishNearSixteenLatencies(@TempDir Path dir) {
    List<Zone> zones = ForecastDocs.manyZones(dir, 1000);
    try (Fixture f = Fixture.start(testKit, dir, "100ms", 0, List.of())) {
      ForecastRound.RoundDone done = round(settings(f.url, zones, 64, "10s", 0), Duration.ofSeconds(30));
      assertEquals(1000, done.fetched());
      assertEquals("SMALL CRAFT ADVISORY IN EFFECT UNTIL 1 PM EST WEDNESDAY", ((Outcome.Fetched) done.outcomes().get(0)).advisory());
      assertEquals("", ((Outcome.Fetched) done.outcomes().get(999)).advisory());
      ForecastOffice.Stats stats = f.stats();
      assertEquals(1000, stats.requests());
      assertTrue(stats.peakInFlight() <= 64, "never more than 64 at once: " + stats.peakInFlight());
      assertTrue(stats.peakInFlight() >= 48, "about 64 at once: " + stats.peakInFlight());
      // ceil(1000 / 64) = 16 waves of 100 ms: 1.6 s at the very least. No upper bound on the
      // wall time: a loaded machine stretches it without limit, and the peak in flight above
      // is what proves the fetches ran 64 at once.
      long ms = done.took().toMillis();
      assertTrue(ms >= 1600, "16 waves of 100 ms cannot take " + ms + " ms");
    }
  }

  @Test
  void eachFailureGivesItsZoneItsOwnOutcomeAndTheOthersStillArrive(@TempDir Path dir) throws Exception {
    List<Zone> zones = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      Zone z = new Zone("Zone " + i, "ANZ" + (550 + i), "");
      zones.add(z);
      ForecastDocs.write(dir, z, ForecastDocs.forecast(z, i == 0 ? "SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 PM" : ""));
    }
    Files.delete(dir.resolve("anz551.txt"));
    Files.writeString(dir.resolve("anz554.txt"), ForecastDocs.resource("maintenance.html"));
    Files.writeString(dir.resolve("anz555.txt"), "");
    Files.write(dir.resolve("anz556.txt"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe});
    List<Fault> faults =
        List.of(
            Fault.parse("anz552=500"), // always: given up after 1 + 2 retries
            Fault.parse("anz553=500*1"), // once: fetched on the retry
            Fault.parse("anz557=3s"), // later than the timeout, every time
            Fault.parse("anz558=cut"), // half the document, then a broken connection
            Fault.parse("anz560=moved")); // a 301 to where the document is
    try (Fixture f = Fixture.start(testKit, dir, "0", 0, faults)) {
      ForecastRound.RoundDone done = round(settings(f.url, zones, 16, "400ms", 2), Duration.ofSeconds(20));
      List<Outcome> o = done.outcomes();

      Outcome.Fetched ok = assertInstanceOf(Outcome.Fetched.class, o.get(0));
      assertEquals("SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 PM", ok.advisory());
      assertEquals(1, ok.attempts());

      assertFailed(o.get(1), Failure.status(404, "Not Found"), 1); // a 404 is not retried
      assertFailed(o.get(2), Failure.status(500, "Internal Server Error"), 3);
      Outcome.Fetched retried = assertInstanceOf(Outcome.Fetched.class, o.get(3));
      assertEquals(2, retried.attempts());
      assertEquals(Failure.Kind.UNPARSABLE, failure(o.get(4), 1).kind());
      assertTrue(failure(o.get(4), 1).detail().contains("HTML page"), failure(o.get(4), 1).detail());
      assertEquals(Failure.unparsable("the document is empty"), failure(o.get(5), 1));
      assertEquals(Failure.unparsable("the document is not text"), failure(o.get(6), 1));
      assertFailed(o.get(7), Failure.timeout("timed out after 400ms"), 3);
      assertEquals(Failure.Kind.CONNECTION, failure(o.get(8), 3).kind());
      assertInstanceOf(Outcome.Fetched.class, o.get(9));
      Outcome.Fetched redirected = assertInstanceOf(Outcome.Fetched.class, o.get(10));
      assertEquals(1, redirected.attempts(), "a redirect is followed within the attempt");
      assertEquals(4, done.fetched());
    }
  }

  @Test
  void aRefusedConnectionIsItsZonesFailureAfterItsRetries() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<Zone> zones = Zones.CHESAPEAKE_BAY.subList(0, 3);
    ForecastRound.RoundDone done = round(settings("http://127.0.0.1:" + port, zones, 4, "5s", 1), Duration.ofSeconds(20));
    for (Outcome o : done.outcomes()) {
      assertEquals(Failure.connection("connection refused by 127.0.0.1:" + port), failure(o, 2));
    }
    assertTrue(done.took().compareTo(deli.testing.Await.scaled(Duration.ofSeconds(5))) < 0, "refused at once, not timed out: " + done.took());
  }

  @Test
  void aFailureRateIsRiddenOutByRetries(@TempDir Path dir) {
    List<Zone> zones = ForecastDocs.manyZones(dir, 200);
    try (Fixture f = Fixture.start(testKit, dir, "0", 0.2, List.of())) {
      ForecastRound.RoundDone done = round(settings(f.url, zones, 32, "10s", 6), Duration.ofSeconds(30));
      // 0.2^7: no zone fails seven times in a row, in all likelihood (and with the seed, surely).
      assertEquals(200, done.fetched());
      assertTrue(done.outcomes().stream().anyMatch(o -> o.attempts() > 1), "some zones were retried");
      assertTrue(f.stats().byStatus().getOrDefault(503, 0L) > 0, f.stats().summary());
    }
  }

  private static Failure failure(Outcome o, int attempts) {
    Outcome.Failed failed = assertInstanceOf(Outcome.Failed.class, o, o.zone().code().toLowerCase(Locale.ROOT));
    assertEquals(attempts, failed.attempts(), o.toString());
    return failed.failure();
  }

  private static void assertFailed(Outcome o, Failure expected, int attempts) {
    assertEquals(expected, failure(o, attempts), o.zone().code());
  }
}
