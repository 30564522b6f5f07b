package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;

/**
 * The per-actor interceptor behind {@link Tracing}. A message without a trace (a timer tick,
 * a private adapter message) belongs to the flow of the last traced message this actor saw.
 * It also keeps the actor's {@link ActorMetrics} counters, traced or not.
 */
final class TraceInterceptor<T> extends BehaviorInterceptor<T, T> {
  private static final ClassValue<String> CLASS_NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          return ActorMetrics.classOf(type);
        }
      };

  private final String actorClass;
  private String self;
  private String node;
  private String lastTraceId;
  private Trace here; // this actor as sender in lastTraceId's flow: a message rarely changes it
  // Made at the first message rather than at start: an interceptor Pekko drops as a duplicate
  // before any message would otherwise stay registered forever.
  private ActorCounters counters;
  private long timedAt; // the tick of the last message timed

  TraceInterceptor(Class<T> messageClass, String initialTraceId) {
    super(messageClass);
    this.actorClass = CLASS_NAMES.get(messageClass);
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
    long sent = 0;
    if (msg instanceof Traced traced) {
      Trace t = traced.trace();
      if (t != null) {
        if (t.id() != null && !t.id().isEmpty()) {
          lastTraceId = t.id();
        }
        sender = t.sender();
        sent = t.sent();
      }
    }
    ActorCounters k = counters;
    if (k == null) {
      k = counters = ActorMetrics.register(actorClass);
    }
    // Timed when the sender stamped it (so its wait is known too), else the first in each tick.
    long begin = 0;
    long tick = TraceClock.tick();
    if (sent != 0 || tick != timedAt) {
      timedAt = tick;
      begin = TraceClock.now();
    }
    if (sent != 0) {
      k.waited(begin - sent);
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
      if (begin != 0) {
        k.handled(TraceClock.now() - begin);
      } else {
        k.handled();
      }
    }
  }

  @Override
  public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
    try {
      return target.apply(ctx, signal);
    } finally {
      // A restart starts a fresh interceptor with fresh counters; this one's count stays with the class.
      if ((signal instanceof PostStop || signal instanceof PreRestart) && counters != null) {
        ActorMetrics.retire(counters);
        counters = null;
      }
    }
  }

  /** Puts this actor's context on the thread while it handles {@code msg}. */
  private void enter(TraceContext c, Object msg) {
    TraceMdc.clear(c);
    if (here == null || !here.id().equals(lastTraceId)) {
      here = new Trace(lastTraceId, self, "", 0, TraceLog.enabled());
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
