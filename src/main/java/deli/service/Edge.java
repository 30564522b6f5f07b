package deli.service;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.TraceLog;
import deli.trace.Traceparent;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

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
  private final Admission admission;
  private final Duration retryAfter;

  public Edge(ActorSystem<?> system, Json json, Duration askTimeout, Admission admission, Duration retryAfter) {
    this.system = system;
    this.json = json;
    this.askTimeout = askTimeout;
    this.admission = admission;
    this.retryAfter = retryAfter;
  }

  public Json json() {
    return json;
  }

  /**
   * Runs {@code inner} with the request's trace, echoing its id in the response. A W3C
   * {@code traceparent} puts the request under the caller's span; the request is a span of its
   * own (the parent of what its actors handle), said back in the response's {@code traceparent}.
   */
  public Route traced(Function<Trace, Route> inner) {
    return Directives.optionalHeaderValueByName(Traceparent.HEADER, w3c -> Directives.optionalHeaderValueByName(
        TRACE_HEADER,
        given -> Directives.extractRequest(request -> {
          long begin = TraceLog.now();
          String span = Trace.newId();
          Optional<Traceparent> caller = w3c.flatMap(Traceparent::parse);
          Trace trace = caller
              .map(p -> Trace.of(p.traceId(), "http", span, p.sampled()))
              .orElseGet(() -> given.filter(id -> TRACE_ID.matcher(id).matches())
                  .map(id -> Trace.of(id, "http"))
                  .orElseGet(() -> Trace.start("http"))
                  .from("http", span));
          String parent = caller.map(Traceparent::spanId).orElse("");
          String name = request.method().name() + " " + request.getUri().path();
          List<HttpHeader> headers = new ArrayList<>();
          headers.add(RawHeader.create(TRACE_HEADER, trace.id()));
          Traceparent.of(trace).ifPresent(h -> headers.add(RawHeader.create(Traceparent.HEADER, h)));
          return Directives.respondWithHeaders(headers, () -> Directives.mapResponse(
              response -> {
                TraceLog.request(TraceLog.nodeOf(system), trace, parent, name, begin, TraceLog.now());
                return response;
              },
              () -> inner.apply(trace)));
        })));
  }

  /** {@code POST /path}: {@code handle} gets the request's trace and its body as text. */
  public Route post(String path, BiFunction<Trace, String, Route> handle) {
    return Directives.path(
        path,
        () ->
            Directives.post(
                () -> Directives.entity(Unmarshaller.entityToString(), body -> traced(trace -> handle.apply(trace, body)))));
  }

  /** Asks {@code target} and answers 200 with {@code toJson} of the reply. */
  public <Req, Res> Route ask(
      ActorRef<Req> target, Function<ActorRef<Res>, Req> request, Function<Res, Object> toJson) {
    return askThen(target, request, reply -> json.ok(toJson.apply(reply)));
  }

  /** Asks {@code target} and answers with {@code complete} of the reply (which picks the status). */
  public <Req, Res> Route askThen(
      ActorRef<Req> target, Function<ActorRef<Res>, Req> request, Function<Res, Route> complete) {
    return answer(AskPattern.ask(target, request::apply, askTimeout, system.scheduler()), complete);
  }

  /**
   * Asks {@code target} for a {@link StatusReply} and answers 200 with {@code toJson} of a success;
   * an error reply is a 500 with its message, at once.
   */
  public <Req, Res> Route askWithStatus(
      ActorRef<Req> target, Function<ActorRef<StatusReply<Res>>, Req> request, Function<Res, Object> toJson) {
    return answer(
        AskPattern.askWithStatus(target, request::apply, askTimeout, system.scheduler()), reply -> json.ok(toJson.apply(reply)));
  }

  /**
   * Asks {@code target} for a {@link StatusReply} as {@link #askWithStatus} does, once admission
   * has room for {@code cost} units of {@code service}'s work.
   */
  public <Req, Res> Route askWithStatus(
      String service, long cost, ActorRef<Req> target, Function<ActorRef<StatusReply<Res>>, Req> request, Function<Res, Object> toJson) {
    return admitted(
        service,
        cost,
        () -> AskPattern.askWithStatus(target, request::apply, askTimeout, system.scheduler()),
        reply -> json.ok(toJson.apply(reply)));
  }

  /**
   * Runs {@code work} if the node has room for {@code cost} units of {@code service}'s work, and
   * answers {@code complete} of its result; the room is held until then. Without room: 429 with
   * {@code Retry-After}, at once. A request larger than the node ever takes at once: 413. A node
   * cut off from most of its cluster takes no work: 503 ({@link Quorum}).
   */
  public <T> Route admitted(String service, long cost, Supplier<CompletionStage<T>> work, Function<T, Route> complete) {
    String cutOff = Quorum.cutOff(system);
    if (cutOff != null) {
      return json.error(StatusCodes.SERVICE_UNAVAILABLE, cutOff);
    }
    long largest = admission.largest(service);
    if (cost > largest) {
      return json.error(
          StatusCodes.PAYLOAD_TOO_LARGE,
          "this asks for " + cost + " units of " + service + " work; the node takes at most " + largest
              + " at once (deli.http.admission)");
    }
    Optional<Admission.Ticket> ticket = admission.admit(service, cost);
    if (ticket.isEmpty()) {
      return Directives.respondWithHeader(
          RetryAfter.create(Math.max(1, retryAfter.toSeconds())),
          () ->
              json.error(
                  StatusCodes.TOO_MANY_REQUESTS,
                  "the node is busy: it holds " + admission.held(service) + " units of " + service + " work and "
                      + admission.heldTotal() + " in all; try again later"));
    }
    CompletionStage<T> reply;
    try {
      reply = work.get();
    } catch (RuntimeException e) {
      ticket.get().release();
      throw e;
    }
    reply.whenComplete((r, failure) -> ticket.get().release());
    return answer(reply, complete);
  }

  private <Res> Route answer(CompletionStage<Res> reply, Function<Res, Route> complete) {
    return Directives.onComplete(
        reply,
        result -> {
          if (result.isSuccess()) {
            return complete.apply(result.get());
          }
          Throwable failure = result.failed().get();
          if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
          }
          if (failure instanceof TimeoutException) {
            return json.error(StatusCodes.SERVICE_UNAVAILABLE, "no answer within " + askTimeout.toMillis() + " ms");
          }
          if (failure instanceof StatusReply.ErrorMessage error) {
            return json.error(StatusCodes.INTERNAL_SERVER_ERROR, error.getMessage());
          }
          return json.error(StatusCodes.INTERNAL_SERVER_ERROR, Failures.describe(failure));
        });
  }
}
