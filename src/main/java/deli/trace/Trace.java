package deli.trace;

import deli.core.CborSerializable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trace context a message carries: the id of the flow it belongs to, the actor (or edge,
 * such as {@code cli} or {@code http}) that sent it, the span of the handling that sent it, when
 * it was sent, and whether its flow is traced.
 *
 * <p>Inside an actor wrapped by {@link Tracing}, {@link #here()} is the context of the
 * message being handled, with this actor as sender: {@code new OrderTaken(Trace.here(), o)}.
 *
 * @param id the flow's trace id (32 hex digits, W3C Trace Context; older logs have 16)
 * @param sender the sending actor's path, or the edge's name
 * @param span the sending handling's span id (16 hex digits), or empty at a flow's root
 * @param sent when it was sent, in nanoseconds since the epoch, or 0 when not stamped
 * @param sampled whether this flow's messages are written to the trace log
 */
public record Trace(String id, String sender, String span, long sent, boolean sampled) implements CborSerializable {

  /** Starts a new flow at an edge: a fresh id, with the edge's name as sender. */
  public static Trace start(String edge) {
    return new Trace(newTraceId(), edge, "", 0, TraceLog.enabled());
  }

  /** Continues a flow whose id came from outside (an HTTP header, a flag). */
  public static Trace of(String id, String edge) {
    return new Trace(id, edge, "", 0, TraceLog.enabled());
  }

  /**
   * The context of the message this actor is handling, with this actor as the sender; outside
   * a traced actor, a context with no id (so nothing breaks where tracing is not wired).
   */
  public static Trace here() {
    TraceContext c = TraceContext.CURRENT.get();
    if (!c.active()) {
      return new Trace("", null, "", 0, false);
    }
    Trace h = c.here != null ? c.here : new Trace(c.traceId, c.self, "", 0, false);
    long tick = TraceClock.tick();
    if (tick != c.stampedAt) {
      c.stampedAt = tick;
      return h.sentAt(TraceClock.now());
    }
    return h;
  }

  /** This context, stamped as sent at {@code epochNanos}. */
  Trace sentAt(long epochNanos) {
    return new Trace(id, sender, span, epochNanos, sampled);
  }

  /** A 32-hex-digit trace id, as W3C Trace Context has them. */
  public static String newTraceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return hex16(r.nextLong()) + hex16(r.nextLong());
  }

  /** A 16-hex-digit id, like a W3C span id: short enough to type, unique enough per log. */
  public static String newId() {
    return hex16(ThreadLocalRandom.current().nextLong());
  }

  private static String hex16(long v) {
    String s = Long.toHexString(v);
    return s.length() == 16 ? s : "0".repeat(16 - s.length()) + s;
  }
}
