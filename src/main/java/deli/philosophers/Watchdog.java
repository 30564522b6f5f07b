package deli.philosophers;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One look for a deadlock, spawned by the dinner when no one has eaten for a while: it asks
 * every fork for its state, and when the wait-for graph has a cycle it asks again. Only a
 * cycle seen twice over the same unchanged forks counts: the forks answer one by one, and a
 * single round could stitch together moments that never coexisted; unchanged across two
 * rounds, each fork was in that state at the instant between them, a consistent snapshot.
 */
public final class Watchdog extends AbstractBehavior<Watchdog.Command> {

  public interface Command {}

  private record FromFork(Fork.State message) implements Command, Traced.Adapted {}

  private enum Timeout implements Command {
    INSTANCE
  }

  /** What the watchdog found. */
  public sealed interface Verdict extends Traced {}

  /** A deadlock: the wait-for cycle, and every fork's state. */
  public record Deadlock(Trace trace, List<WaitFor.Link> cycle, List<Fork.State> forks) implements Verdict {
    public Deadlock {
      cycle = List.copyOf(cycle);
      forks = List.copyOf(forks);
    }
  }

  public record NoDeadlock(Trace trace) implements Verdict {}

  private final List<ActorRef<Fork.Command>> forks;
  private final ActorRef<Verdict> replyTo;
  private final ActorRef<Fork.State> replies;
  private final Fork.State[] states;
  private List<Fork.State> first;
  private int answered;

  /** @param timeout forks that do not all answer within it: no verdict of deadlock */
  public static Behavior<Command> create(List<ActorRef<Fork.Command>> forks, Duration timeout, ActorRef<Verdict> replyTo) {
    return Timed.setup(Watchdog.class, (ctx, timers) -> new Watchdog(ctx, timers, List.copyOf(forks), timeout, replyTo));
  }

  private Watchdog(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      List<ActorRef<Fork.Command>> forks,
      Duration timeout,
      ActorRef<Verdict> replyTo) {
    super(ctx);
    this.forks = forks;
    this.replyTo = replyTo;
    this.replies = ctx.messageAdapter(Fork.State.class, FromFork::new);
    this.states = new Fork.State[forks.size()];
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
    askAll();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromFork.class, this::onState)
        .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
        .build();
  }

  private void askAll() {
    answered = 0;
    Trace t = Trace.here();
    forks.forEach(f -> f.tell(new Fork.Inspect(t, replies)));
  }

  private Behavior<Command> onState(FromFork m) {
    states[m.message().fork()] = m.message();
    if (++answered < forks.size()) {
      return Behaviors.same();
    }
    List<Fork.State> round = new ArrayList<>(List.of(states));
    List<WaitFor.Link> cycle = WaitFor.cycle(round, forks.size());
    if (cycle.isEmpty()) {
      replyTo.tell(new NoDeadlock(Trace.here()));
      return Behaviors.stopped();
    }
    if (first == null) {
      first = round;
      askAll();
      return Behaviors.same();
    }
    if (!sameState(first, round)) {
      replyTo.tell(new NoDeadlock(Trace.here()));
      return Behaviors.stopped();
    }
    replyTo.tell(new Deadlock(Trace.here(), cycle, round));
    return Behaviors.stopped();
  }

  private static boolean sameState(List<Fork.State> a, List<Fork.State> b) {
    for (int i = 0; i < a.size(); i++) {
      Fork.State x = a.get(i);
      Fork.State y = b.get(i);
      if (x.holder() != y.holder() || x.changes() != y.changes() || !x.waiters().equals(y.waiters())) {
        return false;
      }
    }
    return true;
  }

  private Behavior<Command> onTimeout() {
    replyTo.tell(new NoDeadlock(Trace.here()));
    return Behaviors.stopped();
  }
}
