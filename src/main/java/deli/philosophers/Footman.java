package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The footman, the chapter's {@code asyncio.BoundedSemaphore(faculty - 1)}: he seats at most
 * {@code seats} philosophers at once and the others wait their turn, first come, first served.
 * So at least one seated philosopher can always get both forks, and the table never deadlocks.
 * Giving back a seat one does not have is refused, as a bounded semaphore refuses a release
 * beyond its bound. He watches everyone he seats: a philosopher who dies seated gives the seat
 * back.
 */
public final class Footman extends AbstractBehavior<Footman.Command> {

  public interface Command {}

  /** {@code philosopher} asks for a seat; {@link Seated} comes once it has one. */
  public record Sit(Trace trace, int philosopher, ActorRef<Seated> replyTo) implements Command, Traced {}

  /** {@code philosopher} gives its seat back; {@code holder} is the ref it sat down with. */
  public record Leave(Trace trace, int philosopher, ActorRef<Seated> holder) implements Command, Traced {}

  public record Inspect(Trace trace, ActorRef<State> replyTo) implements Command, Traced {}

  /** Your seat. */
  public record Seated(Trace trace) implements Traced {}

  /**
   * The footman's state: his seats, the philosophers seated and waiting, seats granted in all,
   * the longest queue he had, seats taken back from the dead, and releases refused.
   */
  public record State(
      Trace trace, int seats, List<Integer> seated, List<Integer> waiting, long granted, int longestQueue, int reclaimed, int refused)
      implements Traced {
    public State {
      seated = List.copyOf(seated);
      waiting = List.copyOf(waiting);
    }
  }

  private record Guest(int philosopher, ActorRef<Seated> replyTo) {}

  private final int seats;
  private final ActorRef<Observer.Event> observer;
  private final Map<ActorRef<?>, Integer> seated = new HashMap<>();
  private final ArrayDeque<Guest> waiting = new ArrayDeque<>();
  // Each philosopher is watched once, at its first request: a watch per meal would cost a
  // system message each way.
  private final Set<ActorRef<?>> watched = new HashSet<>();
  private long granted;
  private int longestQueue;
  private int reclaimed;
  private int refused;

  /** @param observer told of every seat granted and released; {@code null}: no one watches */
  public static Behavior<Command> create(int seats, ActorRef<Observer.Event> observer) {
    return Behaviors.setup(ctx -> new Footman(ctx, seats, observer));
  }

  private Footman(ActorContext<Command> ctx, int seats, ActorRef<Observer.Event> observer) {
    super(ctx);
    if (seats < 1) {
      throw new IllegalArgumentException("a footman needs at least one seat to give");
    }
    this.seats = seats;
    this.observer = observer;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Sit.class, this::onSit)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Inspect.class, this::onInspect)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onSit(Sit m) {
    if (watched.add(m.replyTo())) {
      // A message adapter stops with its actor: watching it is watching the philosopher.
      getContext().watch(m.replyTo());
    }
    Guest g = new Guest(m.philosopher(), m.replyTo());
    if (seated.size() < seats && waiting.isEmpty()) {
      seat(g);
    } else {
      waiting.add(g);
      longestQueue = Math.max(longestQueue, waiting.size());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onLeave(Leave m) {
    Integer who = seated.remove(m.holder());
    if (who == null) {
      refused++;
      String what = "footman: release refused from philosopher " + m.philosopher() + ", who has no seat";
      getContext().getLog().error("protocol error: {}", what);
      if (observer != null) {
        observer.tell(new Observer.ProtocolError(Trace.here(), what));
      }
      return Behaviors.same();
    }
    released(who, false);
    return Behaviors.same();
  }

  private void released(int philosopher, boolean fromTheDead) {
    if (observer != null) {
      observer.tell(new Observer.SeatReleased(Trace.here(), philosopher, fromTheDead));
    }
    Guest next = waiting.poll();
    if (next != null) {
      seat(next);
    }
  }

  private void seat(Guest g) {
    seated.put(g.replyTo(), g.philosopher());
    granted++;
    if (observer != null) {
      observer.tell(new Observer.SeatGranted(Trace.here(), g.philosopher()));
    }
    g.replyTo().tell(new Seated(Trace.here()));
  }

  private Behavior<Command> onInspect(Inspect m) {
    List<Integer> queue = new ArrayList<>(waiting.size());
    waiting.forEach(g -> queue.add(g.philosopher()));
    m.replyTo().tell(
        new State(Trace.here(), seats, List.copyOf(seated.values()), queue, granted, longestQueue, reclaimed, refused));
    return Behaviors.same();
  }

  private Behavior<Command> onTerminated(Terminated t) {
    watched.remove(t.getRef());
    waiting.removeIf(g -> g.replyTo().equals(t.getRef()));
    Integer who = seated.remove(t.getRef());
    if (who != null) {
      reclaimed++;
      getContext().getLog().debug("footman: seat comes back from philosopher {}, who died seated", who);
      released(who, true);
    }
    return Behaviors.same();
  }
}
