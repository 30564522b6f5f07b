package deli.philosophers;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.Optional;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The chapter's {@code main()}: lays the table (forks, the footman, the philosophers), runs the
 * servings one after the other and, like {@code asyncio.gather}, gathers each serving's results
 * in id order. A philosopher that fails is started again in its place; the forks and the
 * footman watch it, so what it held comes back. At the naive table a {@link Watchdog} looks for
 * a deadlock once no one has eaten for a while. At the end a {@link Tally} counts, and the
 * listener gets the summary ({@link DinnerEvent}).
 */
public final class Dinner extends AbstractBehavior<Dinner.Command> {
  /** Servings with at most this many meals keep every result for the summary (for HTTP). */
  public static final int KEEP_RESULTS_UP_TO = 10_000;

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);

  public interface Command {}

  private record Ate(Philosopher.Dined message) implements Command, Traced.Adapted {}

  /** A philosopher's line, passed through the dinner in timeless mode (see {@link DinnerEvent.Batch}). */
  private record Chattered(DinnerEvent message) implements Command, Traced.Adapted {}

  private record Watched(Watchdog.Verdict message) implements Command, Traced.Adapted {}

  private record Tallied(Tally.Counted message) implements Command, Traced.Adapted {}

  private enum WatchTick implements Command {
    INSTANCE
  }

  private enum ProgressTick implements Command {
    INSTANCE
  }

  private enum SampleTick implements Command {
    INSTANCE
  }

  private record Looked(TableLook.Seen seen) implements Command {}

  private final PhilosophersSettings settings;
  private final Trace trace;
  private final ActorRef<DinnerEvent> listener;
  private final TimerScheduler<Command> timers;
  private final int faculty;
  private final List<ActorRef<Fork.Command>> forks;
  private final ActorRef<Footman.Command> footman;
  private final ActorRef<Observer.Command> observer;
  private final Guests philosophers;
  private final ActorRef<TableLook.Seen> looked;
  private final ActorRef<Philosopher.Dined> ate;
  private final Servings servings;
  private final Chatter chatter;
  private final long start = System.nanoTime();
  private final long deadline;
  private final DinnerLive live;
  // null unless the naive table has a watchdog
  private final DeadlockWatch watch;
  private int inFlight;
  private long end;
  private int restarts;

  /** A dinner that tells {@code listener} what happens; the last event is an {@link DinnerEvent.Outcome}. */
  public static Behavior<Command> create(PhilosophersSettings settings, Trace trace, ActorRef<DinnerEvent> listener) {
    return Tracing.traced(
        Command.class,
        trace,
        Timed.setup(Dinner.class, (ctx, timers) -> new Dinner(ctx, timers, settings, trace, listener).serve()));
  }

  private Dinner(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      PhilosophersSettings settings,
      Trace trace,
      ActorRef<DinnerEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.trace = trace;
    this.listener = listener;
    this.timers = timers;
    this.faculty = settings.faculty();
    this.servings = Servings.of(settings, KEEP_RESULTS_UP_TO);
    this.deadline = settings.isContinuous() ? start + settings.continuous().toNanos() : Long.MAX_VALUE;
    this.watch = !settings.footman() && !settings.deadlockAfter().isZero() ? new DeadlockWatch(start) : null;
    this.chatter = Chatter.of(settings, listener);
    this.ate = ctx.messageAdapter(Philosopher.Dined.class, Ate::new);
    this.live = DinnerLive.wanted(settings) ? new DinnerLive(ctx, settings, trace, start) : null;

    Table table = Table.lay(ctx, settings, trace);
    forks = table.forks();
    footman = table.footman();
    observer = table.observer();
    ActorRef<DinnerEvent> lines =
        settings.quiet() ? null : chatter.batched() ? ctx.messageAdapter(DinnerEvent.class, Chattered::new) : listener;
    this.philosophers = new Guests(ctx, trace, settings, table.places(settings, lines));
    this.looked = live == null ? null : ctx.messageAdapter(TableLook.Seen.class, Looked::new);

    if (watch != null) {
      timers.startTimerWithFixedDelay(WatchTick.INSTANCE, DeadlockWatch.every(settings.deadlockAfter()));
    }
    if (settings.quiet()) {
      timers.startTimerWithFixedDelay(ProgressTick.INSTANCE, PROGRESS_EVERY);
    }
    if (live != null) {
      timers.startTimerWithFixedDelay(SampleTick.INSTANCE, DinnerLive.every(settings));
    }
  }

  /** The dinner begins: every philosopher served at once, or the first serving. */
  private Behavior<Command> serve() {
    if (settings.isContinuous()) {
      philosophers.all().forEach(p -> p.tell(new Philosopher.Serve(Trace.here(), 1, ate)));
      inFlight = faculty;
      return this;
    }
    return nextServing();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Ate.class, this::onAte)
        .onMessage(Chattered.class, this::onChattered)
        .onMessage(Watched.class, this::onWatched)
        .onMessage(Tallied.class, this::onTallied)
        .onMessageEquals(WatchTick.INSTANCE, this::onWatchTick)
        .onMessageEquals(ProgressTick.INSTANCE, this::onProgressTick)
        .onMessageEquals(SampleTick.INSTANCE, this::onSampleTick)
        .onMessage(Looked.class, this::onLooked)
        .onSignal(ChildFailed.class, this::onChildFailed)
        .onSignal(Terminated.class, t -> Behaviors.same())
        .build();
  }

  /** Serves the next serving, or, when every serving was served, tallies. */
  private Behavior<Command> nextServing() {
    if (!servings.next()) {
      return tally();
    }
    Trace t = Trace.here();
    for (ActorRef<Philosopher.Command> p : philosophers.all()) {
      p.tell(new Philosopher.Serve(t, servings.serving(), ate));
    }
    return this;
  }

  private Behavior<Command> onAte(Ate m) {
    Philosopher.Dined d = m.message();
    int id = d.philosopher();
    if (watch != null) {
      watch.ate();
    }
    if (settings.isContinuous()) {
      servings.ate(id);
      if (System.nanoTime() < deadline) {
        philosophers.get(id).tell(new Philosopher.Serve(Trace.here(), d.serving() + 1, ate));
        return this;
      }
      return --inFlight == 0 ? tally() : this;
    }
    Optional<List<DinnerEvent.Result>> round = servings.served(id, d.eat().toNanos() / 1e9, d.think().toNanos() / 1e9);
    if (round.isEmpty()) {
      return this;
    }
    if (!settings.quiet()) {
      chatter.tell(new DinnerEvent.Served(Trace.here(), servings.serving(), round.get()));
      chatter.flush();
    }
    return nextServing();
  }

  private Behavior<Command> onChattered(Chattered m) {
    chatter.heard(m.message());
    return this;
  }

  private Behavior<Command> onChildFailed(ChildFailed failed) {
    int id = philosophers.idOf(failed.getRef());
    if (id < 0 || !(failed.getCause() instanceof Philosopher.Spill)) {
      throw new IllegalStateException("a dinner actor failed: " + failed.getCause(), failed.getCause());
    }
    restarts++;
    getContext().getLog().debug("{}: started again", failed.getCause().getMessage());
    ActorRef<Philosopher.Command> again = philosophers.restart(id);
    // It failed before it ate, so it still owes this serving its meal.
    int owed = settings.isContinuous() ? (int) servings.mealsOf(id) + 1 : servings.serving();
    again.tell(new Philosopher.Serve(Trace.here(), owed, ate));
    return Behaviors.same();
  }

  /**
   * Every meal is in: the tally counts what the forks, the footman and the observer say, and the
   * dinner waits for it alone.
   */
  private Behavior<Command> tally() {
    end = System.nanoTime();
    timers.cancelAll();
    chatter.flush();
    int expected = settings.isContinuous() ? -1 : settings.servings();
    getContext().spawn(
        Tracing.traced(
            Tally.Command.class,
            trace,
            Tally.create(forks, footman, observer, expected, getContext().messageAdapter(Tally.Counted.class, Tallied::new))),
        "tally",
        DispatcherSelector.sameAsParent());
    return Behaviors.receive(Command.class)
        .onMessage(Tallied.class, this::onTallied)
        .onSignal(Terminated.class, t -> Behaviors.same())
        .build();
  }

  private Behavior<Command> onTallied(Tallied m) {
    if (live != null) {
      live.ended("done", servings, null);
    }
    listener.tell(servings.done(Trace.here(), settings, end - start, restarts, m.message()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onWatchTick() {
    watch.tick(getContext(), trace, settings.deadlockAfter(), forks, getContext().messageAdapter(Watchdog.Verdict.class, Watched::new));
    return Behaviors.same();
  }

  private Behavior<Command> onWatched(Watched m) {
    if (m.message() instanceof Watchdog.Deadlock d) {
      getContext().getLog().debug("deadlock: {}", d.forks());
      chatter.flush();
      if (live != null) {
        live.ended("deadlock", servings, d.forks());
      }
      listener.tell(watch.deadlocked(d, faculty, servings.meals(), servings.serving() - 1));
      return Behaviors.stopped();
    }
    // Slow, not stuck: look again only after another quiet spell.
    watch.looked();
    return Behaviors.same();
  }

  private Behavior<Command> onSampleTick() {
    live.look(philosophers.all(), forks, footman, looked);
    return Behaviors.same();
  }

  private Behavior<Command> onLooked(Looked m) {
    live.seen(m.seen(), servings);
    return Behaviors.same();
  }

  private Behavior<Command> onProgressTick() {
    long expected = settings.isContinuous() ? -1 : settings.meals();
    listener.tell(new DinnerEvent.Progress(Trace.here(), servings.meals(), expected, System.nanoTime() - start));
    return Behaviors.same();
  }
}
