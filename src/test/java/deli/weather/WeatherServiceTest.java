package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import deli.core.DeliConfig;
import deli.testing.Await;
import deli.trace.Trace;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeatherServiceTest {
  static final ActorTestKit testKit = ActorTestKit.create("WeatherServiceTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static Config weather(Map<String, Object> overrides) {
    return ConfigFactory.parseMap(overrides).withFallback(DeliConfig.load().getConfig("deli.weather"));
  }

  /** The advisories once the round under way (the first, started with the service) is done. */
  static WeatherService.Advisories afterFirstRound(ActorRef<WeatherService.Command> service) {
    TestProbe<WeatherService.Advisories> probe = testKit.createTestProbe();
    service.tell(new WeatherService.RefreshNow(Trace.start("test"), probe.getRef()));
    WeatherService.Advisories a = probe.receiveMessage(Duration.ofSeconds(20));
    assertNotNull(a.lastRound(), "a round has finished");
    return a;
  }

  @Test
  void theServiceAnswersWithTheAdvisoriesOfItsLatestRound(@TempDir Path dir) {
    for (Zone z : Zones.CHESAPEAKE_BAY) {
      ForecastDocs.write(dir, z, ForecastDocs.sample(z.code()));
    }
    try (Fixture f = Fixture.start(testKit, dir, "300ms", 0, List.of())) {
      ActorRef<WeatherService.Command> service = testKit.spawn(WeatherService.create(weather(Map.of("base-url", f.url))));
      TestProbe<WeatherService.Advisories> probe = testKit.createTestProbe();
      service.tell(new WeatherService.GetAdvisories(Trace.start("test"), probe.getRef()));
      WeatherService.Advisories before = probe.receiveMessage();
      assertTrue(before.fetching());
      assertNull(before.lastRound());
      assertTrue(before.zones().stream().allMatch(AdvisoryBoard.Entry::pending), before.toString());

      WeatherService.Advisories a = afterFirstRound(service);
      assertNull(a.problem());
      assertEquals(13, a.lastRound().fetched());
      assertEquals(13, a.zones().size());
      assertEquals("SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY", a.zones().get(0).advisory());
      assertEquals("", a.zones().get(4).advisory());
      assertNotNull(a.nextRound());

      Zone eastern = Zones.CHESAPEAKE_BAY.get(9);
      ForecastDocs.write(dir, eastern, ForecastDocs.forecast(eastern, "GALE WARNING IN EFFECT"));
      service.tell(new WeatherService.RefreshNow(Trace.start("test"), probe.getRef()));
      WeatherService.Advisories again = probe.receiveMessage(Duration.ofSeconds(20));
      assertTrue(again.lastRound().finished().isAfter(a.lastRound().finished()));
      assertEquals("GALE WARNING IN EFFECT", again.zones().get(9).advisory());
      testKit.stop(service);
    }
  }

  @Test
  void withoutANetworkTheServiceStaysUpAndSaysWhatFailed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ActorRef<WeatherService.Command> service =
        testKit.spawn(WeatherService.create(weather(Map.of("base-url", "http://127.0.0.1:" + port, "retries", 0))));
    WeatherService.Advisories a = afterFirstRound(service);
    assertEquals(13, a.lastRound().failed());
    for (AdvisoryBoard.Entry e : a.zones()) {
      assertNull(e.advisory());
      assertEquals(Failure.connection("connection refused by 127.0.0.1:" + port), e.failure());
    }
    testKit.stop(service);
  }

  @Test
  void aBadConfigurationLeavesTheServiceUpSayingWhy() {
    ActorRef<WeatherService.Command> service = testKit.spawn(WeatherService.create(weather(Map.of("base-url", "tgftp"))));
    TestProbe<WeatherService.Advisories> probe = testKit.createTestProbe();
    service.tell(new WeatherService.GetAdvisories(Trace.start("test"), probe.getRef()));
    WeatherService.Advisories a = probe.receiveMessage();
    assertTrue(a.problem().contains("base-url 'tgftp' is not an http:// or https:// URL"), a.problem());
    assertEquals(List.of(), a.zones());
    testKit.stop(service);
  }

  @Test
  void aZonesFileThatHangsHoldsNeitherTheDispatcherNorTheServiceFromStopping(@TempDir Path dir) throws Exception {
    // Reading a pipe stops until someone writes to it, as a file on a hung network share would.
    Path pipe = dir.resolve("zones.txt");
    assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
    ActorRef<WeatherService.Command> service = testKit.spawn(WeatherService.create(weather(Map.of("zones-file", pipe.toString()))));
    try {
      testKit.stop(service, Duration.ofSeconds(10));
    } finally {
      // Let the read end, whoever holds it.
      CompletableFuture.runAsync(
              () -> {
                try {
                  Files.newOutputStream(pipe).close();
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .get(Await.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Test
  void aZonesFileIsReadBeforeTheFirstRoundAndQuestionsWaitForIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("zones.txt");
    Files.writeString(file, "ANZ530 073530 Chesapeake Bay north of Pooles Island\n");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ActorRef<WeatherService.Command> service =
        testKit.spawn(
            WeatherService.create(weather(Map.of("zones-file", file.toString(), "base-url", "http://127.0.0.1:" + port + "/", "retries", 0))));
    TestProbe<WeatherService.Advisories> probe = testKit.createTestProbe();
    service.tell(new WeatherService.GetAdvisories(Trace.start("test"), probe.getRef()));
    WeatherService.Advisories a = probe.receiveMessage();
    assertEquals(List.of("ANZ530"), a.zones().stream().map(e -> e.zone().code()).toList());
    assertEquals("http://127.0.0.1:" + port + "/", a.baseUrl(), "the base URL as configured");
    assertEquals(1, afterFirstRound(service).lastRound().failed());
    testKit.stop(service);
  }

  @Test
  void aServiceGivenItsSettingsFetchesAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    WeatherSettings settings =
        new WeatherSettings(
            "http://127.0.0.1:" + port, Zones.CHESAPEAKE_BAY.subList(0, 2), 2, Duration.ofSeconds(5), 0,
            new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)), false, Duration.ZERO, Duration.ofMinutes(15));
    ActorRef<WeatherService.Command> service = testKit.spawn(WeatherService.create(settings));
    TestProbe<WeatherService.Advisories> probe = testKit.createTestProbe();
    service.tell(new WeatherService.GetAdvisories(Trace.start("test"), probe.getRef()));
    WeatherService.Advisories a = probe.receiveMessage();
    assertEquals("http://127.0.0.1:" + port, a.baseUrl());
    assertEquals(2, a.zones().size());
    assertEquals(2, afterFirstRound(service).lastRound().failed());
    testKit.stop(service);
  }
}
