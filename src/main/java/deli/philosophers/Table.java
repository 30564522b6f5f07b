package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
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

  /**
   * Each philosopher's place at this table: its two forks, the footman, its own draws (split
   * from one seed, so a seeded dinner repeats), who hears its lines and who watches it.
   */
  Philosopher.Place[] places(PhilosophersSettings settings, ActorRef<DinnerEvent> lines) {
    SplittableRandom seeds = new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
    ActorRef<Observer.Event> watcher = observer == null ? null : observer.narrow();
    int n = settings.faculty();
    Philosopher.Place[] places = new Philosopher.Place[n];
    for (int i = 0; i < n; i++) {
      places[i] =
          new Philosopher.Place(
              i, footman, forks.get(i), forks.get((i + 1) % n), settings.eat(), settings.think(), settings.failRate(),
              seeds.split(), lines, watcher);
    }
    return places;
  }
}
