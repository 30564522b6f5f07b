package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.slf4j.MDC;

/**
 * The per-actor interceptor behind {@link Tracing}. A message without a trace (a timer tick,
 * a private adapter message) belongs to the flow of the last traced message this actor saw.
 */
final class TraceInterceptor<T> extends BehaviorInterceptor<T, T> {
  static final String MDC_TRACE_ID = "traceId";
  static final String MDC_ACTOR = "actor";
  static final String MDC_MESSAGE = "messageType";

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
    Trace.CURRENT.set(new Trace(lastTraceId, self));
    MDC.put(MDC_TRACE_ID, lastTraceId);
    MDC.put(MDC_ACTOR, self);
    try {
      return target.start(ctx);
    } finally {
      Trace.CURRENT.remove();
      MDC.remove(MDC_TRACE_ID);
      MDC.remove(MDC_ACTOR);
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
    String type = TraceLog.typeOf(msg);
    Trace.CURRENT.set(new Trace(lastTraceId, self));
    MDC.put(MDC_TRACE_ID, lastTraceId);
    MDC.put(MDC_ACTOR, self);
    MDC.put(MDC_MESSAGE, type);
    try {
      if (TraceLog.enabled()) {
        TraceLog.received(node, lastTraceId, sender, self, type, msg);
      }
      return target.apply(ctx, msg);
    } finally {
      Trace.CURRENT.remove();
      MDC.remove(MDC_TRACE_ID);
      MDC.remove(MDC_ACTOR);
      MDC.remove(MDC_MESSAGE);
    }
  }
}
