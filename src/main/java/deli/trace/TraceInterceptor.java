package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;

/**
 * The per-actor interceptor behind {@link Tracing}. A message without a trace (a timer tick,
 * a private adapter message) belongs to the flow of the last traced message this actor saw.
 */
final class TraceInterceptor<T> extends BehaviorInterceptor<T, T> {
  private String self;
  private String node;
  private String lastTraceId;
  private Trace here; // this actor as sender in lastTraceId's flow: a message rarely changes it

  TraceInterceptor(Class<T> messageClass, String initialTraceId) {
    super(messageClass);
    this.lastTraceId = initialTraceId;
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    self = TraceLog.pathOf(ctx.asJava().getSelf(), ctx.asJava().getSystem());
    node = TraceLog.nodeOf(ctx.asJava().getSystem());
    TraceContext c = TraceContext.CURRENT.get();
    String prevId = c.traceId;
    String prevSelf = c.self;
    Object prevMessage = c.message;
    Trace prevHere = c.here;
    enter(c, null);
    try {
      return target.start(ctx);
    } finally {
      leave(c, prevId, prevSelf, prevMessage, prevHere);
    }
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    String sender = null;
    if (msg instanceof Traced traced) {
      Trace t = traced.trace();
      if (t != null) {
        if (t.id() != null && !t.id().isEmpty()) {
          lastTraceId = t.id();
        }
        sender = t.sender();
      }
    }
    if (TraceLog.enabled()) {
      TraceLog.received(node, lastTraceId, sender, self, TraceLog.typeOf(msg), msg);
    }
    // Inline rather than through a lambda: this runs for every message and allocates nothing.
    TraceContext c = TraceContext.CURRENT.get();
    String prevId = c.traceId;
    String prevSelf = c.self;
    Object prevMessage = c.message;
    Trace prevHere = c.here;
    enter(c, msg);
    try {
      return target.apply(ctx, msg);
    } finally {
      leave(c, prevId, prevSelf, prevMessage, prevHere);
    }
  }

  /** Puts this actor's context on the thread while it handles {@code msg}. */
  private void enter(TraceContext c, Object msg) {
    TraceMdc.clear(c);
    if (here == null || !here.id().equals(lastTraceId)) {
      here = new Trace(lastTraceId, self);
    }
    c.traceId = lastTraceId;
    c.self = self;
    c.message = msg;
    c.here = here;
  }

  /** Puts back the thread's context as it was before. */
  private static void leave(TraceContext c, String prevId, String prevSelf, Object prevMessage, Trace prevHere) {
    TraceMdc.clear(c);
    c.traceId = prevId;
    c.self = prevSelf;
    c.message = prevMessage;
    c.here = prevHere;
  }
}
