package deli.trace;

import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;

/**
 * The per-actor interceptor behind {@link Tracing}. Each message handled in a traced flow is a
 * span: the span of the handling that sent it is its parent, and its line in the trace log
 * carries when it was sent and when its handling began and ended. A message without a trace (a
 * timer tick, a private adapter message) belongs to the flow of the last traced message this
 * actor saw, under the span of that handling. The interceptor also keeps the actor's
 * {@link ActorMetrics} counters, traced or not.
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
  private String prefix; // this node's address, left out of its own actors' paths in trace lines
  private String selfInLines;
  private String lastTraceId;
  private boolean lastSampled;
  private String lastSpan; // the span of this actor's last traced handling: a timer's parent
  private Trace here; // this actor as sender in lastTraceId's flow: a message rarely changes it
  // Made at the first message rather than at start: an interceptor Pekko drops as a duplicate
  // before any message would otherwise stay registered forever.
  private ActorCounters counters;
  private long timedAt; // the tick of the last message timed
  // The thread this actor last ran on and that thread's context: an actor mostly runs on the
  // same thread message after message, and reading a field is cheaper than a ThreadLocal.
  private Thread ranOn;
  private TraceContext context;

  TraceInterceptor(Class<T> messageClass, Trace initial) {
    super(messageClass);
    this.actorClass = CLASS_NAMES.get(messageClass);
    this.lastTraceId = initial == null || initial.id() == null ? "" : initial.id();
    this.lastSampled = initial != null && initial.sampled();
    this.lastSpan = initial == null ? "" : initial.span();
  }

  @Override
  public Behavior<T> aroundStart(TypedActorContext<T> ctx, PreStartTarget<T> target) {
    self = TraceLog.pathOf(ctx.asJava().getSelf(), ctx.asJava().getSystem());
    node = TraceLog.nodeOf(ctx.asJava().getSystem());
    prefix = ctx.asJava().getSystem().address().toString();
    selfInLines = SpanLine.compact(self, prefix);
    TraceContext c = TraceContext.CURRENT.get();
    String prevId = c.traceId;
    String prevSelf = c.self;
    Object prevMessage = c.message;
    Trace prevHere = c.here;
    String prevSpan = c.span;
    // What the actor sends while it sets up hangs under the handling that spawned it.
    enter(c, null, TraceLog.traces(lastSampled) ? lastSpan : null);
    try {
      return target.start(ctx);
    } finally {
      leave(c, prevId, prevSelf, prevMessage, prevHere, prevSpan);
    }
  }

  @Override
  public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
    Trace t = msg instanceof Traced traced ? traced.trace() : null;
    if (t == null && TraceLog.enabled()) {
      t = TraceRender.wrappedTrace(msg);
    }
    String sender = null;
    long sent = 0;
    String parent = lastSpan;
    if (t != null) {
      if (t.id() != null && !t.id().isEmpty()) {
        lastTraceId = t.id();
        lastSampled = t.sampled();
      }
      sender = t.sender();
      sent = t.sent();
      parent = t.span();
    }
    ActorCounters k = counters;
    if (k == null) {
      k = counters = ActorMetrics.register(actorClass);
    }
    boolean traced = TraceLog.traces(lastSampled);
    // Timed when traced, or when the sender stamped it (so its wait is known too), else the
    // first message in each tick.
    long begin = 0;
    long tick = TraceClock.tick();
    if (traced || sent != 0 || tick != timedAt) {
      timedAt = tick;
      begin = TraceClock.now();
    }
    if (sent != 0) {
      k.waited(begin - sent);
    }
    String span = null;
    String type = null;
    boolean kept = false;
    if (traced) {
      TraceLog.handling();
      // The type is found on the writer's thread, unless a type filter must see it now.
      if (TraceLog.filtersTypes()) {
        type = TraceRender.typeOf(msg);
        kept = TraceLog.keeps(type);
      } else {
        kept = true;
      }
      // A message of a type left out passes its parent on: its children hang under the nearest
      // handling that is kept, so every parent in the log is there.
      span = kept ? Trace.newId() : parent;
    }
    // Inline rather than through a lambda: this runs for every message and allocates nothing
    // unless its flow is traced.
    TraceContext c = context;
    Thread thread = Thread.currentThread();
    if (thread != ranOn) {
      c = context = TraceContext.CURRENT.get();
      ranOn = thread;
    }
    String prevId = c.traceId;
    String prevSelf = c.self;
    Object prevMessage = c.message;
    Trace prevHere = c.here;
    String prevSpan = c.span;
    enter(c, msg, span);
    try {
      return target.apply(ctx, msg);
    } finally {
      leave(c, prevId, prevSelf, prevMessage, prevHere, prevSpan);
      long end = begin != 0 ? TraceClock.now() : 0;
      if (begin != 0) {
        k.handled(end - begin);
      } else {
        k.handled();
      }
      if (traced) {
        lastSpan = span;
        try {
          if (kept) {
            TraceLog.handled(new SpanLine(
                node, prefix, lastTraceId, span, parent, t == null ? null : sender, selfInLines, type, msg, sent, begin, end,
                TraceLog.filtersTypes()));
          }
        } finally {
          TraceLog.handlingDone();
        }
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
  private void enter(TraceContext c, Object msg, String span) {
    TraceMdc.clear(c);
    if (here == null || !here.id().equals(lastTraceId)) {
      here = new Trace(lastTraceId, self, "", 0, false);
    }
    c.traceId = lastTraceId;
    c.self = self;
    c.message = msg;
    c.here = here;
    c.span = span;
  }

  /** Puts back the thread's context as it was before. */
  private static void leave(
      TraceContext c, String prevId, String prevSelf, Object prevMessage, Trace prevHere, String prevSpan) {
    TraceMdc.clear(c);
    c.traceId = prevId;
    c.self = prevSelf;
    c.message = prevMessage;
    c.here = prevHere;
    c.span = prevSpan;
  }
}
