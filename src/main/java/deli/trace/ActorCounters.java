package deli.trace;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One actor's counters, written only by that actor (one message at a time, so no lock and no
 * atomic add) and read now and then by {@link ActorMetrics#snapshot()}. Writes are opaque: as
 * cheap as plain stores, yet never torn and eventually seen by the reader.
 */
final class ActorCounters {
  private static final VarHandle HANDLED;
  private static final VarHandle WAITED;
  private static final VarHandle WAIT_NANOS;
  private static final VarHandle MAX_WAIT_NANOS;
  private static final VarHandle TIMED;
  private static final VarHandle HANDLING_NANOS;
  private static final VarHandle MAX_HANDLING_NANOS;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      HANDLED = l.findVarHandle(ActorCounters.class, "handled", long.class);
      WAITED = l.findVarHandle(ActorCounters.class, "waited", long.class);
      WAIT_NANOS = l.findVarHandle(ActorCounters.class, "waitNanos", long.class);
      MAX_WAIT_NANOS = l.findVarHandle(ActorCounters.class, "maxWaitNanos", long.class);
      TIMED = l.findVarHandle(ActorCounters.class, "timed", long.class);
      HANDLING_NANOS = l.findVarHandle(ActorCounters.class, "handlingNanos", long.class);
      MAX_HANDLING_NANOS = l.findVarHandle(ActorCounters.class, "maxHandlingNanos", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final ActorMetrics.ClassCounters owner;
  private long handled;
  private long waited;
  private long waitNanos;
  private long maxWaitNanos;
  private long timed;
  private long handlingNanos;
  private long maxHandlingNanos;

  ActorCounters(ActorMetrics.ClassCounters owner) {
    this.owner = owner;
  }

  /** One more message handled, untimed. */
  void handled() {
    HANDLED.setOpaque(this, handled + 1);
  }

  /** One more message handled, whose handling took {@code nanos}. */
  void handled(long nanos) {
    HANDLED.setOpaque(this, handled + 1);
    TIMED.setOpaque(this, timed + 1);
    HANDLING_NANOS.setOpaque(this, handlingNanos + nanos);
    if (nanos > maxHandlingNanos) {
      MAX_HANDLING_NANOS.setOpaque(this, nanos);
    }
  }

  /** A message that waited {@code nanos} in the mailbox (negative, from a skewed clock: none). */
  void waited(long nanos) {
    long n = Math.max(0, nanos);
    WAITED.setOpaque(this, waited + 1);
    WAIT_NANOS.setOpaque(this, waitNanos + n);
    if (n > maxWaitNanos) {
      MAX_WAIT_NANOS.setOpaque(this, n);
    }
  }

  /** Adds what this actor counted to {@code into}: {handled, waited, waitNanos, maxWait, timed, handlingNanos, maxHandling}. */
  void addTo(long[] into) {
    into[0] += (long) HANDLED.getOpaque(this);
    into[1] += (long) WAITED.getOpaque(this);
    into[2] += (long) WAIT_NANOS.getOpaque(this);
    into[3] = Math.max(into[3], (long) MAX_WAIT_NANOS.getOpaque(this));
    into[4] += (long) TIMED.getOpaque(this);
    into[5] += (long) HANDLING_NANOS.getOpaque(this);
    into[6] = Math.max(into[6], (long) MAX_HANDLING_NANOS.getOpaque(this));
  }
}
