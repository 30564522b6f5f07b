package deli.http;

import deli.core.Failures;
import deli.core.Session;
import deli.trace.Trace;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * What every route shares at the edge: the flow's trace id ({@code X-Trace-Id} in, or a new
 * one; always echoed back), and asking an actor with the configured timeout, a late answer
 * becoming 503 with a JSON error.
 */
public final class Edge {
  public static final String TRACE_HEADER = "X-Trace-Id";
  private static final Pattern TRACE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final ActorSystem<?> system;
  private final Json json;
  private final Duration askTimeout;

  public Edge(ActorSystem<?> system, Json json, Duration askTimeout) {
    this.system = system;
    this.json = json;
    this.askTimeout = askTimeout;
  }

  public Json json() {
    return json;
  }

  /** Runs {@code inner} with the request's trace, echoing its id in the response. */
  public Route traced(Function<Trace, Route> inner) {
    return Directives.optionalHeaderValueByName(
        TRACE_HEADER,
        given -> {
          Trace trace =
              given.filter(id -> TRACE_ID.matcher(id).matches()).map(id -> Trace.of(id, "http")).orElseGet(() -> Trace.start("http"));
          return Directives.respondWithHeader(RawHeader.create(TRACE_HEADER, trace.id()), () -> inner.apply(trace));
        });
  }

  /** Asks {@code target} and answers 200 with {@code toJson} of the reply. */
  public <Req, Res> Route ask(
      ActorRef<Req> target, Function<ActorRef<Res>, Req> request, Function<Res, Object> toJson) {
    return askThen(target, request, reply -> json.ok(toJson.apply(reply)));
  }

  /** Asks {@code target} and answers with {@code complete} of the reply (which picks the status). */
  public <Req, Res> Route askThen(
      ActorRef<Req> target, Function<ActorRef<Res>, Req> request, Function<Res, Route> complete) {
    CompletionStage<Res> reply = AskPattern.ask(target, request::apply, askTimeout, system.scheduler());
    return Directives.onComplete(
        reply,
        result -> {
          if (result.isSuccess()) {
            return complete.apply(result.get());
          }
          Throwable failure = result.failed().get();
          if (failure instanceof TimeoutException) {
            return json.error(StatusCodes.SERVICE_UNAVAILABLE, "no answer within " + askTimeout.toMillis() + " ms");
          }
          return json.error(StatusCodes.INTERNAL_SERVER_ERROR, Failures.describe(failure));
        });
  }
}
