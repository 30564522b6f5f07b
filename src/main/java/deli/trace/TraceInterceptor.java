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

  TraceInterceptor(Class<T> messageClass, String initialTraceId) {
    super(messageClass);
    this.lastTraceId = initialTraceId;
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    self = TraceLog.pathOf(ctx.asJava().getSelf(), ctx.asJava().getSystem());
    node = TraceLog.nodeOf(ctx.asJava().getSystem());
    return within(null, () -> target.start(ctx));
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
    return within(msg, () -> target.apply(ctx, msg));
  }

  /** Runs {@code body} with this actor's context on the thread, restoring the one before. */
  private Behavior<T> within(Object msg, java.util.function.Supplier<Behavior<T>> body) {
    TraceContext c = TraceContext.CURRENT.get();
    String prevId = c.traceId;
    String prevSelf = c.self;
    Object prevMessage = c.message;
    TraceMdc.clear(c);
    c.traceId = lastTraceId;
    c.self = self;
    c.message = msg;
    try {
      return body.get();
    } finally {
      TraceMdc.clear(c);
      c.traceId = prevId;
      c.self = prevSelf;
      c.message = prevMessage;
    }
  }
}
