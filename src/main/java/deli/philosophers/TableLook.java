package deli.philosophers;

import deli.core.Timed;
import deli.trace.Trace;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One look at the table for the live page, a short-lived child of the dinner: it asks each
 * philosopher what it is doing, each fork who holds it and who waits, and the footman who sits,
 * then tells the dinner what it saw and stops. A look costs one question and one answer per
 * actor, whatever the dinner's pace; the answers come one by one, so a look is a sample of
 * moments close together, not an instant.
 */
public final class TableLook extends AbstractBehavior<TableLook.Command> {

  public interface Command {}

  /** What the look saw, by id; an entry is null where no answer came within the timeout. */
  public record Seen(List<Philosopher.Doing> doing, List<Fork.State> forks, Footman.State footman) {}

  private record FromPhilosopher(Philosopher.Doing doing) implements Command {}

  private record FromFork(Fork.State state) implements Command {}

  private record FromFootman(Footman.State state) implements Command {}

  private enum Timeout implements Command {
    INSTANCE
  }

  private final ActorRef<Seen> replyTo;
  private final Philosopher.Doing[] doing;
  private final Fork.State[] forks;
  private Footman.State footman;
  private int waiting;

  /** @param footman null at the naive table */
  public static Behavior<Command> create(
      List<ActorRef<Philosopher.Command>> philosophers,
      List<ActorRef<Fork.Command>> forks,
      ActorRef<Footman.Command> footman,
      Duration timeout,
      ActorRef<Seen> replyTo) {
    return Timed.setup(TableLook.class, (ctx, timers) -> {
                  timers.startSingleTimer(Timeout.INSTANCE, timeout);
                  return new TableLook(ctx, philosophers, forks, footman, replyTo);
                });
  }

  private TableLook(
      ActorContext<Command> ctx,
      List<ActorRef<Philosopher.Command>> philosophers,
      List<ActorRef<Fork.Command>> forks,
      ActorRef<Footman.Command> footman,
      ActorRef<Seen> replyTo) {
    super(ctx);
    this.replyTo = replyTo;
    this.doing = new Philosopher.Doing[philosophers.size()];
    this.forks = new Fork.State[forks.size()];
    ActorRef<Philosopher.Doing> fromPhilosophers = ctx.messageAdapter(Philosopher.Doing.class, FromPhilosopher::new);
    ActorRef<Fork.State> fromForks = ctx.messageAdapter(Fork.State.class, FromFork::new);
    philosophers.forEach(p -> p.tell(new Philosopher.Look(fromPhilosophers)));
    forks.forEach(f -> f.tell(new Fork.Inspect(Trace.here(), fromForks)));
    waiting = philosophers.size() + forks.size();
    if (footman != null) {
      footman.tell(new Footman.Inspect(Trace.here(), ctx.messageAdapter(Footman.State.class, FromFootman::new)));
      waiting++;
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromPhilosopher.class, this::onPhilosopher)
        .onMessage(FromFork.class, this::onFork)
        .onMessage(FromFootman.class, this::onFootman)
        .onMessageEquals(Timeout.INSTANCE, this::tell)
        .build();
  }

  private Behavior<Command> onPhilosopher(FromPhilosopher m) {
    doing[m.doing().philosopher()] = m.doing();
    return heard();
  }

  private Behavior<Command> onFork(FromFork m) {
    forks[m.state().fork()] = m.state();
    return heard();
  }

  private Behavior<Command> onFootman(FromFootman m) {
    footman = m.state();
    return heard();
  }

  private Behavior<Command> heard() {
    return --waiting == 0 ? tell() : this;
  }

  private Behavior<Command> tell() {
    // Lists that allow the nulls of missing answers; the arrays are not touched again.
    replyTo.tell(new Seen(Collections.unmodifiableList(Arrays.asList(doing)), Collections.unmodifiableList(Arrays.asList(forks)), footman));
    return Behaviors.stopped();
  }
}
