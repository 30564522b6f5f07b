package deli.weather;

import com.typesafe.config.Config;
import deli.core.Durations;
import deli.core.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The settings of {@code deli weather} and of the node's weather service, read once from
 * {@code deli.weather}.
 *
 * @param baseUrl where the forecasts are: each zone's is {@code <baseUrl>/<code lowercased>.txt}
 * @param zones the zones, in the order they print (the chapter's 13, or a zones file's)
 * @param concurrency how many zones are fetched at once, at most (and the pool's connections)
 * @param timeout how long one request may take, connecting and reading the whole document
 * @param retries how many times a transient failure is retried
 * @param backoff the wait before each retry
 * @param allowPartial whether the command succeeds when some zones failed and others did not
 * @param watch how often to fetch again and print what changed; zero: fetch once
 * @param refresh how often the node fetches the advisories it serves at {@code GET /weather}
 */
public record WeatherSettings(
    String baseUrl,
    List<Zone> zones,
    int concurrency,
    Duration timeout,
    int retries,
    Backoff backoff,
    boolean allowPartial,
    Duration watch,
    Duration refresh) {

  public static final int MAX_CONCURRENCY = 1024;
  public static final int MAX_RETRIES = 10;

  public WeatherSettings {
    zones = List.copyOf(zones);
    if (zones.isEmpty()) {
      throw new IllegalArgumentException("there are no zones to fetch");
    }
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (Zone z : zones) {
      if (!codes.add(z.code())) {
        throw new IllegalArgumentException("zone " + z.code() + " is listed twice");
      }
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      throw new IllegalArgumentException("concurrency must be 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
    }
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be more than 0");
    }
    if (retries < 0 || retries > MAX_RETRIES) {
      throw new IllegalArgumentException("retries must be 0 to " + MAX_RETRIES + ", not " + retries);
    }
    if (watch.isNegative() || (!watch.isZero() && watch.compareTo(Duration.ofMillis(100)) < 0)) {
      throw new IllegalArgumentException("watch must be 0 (fetch once) or at least 100ms, not " + Durations.format(watch));
    }
    if (refresh.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("node.refresh must be at least 1s, not " + Durations.format(refresh));
    }
  }

  /**
   * Reads {@code deli.weather}. A bad value is an {@link IllegalArgumentException}; a zones file
   * that cannot be read is a {@link deli.core.DeliException}.
   */
  public static WeatherSettings from(Config c) {
    String file = c.getString("zones-file");
    Duration first = Settings.duration(c, "backoff");
    // A first wait longer than the cap raises the cap: the flag --backoff says what it means.
    Duration cap = Settings.duration(c, "backoff-max");
    Duration max = cap.compareTo(first) < 0 ? first : cap;
    return new WeatherSettings(
        baseUrl(c.getString("base-url")),
        file.isBlank() ? Zones.CHESAPEAKE_BAY : Zones.read(Path.of(file)),
        c.getInt("concurrency"),
        Settings.duration(c, "timeout"),
        c.getInt("retries"),
        new Backoff(first, max),
        c.getBoolean("allow-partial"),
        Settings.duration(c, "watch"),
        Settings.duration(c, "node.refresh"));
  }

  /** An http or https URL with a host, without its trailing slash. */
  static String baseUrl(String text) {
    String t = text.strip();
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    try {
      URI uri = new URI(t);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
        return t;
      }
    } catch (URISyntaxException e) {
      // said below
    }
    throw new IllegalArgumentException("base-url '" + text + "' is not an http:// or https:// URL (such as http://127.0.0.1:8081)");
  }
}
