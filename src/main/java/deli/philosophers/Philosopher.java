package deli.philosophers;

import deli.core.DurationRange;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A philosopher, following the chapter's coroutine step by step for each serving: a seat from
 * the footman, fork {@code id}, then fork {@code (id + 1) % faculty}, eat, put both forks down,
 * philosophize, give the seat back, and report {@code (id, eat_time, think_time)}. Eating and
 * thinking are timers; when they take no time the philosopher goes straight on, so a timeless
 * dinner is pure message passing.
 */
public final class Philosopher extends AbstractBehavior<Philosopher.Command> {

  public interface Command {}

  /** Dine once in {@code serving}; {@link Dined} goes to {@code replyTo}. */
  public record Serve(Trace trace, int serving, ActorRef<Dined> replyTo) implements Command, Traced {}

  /** Asks what the philosopher is doing now, for the live page's picture of the table. */
  public record Look(ActorRef<Doing> replyTo) implements Command {}

  /** What a philosopher is doing, as the page draws it. */
  public enum Activity {
    THINKING,
    WAITING_FOR_SEAT,
    WAITING_FOR_FORK,
    EATING
  }

  /** Philosopher {@code philosopher} is {@code activity}. */
  public record Doing(int philosopher, Activity activity) {}

  /** The chapter's {@code (id, eat_time, think_time)}, for one serving. */
  public record Dined(Trace trace, int philosopher, int serving, Duration eat, Duration think)
      implements Traced {}

  private record FromFootman(Footman.Seated message) implements Command, Traced.Adapted {}

  private record FromFork(Fork.Taken message) implements Command, Traced.Adapted {}

  private enum DoneEating implements Command {
    INSTANCE
  }

  private enum DoneThinking implements Command {
    INSTANCE
  }

  /** Thrown by fault injection: the philosopher fails holding what it holds. */
  public static final class Spill extends RuntimeException {
    Spill(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Where a philosopher sits and what it does there.
   *
   * @param footman {@code null} at the naive table
   * @param first fork {@code id}, taken first
   * @param second fork {@code (id + 1) % faculty}, taken once it holds the first
   * @param random the philosopher's own draws; it outlives one incarnation, so a philosopher
   *     started again goes on with the sequence instead of failing the same way
   * @param listener told "eating" and "philosophizing"; {@code null}: quiet
   * @param observer told of eating started and stopped; {@code null}: no one watches
   */
  public record Place(
      int id,
      ActorRef<Footman.Command> footman,
      ActorRef<Fork.Command> first,
      ActorRef<Fork.Command> second,
      DurationRange eat,
      DurationRange think,
      double failRate,
      SplittableRandom random,
      ActorRef<DinnerEvent> listener,
      ActorRef<Observer.Event> observer) {}

  // Where an injected failure strikes: after the seat, after the first fork, after the second.
  private static final int NO_FAILURE = -1;
  private static final int AT_SEAT = 0;
  private static final int AT_FIRST_FORK = 1;
  private static final int AT_SECOND_FORK = 2;

  private final Place place;
  private final ActorRef<Footman.Seated> seatReplies;
  private final ActorRef<Fork.Taken> forkReplies;
  private int serving;
  private ActorRef<Dined> replyTo;
  private Duration eat;
  private Duration think;
  private int failAt = NO_FAILURE;
  // Kept for Look only: a field write per step, no message unless someone asks.
  private Activity activity = Activity.THINKING;

  public static Behavior<Command> create(Place place) {
    return Behaviors.setup(ctx -> new Philosopher(ctx, place));
  }

  private Philosopher(ActorContext<Command> ctx, Place place) {
    super(ctx);
    this.place = place;
    this.seatReplies = ctx.messageAdapter(Footman.Seated.class, FromFootman::new);
    this.forkReplies = ctx.messageAdapter(Fork.Taken.class, FromFork::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromFork.class, this::onFork)
        .onMessage(FromFootman.class, this::onSeated)
        .onMessage(Serve.class, this::onServe)
        .onMessage(Look.class, this::onLook)
        .onMessageEquals(DoneEating.INSTANCE, this::doneEating)
        .onMessageEquals(DoneThinking.INSTANCE, this::doneThinking)
        .build();
  }

  private Behavior<Command> onServe(Serve m) {
    serving = m.serving();
    replyTo = m.replyTo();
    if (place.failRate() > 0 && place.random().nextDouble() < place.failRate()) {
      failAt = place.random().nextInt(place.footman() == null ? AT_FIRST_FORK : AT_SEAT, AT_SECOND_FORK + 1);
    }
    if (place.footman() != null) {
      activity = Activity.WAITING_FOR_SEAT;
      place.footman().tell(new Footman.Sit(Trace.here(), place.id(), seatReplies));
    } else {
      activity = Activity.WAITING_FOR_FORK;
      place.first().tell(new Fork.Take(Trace.here(), place.id(), forkReplies));
    }
    return Behaviors.same();
  }

  private Behavior<Command> onLook(Look m) {
    m.replyTo().tell(new Doing(place.id(), activity));
    return Behaviors.same();
  }

  private Behavior<Command> onSeated(FromFootman m) {
    failHere(AT_SEAT, "got its seat");
    activity = Activity.WAITING_FOR_FORK;
    place.first().tell(new Fork.Take(Trace.here(), place.id(), forkReplies));
    return Behaviors.same();
  }

  private Behavior<Command> onFork(FromFork m) {
    if (m.message().fork() == place.id()) {
      failHere(AT_FIRST_FORK, "took its first fork");
      place.second().tell(new Fork.Take(Trace.here(), place.id(), forkReplies));
      return Behaviors.same();
    }
    failHere(AT_SECOND_FORK, "took both forks");
    return startEating();
  }

  private Behavior<Command> startEating() {
    eat = place.eat().draw(place.random());
    activity = Activity.EATING;
    if (place.observer() != null) {
      place.observer().tell(new Observer.EatingStarted(Trace.here(), place.id(), serving));
    }
    if (place.listener() != null) {
      place.listener().tell(new DinnerEvent.Eating(Trace.here(), place.id()));
    }
    if (eat.isZero()) {
      return doneEating();
    }
    getContext().scheduleOnce(eat, getContext().getSelf(), DoneEating.INSTANCE);
    return Behaviors.same();
  }

  private Behavior<Command> doneEating() {
    if (place.observer() != null) {
      place.observer().tell(new Observer.EatingStopped(Trace.here(), place.id()));
    }
    Trace t = Trace.here();
    place.first().tell(new Fork.Put(t, place.id(), forkReplies));
    place.second().tell(new Fork.Put(t, place.id(), forkReplies));
    think = place.think().draw(place.random());
    activity = Activity.THINKING;
    if (place.listener() != null) {
      place.listener().tell(new DinnerEvent.Philosophizing(t, place.id()));
    }
    if (think.isZero()) {
      return doneThinking();
    }
    getContext().scheduleOnce(think, getContext().getSelf(), DoneThinking.INSTANCE);
    return Behaviors.same();
  }

  private Behavior<Command> doneThinking() {
    Trace t = Trace.here();
    if (place.footman() != null) {
      place.footman().tell(new Footman.Leave(t, place.id(), seatReplies));
    }
    replyTo.tell(new Dined(t, place.id(), serving, eat, think));
    return Behaviors.same();
  }

  private void failHere(int stage, String what) {
    if (failAt == stage) {
      failAt = NO_FAILURE;
      throw new Spill("philosopher " + place.id() + " failed after it " + what);
    }
  }
}
