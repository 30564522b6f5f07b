package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One fork on the table, the chapter's {@code asyncio.Lock}: at most one holder; a request while
 * it is taken waits its turn (first come, first served). It watches whoever asks for it, so a
 * holder that dies gives the fork back and a waiter that dies leaves the queue. A put from
 * anyone but the holder is refused and logged as a protocol error.
 */
public final class Fork extends AbstractBehavior<Fork.Command> {

  public interface Command {}

  /** {@code philosopher} asks for the fork; {@link Taken} comes once it holds it. */
  public record Take(Trace trace, int philosopher, ActorRef<Taken> replyTo) implements Command, Traced {}

  /** The holder puts the fork down; {@code holder} is the ref it took the fork with. */
  public record Put(Trace trace, int philosopher, ActorRef<Taken> holder) implements Command, Traced {}

  /** Asks what the fork is doing: for the watchdog, and for the dinner's last count. */
  public record Inspect(Trace trace, ActorRef<State> replyTo) implements Command, Traced {}

  /** The fork is yours. */
  public record Taken(Trace trace, int fork) implements Traced {}

  /**
   * The fork's state: its holder ({@code -1}: on the table), the philosophers waiting for it in
   * order, how many times its state changed (a request, a grant, a put, a waiter gone: two
   * equal counts mean nothing happened in between), how many times it was taken back from a
   * holder who died, and how many puts it refused.
   */
  public record State(Trace trace, int fork, int holder, List<Integer> waiters, long changes, int reclaimed, int refused)
      implements Traced {
    public State {
      waiters = List.copyOf(waiters);
    }
  }

  private record Waiter(int philosopher, ActorRef<Taken> replyTo) {}

  private final int id;
  private final ActorRef<Observer.Event> observer;
  private final ArrayDeque<Waiter> waiting = new ArrayDeque<>(2);
  // Only the two neighbours ever ask, so each is watched once and never unwatched: a watch per
  // meal would cost a system message each way.
  private final Set<ActorRef<?>> watched = new HashSet<>(4);
  private Waiter holder;
  private long changes;
  private int reclaimed;
  private int refused;

  /** @param observer told of every take and put; {@code null}: no one watches */
  public static Behavior<Command> create(int id, ActorRef<Observer.Event> observer) {
    return Behaviors.setup(ctx -> new Fork(ctx, id, observer));
  }

  private Fork(ActorContext<Command> ctx, int id, ActorRef<Observer.Event> observer) {
    super(ctx);
    this.id = id;
    this.observer = observer;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Take.class, this::onTake)
        .onMessage(Put.class, this::onPut)
        .onMessage(Inspect.class, this::onInspect)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onTake(Take m) {
    if (watched.add(m.replyTo())) {
      // A message adapter stops with its actor: watching it is watching the philosopher.
      getContext().watch(m.replyTo());
    }
    Waiter w = new Waiter(m.philosopher(), m.replyTo());
    changes++;
    if (holder == null) {
      give(w);
    } else {
      waiting.add(w);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onPut(Put m) {
    if (holder == null || !holder.replyTo().equals(m.holder())) {
      refused++;
      String what =
          "fork " + id + ": put refused from philosopher " + m.philosopher() + ", who does not hold it"
              + (holder == null ? " (it is on the table)" : " (philosopher " + holder.philosopher() + " does)");
      getContext().getLog().error("protocol error: {}", what);
      if (observer != null) {
        observer.tell(new Observer.ProtocolError(Trace.here(), what));
      }
      return Behaviors.same();
    }
    putDown(false);
    return Behaviors.same();
  }

  private void putDown(boolean fromTheDead) {
    if (observer != null) {
      observer.tell(new Observer.ForkPut(Trace.here(), id, holder.philosopher(), fromTheDead));
    }
    holder = null;
    changes++;
    Waiter next = waiting.poll();
    if (next != null) {
      give(next);
    }
  }

  private void give(Waiter w) {
    holder = w;
    changes++;
    if (observer != null) {
      observer.tell(new Observer.ForkTaken(Trace.here(), id, w.philosopher()));
    }
    w.replyTo().tell(new Taken(Trace.here(), id));
  }

  private Behavior<Command> onInspect(Inspect m) {
    List<Integer> queue = new ArrayList<>(waiting.size());
    waiting.forEach(w -> queue.add(w.philosopher()));
    m.replyTo().tell(new State(Trace.here(), id, holder == null ? -1 : holder.philosopher(), queue, changes, reclaimed, refused));
    return Behaviors.same();
  }

  private Behavior<Command> onTerminated(Terminated t) {
    watched.remove(t.getRef());
    if (waiting.removeIf(w -> w.replyTo().equals(t.getRef()))) {
      changes++;
    }
    if (holder != null && holder.replyTo().equals(t.getRef())) {
      reclaimed++;
      getContext().getLog().debug("fork {} comes back from philosopher {}, who died holding it", id, holder.philosopher());
      putDown(true);
    }
    return Behaviors.same();
  }
}
