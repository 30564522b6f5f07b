package deli.weather;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code deli weather} refuses to start with, each refusal saying which setting and why. */
class WeatherSettingsTest {
  private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));

  private static WeatherSettings with(List<Zone> zones, int concurrency, Duration timeout, int retries, Duration watch, Duration refresh) {
    return new WeatherSettings("http://127.0.0.1:8081", zones, concurrency, timeout, retries, BACKOFF, false, watch, refresh);
  }

  private static String refusal(List<Zone> zones, int concurrency, Duration timeout, int retries, Duration watch, Duration refresh) {
    return assertThrows(IllegalArgumentException.class, () -> with(zones, concurrency, timeout, retries, watch, refresh)).getMessage();
  }

  private static final List<Zone> BAY = Zones.CHESAPEAKE_BAY;
  private static final Duration S10 = Duration.ofSeconds(10);
  private static final Duration M15 = Duration.ofMinutes(15);

  @Test
  void eachOutOfRangeSettingIsRefusedByNameWithItsBoundsAndTheBoundsThemselvesAreKept() {
    assertEquals("there are no zones to fetch", refusal(List.of(), 16, S10, 2, Duration.ZERO, M15));
    assertEquals("zone ANZ531 is listed twice", refusal(List.of(BAY.get(0), BAY.get(1), BAY.get(0)), 16, S10, 2, Duration.ZERO, M15));
    assertEquals("concurrency must be 1 to 1024, not 0", refusal(BAY, 0, S10, 2, Duration.ZERO, M15));
    assertEquals("concurrency must be 1 to 1024, not 1025", refusal(BAY, 1025, S10, 2, Duration.ZERO, M15));
    assertEquals("timeout must be more than 0", refusal(BAY, 16, Duration.ZERO, 2, Duration.ZERO, M15));
    assertEquals("timeout must be more than 0", refusal(BAY, 16, Duration.ofMillis(-1), 2, Duration.ZERO, M15));
    assertEquals("retries must be 0 to 10, not -1", refusal(BAY, 16, S10, -1, Duration.ZERO, M15));
    assertEquals("retries must be 0 to 10, not 11", refusal(BAY, 16, S10, 11, Duration.ZERO, M15));
    assertEquals("watch must be 0 (fetch once) or at least 100ms, not 99ms", refusal(BAY, 16, S10, 2, Duration.ofMillis(99), M15));
    assertEquals("watch must be 0 (fetch once) or at least 100ms, not -1s", refusal(BAY, 16, S10, 2, Duration.ofSeconds(-1), M15));
    assertEquals("node.refresh must be at least 1s, not 999ms", refusal(BAY, 16, S10, 2, Duration.ZERO, Duration.ofMillis(999)));
    // The bounds themselves are settings a user may give.
    with(BAY, 1, Duration.ofNanos(1), 0, Duration.ofMillis(100), Duration.ofSeconds(1));
    with(BAY, 1024, S10, 10, Duration.ZERO, M15);
  }

  private static Config config(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference().getConfig("deli.weather")).resolve();
  }

  @Test
  void aFirstBackoffLongerThanItsCapRaisesTheCapAndAZonesFileReplacesTheBay(@TempDir Path dir) throws Exception {
    WeatherSettings s = WeatherSettings.from(config("backoff = 8s, backoff-max = 5s"));
    assertEquals(new Backoff(Duration.ofSeconds(8), Duration.ofSeconds(8)), s.backoff());
    assertEquals(BAY, s.zones());
    assertEquals(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)), WeatherSettings.from(config("backoff = 1s")).backoff());
    Path zones = dir.resolve("zones.txt");
    Files.write(zones, Zones.format(BAY.subList(2, 4)));
    assertEquals(BAY.subList(2, 4), WeatherSettings.from(config("zones-file = \"" + zones + "\"")).zones());
  }

  @Test
  void theBaseUrlIsAnHttpOrHttpsUrlWithAHostAndNoQueryItsTrailingSlashesDropped() {
    assertEquals("http://127.0.0.1:8081", WeatherSettings.baseUrl(" http://127.0.0.1:8081// "));
    assertEquals("HTTPS://example.org/an", WeatherSettings.baseUrl("HTTPS://example.org/an/"));
    for (String bad : new String[] {"ftp://example.org", "example.org/an", "http:///an", "http://example.org/an?x=1", "http://exa mple.org", ""}) {
      String message = assertThrows(IllegalArgumentException.class, () -> WeatherSettings.baseUrl(bad), bad).getMessage();
      assertEquals("base-url '" + bad + "' is not an http:// or https:// URL (such as http://127.0.0.1:8081)", message);
    }
  }
}
