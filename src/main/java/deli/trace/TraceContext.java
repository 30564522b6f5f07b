package deli.trace;

/**
 * What the tracing interceptor knows about the message this thread is handling: one mutable
 * object per thread, filled in and emptied around each message, so the hot path allocates
 * nothing and touches the MDC only when something is actually logged (see {@link TraceMdc}).
 */
final class TraceContext {
  static final ThreadLocal<TraceContext> CURRENT = ThreadLocal.withInitial(TraceContext::new);

  String traceId;
  String self;
  Object message;
  boolean mdcSet;
  /** {@code Trace(traceId, self)}, made once per actor and flow rather than per message. */
  Trace here;
  /** The tick of this thread's last send stamped with its time: one per tick is. */
  long stampedAt;

  boolean active() {
    return self != null;
  }
}
