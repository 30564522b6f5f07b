package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Optional;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
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
  private static final Duration WATCHDOG_TIMEOUT = Duration.ofSeconds(5);
  private static final int LONGEST_BATCH = 1024;

  public interface Command {}

  private record Ate(Philosopher.Dined dined) implements Command, Traced {
    @Override
    public Trace trace() {
      return dined.trace();
    }
  }

  /** A philosopher's line, passed through the dinner in timeless mode (see {@link DinnerEvent.Batch}). */
  private record Chattered(DinnerEvent event) implements Command, Traced {
    @Override
    public Trace trace() {
      return event.trace();
    }
  }

  private record Watched(Watchdog.Verdict verdict) implements Command, Traced {
    @Override
    public Trace trace() {
      return verdict.trace();
    }
  }

  private record Tallied(Tally.Counted counted) implements Command, Traced {
    @Override
    public Trace trace() {
      return counted.trace();
    }
  }

  private enum WatchTick implements Command {
    INSTANCE
  }

  private enum ProgressTick implements Command {
    INSTANCE
  }

  private final PhilosophersSettings settings;
  private final Trace trace;
  private final ActorRef<DinnerEvent> listener;
  private final TimerScheduler<Command> timers;
  private final int faculty;
  private final List<ActorRef<Fork.Command>> forks;
  private final ActorRef<Footman.Command> footman;
  private final ActorRef<Observer.Command> observer;
  private final Philosopher.Place[] places;
  private final List<ActorRef<Philosopher.Command>> philosophers = new ArrayList<>();
  private final ActorRef<Philosopher.Dined> ate;
  private final Servings servings;
  private final boolean watchdog;
  private final Chatter chatter;
  private final long start = System.nanoTime();
  private final long deadline;
  private int inFlight;
  private long end;
  private int restarts;
  private long lastMeal = start;
  private long lastLook = start;
  private boolean watching;
  private int looks;

  /** A dinner that tells {@code listener} what happens; the last event is an {@link DinnerEvent.Outcome}. */
  public static Behavior<Command> create(PhilosophersSettings settings, Trace trace, ActorRef<DinnerEvent> listener) {
    return Tracing.traced(
        Command.class,
        trace,
        Behaviors.setup(
            ctx -> Behaviors.withTimers(timers -> new Dinner(ctx, timers, settings, trace, listener).serve())));
  }

  /** Where a dinner should run: its own dispatcher, when the settings name one. */
  public static DispatcherSelector dispatcher(PhilosophersSettings settings) {
    return dispatcher(settings.dispatcher());
  }

  /** The dispatcher at config path {@code path}; empty: Pekko's default dispatcher. */
  public static DispatcherSelector dispatcher(String path) {
    return path.isBlank() ? DispatcherSelector.defaultDispatcher() : DispatcherSelector.fromConfig(path);
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
    this.servings =
        new Servings(
            faculty,
            settings.isContinuous() ? 0 : settings.servings(),
            !settings.isContinuous() && settings.meals() <= KEEP_RESULTS_UP_TO);
    this.deadline = settings.isContinuous() ? start + settings.continuous().toNanos() : Long.MAX_VALUE;
    this.watchdog = !settings.footman() && !settings.deadlockAfter().isZero();
    this.chatter =
        new Chatter(
            listener,
            !settings.quiet() && settings.eat().isZero() && settings.think().isZero(),
            // with servings, each serving ends a batch; without, a batch ends at this size
            settings.isContinuous() ? LONGEST_BATCH : Integer.MAX_VALUE);
    this.ate = ctx.messageAdapter(Philosopher.Dined.class, Ate::new);

    Table table = Table.lay(ctx, settings, trace);
    forks = table.forks();
    footman = table.footman();
    observer = table.observer();
    ActorRef<Observer.Event> watcher = observer == null ? null : observer.narrow();
    SplittableRandom seeds =
        new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
    ActorRef<DinnerEvent> lines =
        settings.quiet() ? null : chatter.batched() ? ctx.messageAdapter(DinnerEvent.class, Chattered::new) : listener;
    places = new Philosopher.Place[faculty];
    for (int i = 0; i < faculty; i++) {
      places[i] =
          new Philosopher.Place(
              i, footman, forks.get(i), forks.get((i + 1) % faculty), settings.eat(), settings.think(),
              settings.failRate(), seeds.split(), lines, watcher);
      philosophers.add(spawnPhilosopher(i));
    }

    if (watchdog) {
      Duration every = settings.deadlockAfter().dividedBy(4);
      timers.startTimerWithFixedDelay(WatchTick.INSTANCE, every.toMillis() < 10 ? Duration.ofMillis(10) : every);
    }
    if (settings.quiet()) {
      timers.startTimerWithFixedDelay(ProgressTick.INSTANCE, PROGRESS_EVERY);
    }
  }

  /** The dinner begins: every philosopher served at once, or the first serving. */
  private Behavior<Command> serve() {
    if (settings.isContinuous()) {
      philosophers.forEach(p -> p.tell(new Philosopher.Serve(Trace.here(), 1, ate)));
      inFlight = faculty;
      return this;
    }
    return nextServing();
  }

  private ActorRef<Philosopher.Command> spawnPhilosopher(int id) {
    Behavior<Philosopher.Command> p = Tracing.traced(Philosopher.Command.class, trace, Philosopher.create(places[id]));
    if (settings.failRate() > 0) {
      // An injected failure is expected: the summary counts it, so no stack trace in the log.
      p = Behaviors.supervise(p).onFailure(Philosopher.Spill.class, SupervisorStrategy.stop().withLoggingEnabled(false));
    }
    ActorRef<Philosopher.Command> ref = getContext().spawn(p, "philosopher-" + id, DispatcherSelector.sameAsParent());
    getContext().watch(ref);
    return ref;
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
    for (ActorRef<Philosopher.Command> p : philosophers) {
      p.tell(new Philosopher.Serve(t, servings.serving(), ate));
    }
    return this;
  }

  private Behavior<Command> onAte(Ate m) {
    Philosopher.Dined d = m.dined();
    int id = d.philosopher();
    if (watchdog) {
      lastMeal = System.nanoTime();
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
    chatter.heard(m.event());
    return this;
  }

  private Behavior<Command> onChildFailed(ChildFailed failed) {
    int id = philosophers.indexOf(failed.getRef());
    if (id < 0 || !(failed.getCause() instanceof Philosopher.Spill)) {
      throw new IllegalStateException("a dinner actor failed: " + failed.getCause(), failed.getCause());
    }
    restarts++;
    getContext().getLog().debug("{}: started again", failed.getCause().getMessage());
    ActorRef<Philosopher.Command> again = spawnPhilosopher(id);
    philosophers.set(id, again);
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
    Tally.Counted c = m.counted();
    listener.tell(
        new DinnerEvent.DinnerDone(
            Trace.here(),
            faculty,
            settings.isContinuous() ? 0 : settings.servings(),
            settings.footman(),
            settings.continuous(),
            servings.meals(),
            end - start,
            servings.mealsEach(),
            servings.kept(),
            restarts,
            c.forksReclaimed(),
            c.seatsReclaimed(),
            c.refused(),
            c.longestQueue(),
            c.check()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onWatchTick() {
    long idle = System.nanoTime() - Math.max(lastMeal, lastLook);
    if (!watching && idle >= settings.deadlockAfter().toNanos()) {
      watching = true;
      getContext().spawn(
          Tracing.traced(
              Watchdog.Command.class,
              trace,
              Watchdog.create(forks, WATCHDOG_TIMEOUT, getContext().messageAdapter(Watchdog.Verdict.class, Watched::new))),
          "watchdog-" + (++looks),
          DispatcherSelector.sameAsParent());
    }
    return Behaviors.same();
  }

  private Behavior<Command> onWatched(Watched m) {
    watching = false;
    if (m.verdict() instanceof Watchdog.Deadlock d) {
      getContext().getLog().debug("deadlock: {}", d.forks());
      chatter.flush();
      listener.tell(
          new DinnerEvent.Deadlocked(Trace.here(), faculty, servings.meals(), servings.serving() - 1, System.nanoTime() - lastMeal, d.cycle()));
      return Behaviors.stopped();
    }
    // Slow, not stuck: look again only after another quiet spell.
    lastLook = System.nanoTime();
    return Behaviors.same();
  }

  private Behavior<Command> onProgressTick() {
    long expected = settings.isContinuous() ? -1 : settings.meals();
    listener.tell(new DinnerEvent.Progress(Trace.here(), servings.meals(), expected, System.nanoTime() - start));
    return Behaviors.same();
  }
}
