package deli.weather;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.Location;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The fixture server of {@code deli weather serve}: answers {@code GET /anz531.txt} with the
 * file {@code anz531.txt}, after the latency and with the faults its {@link ForecastOffice}
 * decides. Nothing here sleeps: a late answer is a scheduled one.
 */
public final class FixtureServer {
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.txt");
  /** Where a {@code moved} fault sends a client. */
  private static final String MOVED = "moved/";

  private final ActorSystem<?> system;
  private final ActorRef<ForecastOffice.Command> office;
  private final ForecastFiles files;
  private final Executor blocking;
  /** How long a request waits for the office's decision (deli.weather.serve.ask-timeout). */
  private final Duration ask;

  private FixtureServer(ActorSystem<?> system, ActorRef<ForecastOffice.Command> office, ForecastFiles files) {
    this.system = system;
    this.office = office;
    this.ask = deli.core.Settings.duration(system.settings().config(), "deli.weather.serve.ask-timeout");
    this.files = files;
    this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
  }

  /** Binds the server on {@code host:port} (0: any free port). */
  public static CompletionStage<ServerBinding> bind(
      ActorSystem<?> system, ActorRef<ForecastOffice.Command> office, ForecastFiles files, String host, int port) {
    ServerSettings defaults = ServerSettings.create(system.classicSystem());
    // Many clients connect at once (a benchmark opens 100 connections in a burst), and a
    // fault may delay an answer by minutes: a deep accept backlog, no request timeout.
    ServerSettings settings =
        defaults
            .withBacklog(Math.max(1024, defaults.getBacklog()))
            .withTimeouts(defaults.getTimeouts().withRequestTimeout(scala.concurrent.duration.Duration.Inf()));
    FixtureServer server = new FixtureServer(system, office, files);
    return Http.get(system).newServerAt(host, port).withSettings(settings).bind(server::handle);
  }

  private CompletionStage<HttpResponse> handle(HttpRequest request) {
    request.discardEntityBytes(system);
    if (request.method() != HttpMethods.GET && request.method() != HttpMethods.HEAD) {
      return CompletableFuture.completedFuture(text(405, "only GET here\n"));
    }
    String path = request.getUri().path();
    String asked = path.startsWith("/") ? path.substring(1) : path;
    String prefix = asked.startsWith(MOVED) ? MOVED : "";
    String name = asked.substring(prefix.length());
    if (!FILE.matcher(name).matches()) {
      return CompletableFuture.completedFuture(
          text(404, "no such forecast: ask for /<zone code>.txt, such as /anz531.txt\n"));
    }
    String file = prefix + name.substring(0, name.length() - 4).toLowerCase(Locale.ROOT);
    CompletionStage<FixturePlan.Decision> decision =
        AskPattern.ask(office, replyTo -> new ForecastOffice.Decide(file, replyTo), ask, system.scheduler());
    return decision
        .thenCompose(d -> Patterns.after(d.delay(), system.classicSystem(), () -> answer(d, name)))
        .whenComplete((a, error) -> office.tell(new ForecastOffice.Answered(a == null ? 500 : a.counted())))
        .thenApply(Answer::response);
  }

  /** A response, and what the office counts it as (0: a cut connection). */
  private record Answer(HttpResponse response, int counted) {
    static Answer of(HttpResponse response) {
      return new Answer(response, response.status().intValue());
    }
  }

  private CompletionStage<Answer> answer(FixturePlan.Decision d, String name) {
    if (d.action() == FixturePlan.Action.MOVED) {
      HttpResponse moved = text(301, "moved to /" + MOVED + name + "\n").addHeader(Location.create("/" + MOVED + name));
      return CompletableFuture.completedFuture(Answer.of(moved));
    }
    if (d.action() == FixturePlan.Action.STATUS) {
      String body = d.status() == FixturePlan.INJECTED_STATUS ? "injected failure\n" : "fault injected: " + d.status() + "\n";
      return CompletableFuture.completedFuture(Answer.of(text(d.status(), body)));
    }
    return CompletableFuture.supplyAsync(() -> files.read(name), blocking)
        .thenApply(
            doc -> {
              if (doc.isEmpty()) {
                return Answer.of(text(404, "no " + name + " here\n"));
              }
              return d.action() == FixturePlan.Action.CUT ? new Answer(cut(doc.get()), 0) : Answer.of(forecast(doc.get()));
            });
  }

  private static HttpResponse forecast(byte[] doc) {
    return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, doc));
  }

  /** Promises the whole document, sends half, then fails: the connection breaks mid-answer. */
  private static HttpResponse cut(byte[] doc) {
    ByteString half = ByteString.fromArray(doc, 0, doc.length / 2);
    Source<ByteString, ?> data =
        Source.single(half).concat(Source.failed(new CutFault()));
    return HttpResponse.create().withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, doc.length, data));
  }

  /** The failure that breaks a connection on purpose: Pekko logs it in one line, no stack trace. */
  private static final class CutFault extends RuntimeException {
    CutFault() {
      super("fault injected: connection cut on purpose", null, false, false);
    }
  }

  private static HttpResponse text(int status, String body) {
    return HttpResponse.create().withStatus(StatusCodes.get(status)).withEntity(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, body));
  }
}
