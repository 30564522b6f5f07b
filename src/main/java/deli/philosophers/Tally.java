package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The count at the end of a dinner, spawned once the last meal is reported: asks every fork
 * and the footman what came back from the dead and what they refused, then the observer for
 * its verdict. Every philosopher put its forks down and left its seat before it reported, so
 * each fork and the footman answer after their last change, and every event they sent is with
 * the observer before it is asked.
 */
public final class Tally extends AbstractBehavior<Tally.Command> {

  public interface Command {}

  private record FromFork(Fork.State message) implements Command, Traced.Adapted {}

  private record FromFootman(Footman.State message) implements Command, Traced.Adapted {}

  private record FromObserver(TableCheck.Verdict message) implements Command, Traced.Adapted {}

  /**
   * What the forks, the footman and the observer said: forks and seats that came back from a
   * philosopher who died holding them, puts and releases refused, the longest queue at the
   * footman, and the observer's verdict ({@code null} when no one checked).
   */
  public record Counted(
      Trace trace, int forksReclaimed, int seatsReclaimed, int refused, int longestQueue, TableCheck.Verdict check)
      implements Traced {}

  private final ActorRef<Observer.Command> observer;
  private final int expectedServings;
  private final ActorRef<Counted> replyTo;
  private int pending;
  private int forksReclaimed;
  private int seatsReclaimed;
  private int refused;
  private int longestQueue;

  /**
   * @param footman {@code null} at the naive table
   * @param observer {@code null} when no one checks
   * @param expectedServings the servings each philosopher ate in; {@code -1} when continuous
   */
  public static Behavior<Command> create(
      List<ActorRef<Fork.Command>> forks,
      ActorRef<Footman.Command> footman,
      ActorRef<Observer.Command> observer,
      int expectedServings,
      ActorRef<Counted> replyTo) {
    return Behaviors.setup(ctx -> new Tally(ctx, forks, footman, observer, expectedServings, replyTo));
  }

  private Tally(
      ActorContext<Command> ctx,
      List<ActorRef<Fork.Command>> forks,
      ActorRef<Footman.Command> footman,
      ActorRef<Observer.Command> observer,
      int expectedServings,
      ActorRef<Counted> replyTo) {
    super(ctx);
    this.observer = observer;
    this.expectedServings = expectedServings;
    this.replyTo = replyTo;
    this.pending = forks.size() + (footman == null ? 0 : 1);
    Trace t = Trace.here();
    ActorRef<Fork.State> forkStates = ctx.messageAdapter(Fork.State.class, FromFork::new);
    forks.forEach(f -> f.tell(new Fork.Inspect(t, forkStates)));
    if (footman != null) {
      footman.tell(new Footman.Inspect(t, ctx.messageAdapter(Footman.State.class, FromFootman::new)));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromFork.class, this::onFork)
        .onMessage(FromFootman.class, this::onFootman)
        .onMessage(FromObserver.class, m -> done(m.message()))
        .build();
  }

  private Behavior<Command> onFork(FromFork m) {
    forksReclaimed += m.message().reclaimed();
    refused += m.message().refused();
    return counted();
  }

  private Behavior<Command> onFootman(FromFootman m) {
    seatsReclaimed += m.message().reclaimed();
    refused += m.message().refused();
    longestQueue = m.message().longestQueue();
    return counted();
  }

  private Behavior<Command> counted() {
    if (--pending > 0) {
      return Behaviors.same();
    }
    if (observer == null) {
      return done(null);
    }
    observer.tell(
        new Observer.Report(
            Trace.here(), expectedServings, getContext().messageAdapter(TableCheck.Verdict.class, FromObserver::new)));
    return Behaviors.same();
  }

  private Behavior<Command> done(TableCheck.Verdict verdict) {
    replyTo.tell(new Counted(Trace.here(), forksReclaimed, seatsReclaimed, refused, longestQueue, verdict));
    return Behaviors.stopped();
  }
}
