package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
  private final List<ActorRef<Fork.Command>> forks = new ArrayList<>();
  private final ActorRef<Footman.Command> footman;
  private final ActorRef<Observer.Command> observer;
  private final Philosopher.Place[] places;
  private final List<ActorRef<Philosopher.Command>> philosophers = new ArrayList<>();
  private final ActorRef<Philosopher.Dined> ate;
  private final long[] mealsEach;
  private final DinnerEvent.Result[] results;
  private final List<List<DinnerEvent.Result>> kept = new ArrayList<>();
  private final boolean keep;
  private final boolean watchdog;
  private final boolean batched;
  private final List<DinnerEvent> batch = new ArrayList<>();
  private final long start = System.nanoTime();
  private final long deadline;
  private int serving;
  private int reported;
  private int inFlight;
  private long meals;
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
            ctx -> Behaviors.withTimers(timers -> new Dinner(ctx, timers, settings, trace, listener))));
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
    this.mealsEach = new long[faculty];
    this.results = new DinnerEvent.Result[faculty];
    this.keep = !settings.isContinuous() && settings.meals() <= KEEP_RESULTS_UP_TO;
    this.deadline = settings.isContinuous() ? start + settings.continuous().toNanos() : Long.MAX_VALUE;
    this.watchdog = !settings.footman() && !settings.deadlockAfter().isZero();
    this.batched = !settings.quiet() && settings.eat().isZero() && settings.think().isZero();
    this.ate = ctx.messageAdapter(Philosopher.Dined.class, Ate::new);

    DispatcherSelector here = DispatcherSelector.sameAsParent();
    ActorRef<Observer.Event> watcher = null;
    if (settings.check()) {
      int seats = settings.footman() ? settings.seats() : faculty;
      observer = ctx.spawn(Tracing.traced(Observer.Command.class, trace, Observer.create(faculty, seats)), "observer", here);
      watcher = observer.narrow();
    } else {
      observer = null;
    }
    for (int i = 0; i < faculty; i++) {
      forks.add(ctx.spawn(Tracing.traced(Fork.Command.class, trace, Fork.create(i, watcher)), "fork-" + i, here));
    }
    footman =
        settings.footman()
            ? ctx.spawn(
                Tracing.traced(Footman.Command.class, trace, Footman.create(settings.seats(), watcher)), "footman", here)
            : null;
    SplittableRandom seeds =
        new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
    ActorRef<DinnerEvent> chatter =
        settings.quiet() ? null : batched ? ctx.messageAdapter(DinnerEvent.class, Chattered::new) : listener;
    places = new Philosopher.Place[faculty];
    for (int i = 0; i < faculty; i++) {
      places[i] =
          new Philosopher.Place(
              i, footman, forks.get(i), forks.get((i + 1) % faculty), settings.eat(), settings.think(),
              settings.failRate(), seeds.split(), chatter, watcher);
      philosophers.add(spawnPhilosopher(i));
    }

    if (watchdog) {
      Duration every = settings.deadlockAfter().dividedBy(4);
      timers.startTimerWithFixedDelay(WatchTick.INSTANCE, every.toMillis() < 10 ? Duration.ofMillis(10) : every);
    }
    if (settings.quiet()) {
      timers.startTimerWithFixedDelay(ProgressTick.INSTANCE, PROGRESS_EVERY);
    }
    if (settings.isContinuous()) {
      philosophers.forEach(p -> p.tell(new Philosopher.Serve(Trace.here(), 1, ate)));
      inFlight = faculty;
    } else {
      nextServing();
    }
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

  private void nextServing() {
    serving++;
    if (serving > settings.servings()) {
      tally();
      return;
    }
    reported = 0;
    Arrays.fill(results, null);
    Trace t = Trace.here();
    for (ActorRef<Philosopher.Command> p : philosophers) {
      p.tell(new Philosopher.Serve(t, serving, ate));
    }
  }

  private Behavior<Command> onAte(Ate m) {
    Philosopher.Dined d = m.dined();
    int id = d.philosopher();
    mealsEach[id]++;
    meals++;
    if (watchdog) {
      lastMeal = System.nanoTime();
    }
    if (settings.isContinuous()) {
      if (System.nanoTime() < deadline) {
        philosophers.get(id).tell(new Philosopher.Serve(Trace.here(), d.serving() + 1, ate));
      } else if (--inFlight == 0) {
        tally();
      }
      return Behaviors.same();
    }
    results[id] = new DinnerEvent.Result(id, d.eat().toNanos() / 1e9, d.think().toNanos() / 1e9);
    if (++reported == faculty) {
      if (keep || !settings.quiet()) {
        List<DinnerEvent.Result> round = List.of(results);
        if (keep) {
          kept.add(round);
        }
        if (!settings.quiet()) {
          tell(new DinnerEvent.Served(Trace.here(), serving, round));
          flush();
        }
      }
      nextServing();
    }
    return Behaviors.same();
  }

  private Behavior<Command> onChattered(Chattered m) {
    batch.add(m.event());
    if (settings.isContinuous() && batch.size() >= LONGEST_BATCH) {
      flush(); // no servings to end a batch
    }
    return Behaviors.same();
  }

  /** Tells the listener, after the lines of the batch so far. */
  private void tell(DinnerEvent e) {
    if (batched) {
      batch.add(e);
    } else {
      listener.tell(e);
    }
  }

  private void flush() {
    if (!batch.isEmpty()) {
      listener.tell(new DinnerEvent.Batch(Trace.here(), batch));
      batch.clear();
    }
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
    int owed = settings.isContinuous() ? (int) mealsEach[id] + 1 : serving;
    again.tell(new Philosopher.Serve(Trace.here(), owed, ate));
    return Behaviors.same();
  }

  /** Every meal is in: the tally counts what the forks, the footman and the observer say. */
  private void tally() {
    end = System.nanoTime();
    timers.cancelAll();
    flush();
    int expected = settings.isContinuous() ? -1 : settings.servings();
    getContext().spawn(
        Tracing.traced(
            Tally.Command.class,
            trace,
            Tally.create(forks, footman, observer, expected, getContext().messageAdapter(Tally.Counted.class, Tallied::new))),
        "tally",
        DispatcherSelector.sameAsParent());
  }

  private Behavior<Command> onTallied(Tallied m) {
    Tally.Counted c = m.counted();
    List<Long> each = new ArrayList<>(faculty);
    for (long n : mealsEach) {
      each.add(n);
    }
    listener.tell(
        new DinnerEvent.DinnerDone(
            Trace.here(),
            faculty,
            settings.isContinuous() ? 0 : settings.servings(),
            settings.footman(),
            settings.continuous(),
            meals,
            end - start,
            each,
            kept,
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
    if (!watching && end == 0 && idle >= settings.deadlockAfter().toNanos()) {
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
      flush();
      listener.tell(
          new DinnerEvent.Deadlocked(Trace.here(), faculty, meals, serving - 1, System.nanoTime() - lastMeal, d.cycle()));
      return Behaviors.stopped();
    }
    // Slow, not stuck: look again only after another quiet spell.
    lastLook = System.nanoTime();
    return Behaviors.same();
  }

  private Behavior<Command> onProgressTick() {
    long expected = settings.isContinuous() ? -1 : settings.meals();
    listener.tell(new DinnerEvent.Progress(Trace.here(), meals, expected, System.nanoTime() - start));
    return Behaviors.same();
  }
}
