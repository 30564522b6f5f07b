package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The philosophers of a dinner, children of it and watched by it: each in its place, and one
 * that fails (fault injection) started again in the same place, with the same draws going on.
 */
final class Guests {
  private final ActorContext<?> ctx;
  private final Trace trace;
  private final boolean failing;
  private final Philosopher.Place[] places;
  private final List<ActorRef<Philosopher.Command>> refs = new ArrayList<>();

  Guests(ActorContext<?> ctx, Trace trace, PhilosophersSettings settings, Philosopher.Place[] places) {
    this.ctx = ctx;
    this.trace = trace;
    this.failing = settings.failRate() > 0;
    this.places = places.clone();
    for (int i = 0; i < places.length; i++) {
      refs.add(spawn(i));
    }
  }

  List<ActorRef<Philosopher.Command>> all() {
    return refs;
  }

  ActorRef<Philosopher.Command> get(int id) {
    return refs.get(id);
  }

  /** Who {@code ref} was: -1 if none of the philosophers. */
  int idOf(ActorRef<?> ref) {
    return refs.indexOf(ref);
  }

  /** Philosopher {@code id}, started again in its place after it failed. */
  ActorRef<Philosopher.Command> restart(int id) {
    ActorRef<Philosopher.Command> again = spawn(id);
    refs.set(id, again);
    return again;
  }

  private ActorRef<Philosopher.Command> spawn(int id) {
    Behavior<Philosopher.Command> p = Tracing.traced(Philosopher.Command.class, trace, Philosopher.create(places[id]));
    if (failing) {
      // An injected failure is expected: the summary counts it, so no stack trace in the log.
      p = Behaviors.supervise(p).onFailure(Philosopher.Spill.class, SupervisorStrategy.stop().withLoggingEnabled(false));
    }
    ActorRef<Philosopher.Command> ref = ctx.spawn(p, "philosopher-" + id, DispatcherSelector.sameAsParent());
    ctx.watch(ref);
    return ref;
  }
}
