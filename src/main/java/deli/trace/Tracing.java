package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wraps an actor's behavior so that every message it receives puts the trace id, the actor
 * path and the message type into the SLF4J MDC, is written as a JSON line to the trace log
 * when tracing is on, and makes {@link Trace#here()} available to the handler.
 *
 * <p>One interceptor does all three instead of {@code Behaviors.withMdc} plus a second
 * interceptor: the MDC, the trace line and the current context all need the same facts
 * about the same message, and one wrapper per actor keeps the hot path to one call.
 */
public final class Tracing {
  private Tracing() {}

  /** {@code behavior}, traced, for a long-lived actor that serves many flows. */
  public static <T> Behavior<T> traced(Class<T> messageClass, Behavior<T> behavior) {
    return traced(messageClass, null, behavior);
  }

  /**
   * {@code behavior}, traced, for an actor spawned for one flow: {@link Trace#here()} already
   * holds {@code trace}'s id while it sets up, and untraced messages (timers) belong to it.
   */
  public static <T> Behavior<T> traced(Class<T> messageClass, Trace trace, Behavior<T> behavior) {
    String initial = trace == null || trace.id() == null ? "" : trace.id();
    return Behaviors.intercept(() -> new TraceInterceptor<>(messageClass, initial), behavior);
  }
}
