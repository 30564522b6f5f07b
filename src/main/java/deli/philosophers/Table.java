package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The table a dinner lays before its philosophers sit: a fork between each two, the footman
 * when the dinner has one, and the observer that checks the table when asked to.
 *
 * @param footman null at the naive table
 * @param observer null unless the dinner checks its table
 */
record Table(List<ActorRef<Fork.Command>> forks, ActorRef<Footman.Command> footman, ActorRef<Observer.Command> observer) {

  /** Spawns the table's actors as children of the dinner, on its dispatcher. */
  static Table lay(ActorContext<?> ctx, PhilosophersSettings settings, Trace trace) {
    int faculty = settings.faculty();
    DispatcherSelector here = DispatcherSelector.sameAsParent();
    ActorRef<Observer.Command> observer = null;
    ActorRef<Observer.Event> watcher = null;
    if (settings.check()) {
      int seats = settings.footman() ? settings.seats() : faculty;
      observer = ctx.spawn(Tracing.traced(Observer.Command.class, trace, Observer.create(faculty, seats)), "observer", here);
      watcher = observer.narrow();
    }
    List<ActorRef<Fork.Command>> forks = new ArrayList<>();
    for (int i = 0; i < faculty; i++) {
      forks.add(ctx.spawn(Tracing.traced(Fork.Command.class, trace, Fork.create(i, watcher)), "fork-" + i, here));
    }
    ActorRef<Footman.Command> footman =
        settings.footman()
            ? ctx.spawn(Tracing.traced(Footman.Command.class, trace, Footman.create(settings.seats(), watcher)), "footman", here)
            : null;
    return new Table(List.copyOf(forks), footman, observer);
  }
}
