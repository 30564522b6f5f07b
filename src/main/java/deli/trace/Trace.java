package deli.trace;

import deli.core.CborSerializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace context a message carries: the id of the flow it belongs to and the actor (or
 * edge, such as {@code cli} or {@code http}) that sent it.
 *
 * <p>Inside an actor wrapped by {@link Tracing}, {@link #here()} is the context of the
 * message being handled, with this actor as sender: {@code new OrderTaken(Trace.here(), o)}.
 */
public record Trace(String id, String sender) implements CborSerializable {

  /** Starts a new flow at an edge: a fresh id, with the edge's name as sender. */
  public static Trace start(String edge) {
    return new Trace(newId(), edge);
  }

  /** Continues a flow whose id came from outside (an HTTP header, a flag). */
  public static Trace of(String id, String edge) {
    return new Trace(id, edge);
  }

  /**
   * The context of the message this actor is handling, with this actor as the sender; outside
   * a traced actor, a context with no id (so nothing breaks where tracing is not wired).
   */
  public static Trace here() {
    TraceContext c = TraceContext.CURRENT.get();
    if (!c.active()) {
      return new Trace("", null);
    }
    return c.here != null ? c.here : new Trace(c.traceId, c.self);
  }

  /** A 16-hex-digit id, like a W3C span id: short enough to type, unique enough per log. */
  public static String newId() {
    return String.format("%016x", ThreadLocalRandom.current().nextLong());
  }
}
