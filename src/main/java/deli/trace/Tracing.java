package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Wraps an actor's behavior so that every message it receives is written as a JSON line to
 * the trace log when tracing is on, makes {@link Trace#here()} available to the handler, and
 * puts the trace id, the actor path and the message type into the SLF4J MDC of whatever the
 * handler logs.
 *
 * <p>One interceptor does all of it instead of {@code Behaviors.withMdc} plus a second
 * interceptor: they need the same facts about the same message. The MDC is filled only when
 * something is logged ({@link TraceMdc}), which keeps tracing cheap on hot paths.
 */
public final class Tracing {
  static {
    TraceMdc.install();
  }

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
    return Behaviors.intercept(() -> new TraceInterceptor<>(messageClass, trace), behavior);
  }
}
