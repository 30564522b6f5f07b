package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * When the naive table's dinner should send a {@link Watchdog}: once no one has eaten, and no
 * look has found the table merely slow, for {@code deadlock-after}; one watchdog at a time.
 * The dinner's clock for it, apart from its messages.
 */
final class DeadlockWatch {
  private static final Duration WATCHDOG_TIMEOUT = Duration.ofSeconds(5);

  private long lastMeal;
  private long lastLook;
  private boolean watching;
  private int looks;

  DeadlockWatch(long start) {
    this.lastMeal = start;
    this.lastLook = start;
  }

  void ate() {
    lastMeal = System.nanoTime();
  }

  long lastMeal() {
    return lastMeal;
  }

  /** Whether to send a watchdog now; if so, one is counted as out. */
  boolean due(Duration quiet) {
    long idle = System.nanoTime() - Math.max(lastMeal, lastLook);
    if (watching || idle < quiet.toNanos()) {
      return false;
    }
    watching = true;
    looks++;
    return true;
  }

  /** The watchdog found no deadlock: the next look only after another quiet spell. */
  void looked() {
    watching = false;
    lastLook = System.nanoTime();
  }

  /** Sends the watchdog {@link #due} asked for, a child of the dinner named by its number. */
  void send(ActorContext<?> ctx, Trace trace, List<ActorRef<Fork.Command>> forks, ActorRef<Watchdog.Verdict> replyTo) {
    ctx.spawn(
        Tracing.traced(Watchdog.Command.class, trace, Watchdog.create(forks, WATCHDOG_TIMEOUT, replyTo)),
        "watchdog-" + looks,
        DispatcherSelector.sameAsParent());
  }
}
