package deli.philosophers;

import deli.core.CborSerializable;
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
 * footman watch it, so what it held comes back. At the naive table a watchdog looks for a
 * deadlock once no one has eaten for a while. At the end the forks and the footman are counted
 * (and the observer asked for its verdict), and the listener gets the summary.
 */
public final class Dinner extends AbstractBehavior<Dinner.Command> {
  /** Servings with at most this many meals keep every result for the summary (for HTTP). */
  public static final int KEEP_RESULTS_UP_TO = 10_000;

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  private static final Duration WATCHDOG_TIMEOUT = Duration.ofSeconds(5);

  public interface Command {}

  private record Ate(Philosopher.Dined dined) implements Command, Traced {
    @Override
    public Trace trace() {
      return dined.trace();
    }
  }

  private record ForkCounted(Fork.State state) implements Command, Traced {
    @Override
    public Trace trace() {
      return state.trace();
    }
  }

  private record FootmanCounted(Footman.State state) implements Command, Traced {
    @Override
    public Trace trace() {
      return state.trace();
    }
  }

  private record Judged(TableCheck.Verdict verdict) implements Command, Traced {
    @Override
    public Trace trace() {
      return verdict.trace();
    }
  }

  private record Watched(Watchdog.Verdict verdict) implements Command, Traced {
    @Override
    public Trace trace() {
      return verdict.trace();
    }
  }

  /** A philosopher's line, passed through the dinner in timeless mode (see {@link Batch}). */
  private record Chattered(Event event) implements Command, Traced {
    @Override
    public Trace trace() {
      return event.trace();
    }
  }

  private enum WatchTick implements Command {
    INSTANCE
  }

  private enum ProgressTick implements Command {
    INSTANCE
  }

  /** What a dinner tells its listener. */
  public interface Event extends CborSerializable, Traced {}

  /** The chapter's {@code print(f"{id} eating")}; only when the dinner is not quiet. */
  public record Eating(Trace trace, int philosopher) implements Event {}

  /** The chapter's {@code print(f"{id} philosophizing")}. */
  public record Philosophizing(Trace trace, int philosopher) implements Event {}

  /** One philosopher's {@code (id, eat_time, think_time)}, in seconds. */
  public record Result(int philosopher, double eat, double think) implements CborSerializable {}

  /** A serving is over: its results in id order (the chapter's {@code print(results)}). */
  public record Served(Trace trace, int serving, List<Result> results) implements Event {
    public Served {
      results = List.copyOf(results);
    }
  }

  /**
   * Several events at once, in order. A timeless serving lasts microseconds: its lines reach the
   * listener together, one message instead of two per meal.
   */
  public record Batch(Trace trace, List<Event> events) implements Event {
    public Batch {
      events = List.copyOf(events);
    }
  }

  /** Meals so far, once a second while a quiet dinner runs. */
  public record Progress(Trace trace, long meals, long expected, long nanos) implements Event {}

  /** How a dinner ended. */
  public sealed interface Outcome extends Event {}

  /**
   * The dinner is over.
   *
   * @param servings servings served; when continuous, 0
   * @param nanos from the first serving to the last meal
   * @param mealsEach meals per philosopher, by id
   * @param results every serving's results, when there were at most {@link #KEEP_RESULTS_UP_TO} meals
   * @param restarts philosophers that failed and were started again
   * @param forksReclaimed forks that came back from a philosopher who died holding them
   * @param seatsReclaimed seats that came back from a philosopher who died seated
   * @param refused puts and releases refused as protocol errors
   * @param longestQueue the longest queue at the footman
   * @param check the observer's verdict; {@code null} when no one checked
   */
  public record DinnerDone(
      Trace trace,
      int faculty,
      int servings,
      boolean footman,
      Duration continuous,
      long meals,
      long nanos,
      List<Long> mealsEach,
      List<List<Result>> results,
      int restarts,
      int forksReclaimed,
      int seatsReclaimed,
      int refused,
      int longestQueue,
      TableCheck.Verdict check)
      implements Outcome {
    public DinnerDone {
      mealsEach = List.copyOf(mealsEach);
      results = List.copyOf(results);
    }

    public double mealsPerSecond() {
      return nanos == 0 ? 0 : meals * 1e9 / nanos;
    }
  }

  /**
   * The naive table deadlocked: no one ate for {@code idleNanos}, and the forks show the
   * wait-for {@code cycle}. {@code meals} were eaten before, in {@code servingsDone} full servings.
   */
  public record Deadlocked(
      Trace trace, int faculty, long meals, int servingsDone, long idleNanos, List<WaitFor.Link> cycle)
      implements Outcome {
    public Deadlocked {
      cycle = List.copyOf(cycle);
    }
  }

  private final PhilosophersSettings settings;
  private final Trace trace;
  private final ActorRef<Event> listener;
  private final TimerScheduler<Command> timers;
  private final List<ActorRef<Fork.Command>> forks = new ArrayList<>();
  private final ActorRef<Footman.Command> footman;
  private final ActorRef<Observer.Command> observer;
  private final Philosopher.Place[] places;
  private final List<ActorRef<Philosopher.Command>> philosophers = new ArrayList<>();
  private final ActorRef<Philosopher.Dined> ate;
  private final int faculty;
  private final long[] mealsEach;
  private final Result[] results;
  private final List<List<Result>> kept = new ArrayList<>();
  private final boolean keep;
  private final long start = System.nanoTime();
  private final long deadline;
  private final boolean watchdog;
  private final boolean batched;
  private final List<Event> batch = new ArrayList<>();
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
  // The count at the end.
  private int pending;
  private int forksReclaimed;
  private int seatsReclaimed;
  private int refused;
  private int longestQueue;

  /** A dinner that tells {@code listener} what happens; the last event is an {@link Outcome}. */
  public static Behavior<Command> create(PhilosophersSettings settings, Trace trace, ActorRef<Event> listener) {
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
      ActorRef<Event> listener) {
    super(ctx);
    this.settings = settings;
    this.trace = trace;
    this.listener = listener;
    this.timers = timers;
    this.faculty = settings.faculty();
    this.mealsEach = new long[faculty];
    this.results = new Result[faculty];
    this.keep = !settings.isContinuous() && settings.meals() <= KEEP_RESULTS_UP_TO;
    this.deadline = settings.isContinuous() ? start + settings.continuous().toNanos() : Long.MAX_VALUE;
    this.ate = ctx.messageAdapter(Philosopher.Dined.class, Ate::new);
    this.watchdog = !settings.footman() && !settings.deadlockAfter().isZero();
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
    places = new Philosopher.Place[faculty];
    this.batched = !settings.quiet() && settings.eat().isZero() && settings.think().isZero();
    ActorRef<Event> chatter =
        settings.quiet() ? null : batched ? ctx.messageAdapter(Event.class, Chattered::new) : listener;
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
        .onMessage(ForkCounted.class, this::onForkCounted)
        .onMessage(FootmanCounted.class, this::onFootmanCounted)
        .onMessage(Judged.class, this::onJudged)
        .onMessage(Watched.class, this::onWatched)
        .onMessageEquals(WatchTick.INSTANCE, this::onWatchTick)
        .onMessageEquals(ProgressTick.INSTANCE, this::onProgressTick)
        .onSignal(ChildFailed.class, this::onChildFailed)
        .onSignal(Terminated.class, t -> this)
        .build();
  }

  private void nextServing() {
    serving++;
    if (serving > settings.servings()) {
      countUp();
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
        countUp();
      }
      return this;
    }
    results[id] = new Result(id, d.eat().toNanos() / 1e9, d.think().toNanos() / 1e9);
    if (++reported == faculty) {
      if (keep || !settings.quiet()) {
        List<Result> round = List.of(results);
        if (keep) {
          kept.add(round);
        }
        if (!settings.quiet()) {
          tell(new Served(Trace.here(), serving, round));
          flush();
        }
      }
      nextServing();
    }
    return this;
  }

  private Behavior<Command> onChattered(Chattered m) {
    batch.add(m.event());
    if (settings.isContinuous() && batch.size() >= 1024) {
      flush(); // no servings to end a batch
    }
    return this;
  }

  /** Tells the listener, after the lines of the batch so far. */
  private void tell(Event e) {
    if (batched) {
      batch.add(e);
    } else {
      listener.tell(e);
    }
  }

  private void flush() {
    if (!batch.isEmpty()) {
      listener.tell(new Batch(Trace.here(), batch));
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
    return this;
  }

  /** Every meal is in: count what the forks and the footman say, then ask the observer. */
  private void countUp() {
    end = System.nanoTime();
    flush();
    timers.cancelAll();
    pending = faculty + (footman == null ? 0 : 1);
    Trace t = Trace.here();
    ActorRef<Fork.State> forkStates = getContext().messageAdapter(Fork.State.class, ForkCounted::new);
    forks.forEach(f -> f.tell(new Fork.Inspect(t, forkStates)));
    if (footman != null) {
      footman.tell(new Footman.Inspect(t, getContext().messageAdapter(Footman.State.class, FootmanCounted::new)));
    }
  }

  private Behavior<Command> onForkCounted(ForkCounted m) {
    forksReclaimed += m.state().reclaimed();
    refused += m.state().refused();
    return counted();
  }

  private Behavior<Command> onFootmanCounted(FootmanCounted m) {
    seatsReclaimed += m.state().reclaimed();
    refused += m.state().refused();
    longestQueue = m.state().longestQueue();
    return counted();
  }

  private Behavior<Command> counted() {
    if (--pending > 0) {
      return this;
    }
    if (observer == null) {
      return finish(null);
    }
    // Every fork and the footman answered after their last change, so every event is with
    // the observer before this request.
    int expected = settings.isContinuous() ? -1 : settings.servings();
    observer.tell(new Observer.Report(Trace.here(), expected, getContext().messageAdapter(TableCheck.Verdict.class, Judged::new)));
    return this;
  }

  private Behavior<Command> onJudged(Judged m) {
    return finish(m.verdict());
  }

  private Behavior<Command> finish(TableCheck.Verdict verdict) {
    List<Long> each = new ArrayList<>(faculty);
    for (long n : mealsEach) {
      each.add(n);
    }
    listener.tell(
        new DinnerDone(
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
            forksReclaimed,
            seatsReclaimed,
            refused,
            longestQueue,
            verdict));
    return Behaviors.stopped();
  }

  private Behavior<Command> onWatchTick() {
    long idle = System.nanoTime() - Math.max(lastMeal, lastLook);
    if (!watching && pending == 0 && end == 0 && idle >= settings.deadlockAfter().toNanos()) {
      watching = true;
      getContext().spawn(
          Tracing.traced(
              Watchdog.Command.class,
              trace,
              Watchdog.create(forks, WATCHDOG_TIMEOUT, getContext().messageAdapter(Watchdog.Verdict.class, Watched::new))),
          "watchdog-" + (++looks),
          DispatcherSelector.sameAsParent());
    }
    return this;
  }

  private Behavior<Command> onWatched(Watched m) {
    watching = false;
    if (m.verdict() instanceof Watchdog.Deadlock d) {
      getContext().getLog().debug("deadlock: {}", d.forks());
      flush();
      listener.tell(
          new Deadlocked(Trace.here(), faculty, meals, serving - 1, System.nanoTime() - lastMeal, d.cycle()));
      return Behaviors.stopped();
    }
    // Slow, not stuck: look again only after another quiet spell.
    lastLook = System.nanoTime();
    return this;
  }

  private Behavior<Command> onProgressTick() {
    long expected = settings.isContinuous() ? -1 : settings.meals();
    listener.tell(new Progress(Trace.here(), meals, expected, System.nanoTime() - start));
    return this;
  }
}
