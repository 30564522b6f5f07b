package deli.weather;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpsConnectionContext;
import org.apache.pekko.http.javadsl.model.HttpCharset;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.ProductVersion;
import org.apache.pekko.http.javadsl.model.headers.UserAgent;
import org.apache.pekko.http.javadsl.settings.ConnectionPoolSettings;

/**
 * GETs forecast documents through Pekko HTTP's client connection pool, one pool per host
 * with {@code concurrency} connections. The pool neither retries nor backs off by itself:
 * retries are the fetchers' business, per zone, with backoff, and visible. Its
 * connections close after {@code timeout} without traffic, so a request abandoned for its
 * timeout does not hold a connection for long. Redirects are followed (at most 5), as a
 * browser would.
 */
public final class ForecastClient {
  /** What the server answered: its status, and the document when it is a 2xx. */
  public record Answer(int status, String reason, String document, Optional<Duration> retryAfter) {}

  private final ClassicActorSystemProvider system;
  private final Http http;
  private final HttpsConnectionContext https;
  private final ConnectionPoolSettings pool;
  private final LoggingAdapter log;
  private final Duration timeout;
  private final UserAgent userAgent;

  /** A client over {@code system}'s connection pools, as wide and as patient as {@code settings} say. */
  public static ForecastClient of(ClassicActorSystemProvider system, WeatherSettings settings) {
    return new ForecastClient(system, settings.concurrency(), settings.timeout());
  }

  /**
   * The behavior {@code make} builds over a client of its own, made when the actor starts on
   * its system's connection pools: a round's and a watch's when no one hands them a client.
   */
  static <T> Behavior<T> withOwnClient(WeatherSettings settings, Function<ForecastClient, Behavior<T>> make) {
    return Behaviors.setup(ctx -> make.apply(of(ctx.getSystem(), settings)));
  }

  public ForecastClient(ClassicActorSystemProvider system, int concurrency, Duration timeout) {
    this.system = system;
    this.http = Http.get(system);
    this.https = http.defaultClientHttpsContext();
    ConnectionPoolSettings defaults = ConnectionPoolSettings.create(system.classicSystem());
    this.pool =
        defaults
            .withMaxConnections(concurrency)
            .withMaxOpenRequests(powerOfTwoAtLeast(Math.max(defaults.getMaxOpenRequests(), 2 * concurrency)))
            .withMaxRetries(0)
            // After a failed connection attempt the pool holds back every request to the host,
            // for up to 2 minutes by default: a zone's timeout would then hide a refused
            // connection. The fetchers back off instead, per zone.
            .withBaseConnectionBackoff(Duration.ZERO)
            .withMaxConnectionBackoff(Duration.ZERO)
            .withConnectionSettings(
                defaults
                    .getConnectionSettings()
                    .withIdleTimeout(timeout)
                    .withConnectingTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)));
    this.log = Logging.getLogger(system.classicSystem(), ForecastClient.class);
    this.timeout = timeout;
    this.userAgent = UserAgent.create(ProductVersion.create("deli-weather", version()));
  }

  /** The most redirects one fetch follows. */
  static final int MAX_REDIRECTS = 5;

  /**
   * GETs {@code url}, following redirects; fails as Pekko HTTP fails (see {@link Failures#of}),
   * never by throwing.
   */
  public CompletionStage<Answer> get(String url) {
    return get(url, MAX_REDIRECTS);
  }

  private CompletionStage<Answer> get(String url, int redirectsLeft) {
    try {
      HttpRequest request = HttpRequest.GET(url).addHeader(userAgent);
      return http.singleRequest(request, https, pool, log).thenCompose(response -> read(url, response, redirectsLeft));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletionStage<Answer> read(String url, HttpResponse response, int redirectsLeft) {
    int status = response.status().intValue();
    Optional<Duration> retryAfter = response.getHeader("Retry-After").map(HttpHeader::value).flatMap(ForecastClient::seconds);
    Optional<String> location = response.getHeader("Location").map(HttpHeader::value);
    if (response.status().isRedirection() && location.isPresent() && redirectsLeft > 0) {
      response.discardEntityBytes(system);
      return get(URI.create(url).resolve(location.get()).toString(), redirectsLeft - 1);
    }
    if (!response.status().isSuccess()) {
      response.discardEntityBytes(system);
      return CompletableFuture.completedFuture(new Answer(status, response.status().reason(), "", retryAfter));
    }
    Charset charset =
        response.entity().getContentType().getCharsetOption().map(HttpCharset::nioCharset).orElse(StandardCharsets.UTF_8);
    return response
        .entity()
        .toStrict(timeout.toMillis(), system)
        .thenApply(strict -> new Answer(status, response.status().reason(), strict.getData().decodeString(charset), retryAfter));
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is ignored). */
  static Optional<Duration> seconds(String value) {
    String v = value.strip();
    if (v.matches("\\d{1,6}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    return Optional.empty();
  }

  static int powerOfTwoAtLeast(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  private static String version() {
    String v = ForecastClient.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
