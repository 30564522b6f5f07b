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

  /** How often the dinner asks whether a watchdog is {@link #due}: a few times per quiet spell. */
  static Duration every(Duration deadlockAfter) {
    Duration every = deadlockAfter.dividedBy(4);
    return every.toMillis() < 10 ? Duration.ofMillis(10) : every;
  }

  /** The dinner's watch tick: sends a watchdog to the forks when one is {@link #due}. */
  void tick(
      ActorContext<?> ctx, Trace trace, Duration quiet, List<ActorRef<Fork.Command>> forks, ActorRef<Watchdog.Verdict> replyTo) {
    if (due(quiet)) {
      send(ctx, trace, forks, replyTo);
    }
  }

  /** What the dinner tells of the deadlock {@code d} a watchdog found, {@code served} servings in. */
  DinnerEvent.Deadlocked deadlocked(Watchdog.Deadlock d, int faculty, long meals, int served) {
    return new DinnerEvent.Deadlocked(Trace.here(), faculty, meals, served, System.nanoTime() - lastMeal, d.cycle());
  }

  /** Sends the watchdog {@link #due} asked for, a child of the dinner named by its number. */
  void send(ActorContext<?> ctx, Trace trace, List<ActorRef<Fork.Command>> forks, ActorRef<Watchdog.Verdict> replyTo) {
    ctx.spawn(
        Tracing.traced(Watchdog.Command.class, trace, Watchdog.create(forks, WATCHDOG_TIMEOUT, replyTo)),
        "watchdog-" + looks,
        DispatcherSelector.sameAsParent());
  }
}
