package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Watches the table: the actors that own a piece of state tell it of every change (the footman
 * of seats, each fork of its holder, each philosopher of its eating), and it checks the rules
 * with a {@link TableCheck}. The events of one actor arrive in the order it sent them, and an
 * event that caused another (a fork put down, then taken by the neighbour) arrives first: a
 * local tell enqueues before it returns, so the order the observer sees is causal.
 */
public final class Observer extends AbstractBehavior<Observer.Command> {

  public interface Command {}

  /** A change of state at the table. */
  public sealed interface Event extends Command, Traced {}

  /** The footman gave {@code philosopher} a seat. */
  public record SeatGranted(Trace trace, int philosopher) implements Event {}

  /** A seat came back: given back, or {@code reclaimed} from a philosopher who died. */
  public record SeatReleased(Trace trace, int philosopher, boolean reclaimed) implements Event {}

  public record ForkTaken(Trace trace, int fork, int philosopher) implements Event {}

  /** A fork was put down, or {@code reclaimed} from a holder who died. */
  public record ForkPut(Trace trace, int fork, int philosopher, boolean reclaimed) implements Event {}

  /** {@code philosopher} starts eating its meal of {@code serving} (its n-th meal when continuous). */
  public record EatingStarted(Trace trace, int philosopher, int serving) implements Event {}

  public record EatingStopped(Trace trace, int philosopher) implements Event {}

  /** A put or a release refused: from someone who did not hold the fork or the seat. */
  public record ProtocolError(Trace trace, String what) implements Event {}

  /** Asks for the verdict so far; send it once every actor has said its last. */
  public record Report(Trace trace, int expectedServings, ActorRef<TableCheck.Verdict> replyTo)
      implements Command, Traced {}

  private final TableCheck check;

  public static Behavior<Command> create(int faculty, int seats) {
    return Behaviors.setup(ctx -> new Observer(ctx, faculty, seats));
  }

  private Observer(ActorContext<Command> ctx, int faculty, int seats) {
    super(ctx);
    this.check = new TableCheck(faculty, seats);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Event.class, this::onEvent)
        .onMessage(Report.class, this::onReport)
        .build();
  }

  private Behavior<Command> onEvent(Event e) {
    check.apply(e);
    return Behaviors.same();
  }

  private Behavior<Command> onReport(Report r) {
    r.replyTo().tell(check.verdict(Trace.here(), r.expectedServings()));
    return Behaviors.same();
  }
}
