package deli.spread;

import deli.core.Timed;
import deli.service.Live;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One {@link Work} spread over the pools of the cluster, a short-lived child of a
 * {@link Spreader}: it keeps {@code window} batches at each reachable pool, hands the next
 * batch to whichever pool answers, and ends once every unit is answered. A batch whose pool
 * leaves the listing, or that gets no answer in {@code batch-timeout}, is sent again; the
 * bookkeeping is {@link Batches}.
 */
final class SpreadJob<C, A> extends AbstractBehavior<SpreadJob.Command> {
  interface Command {}

  /** The reachable pools now (the parent forwards every change of the listing). */
  record Pools(List<? extends ActorRef<?>> pools) implements Command {}

  /** Stop at once: the job fails with {@code reason}. */
  record Abort(String reason) implements Command {}

  private record Answered(Object answer, Trace trace) implements Command, Traced {}

  private record TimedOut(long sendId) implements Command {}

  private enum NoPoolTimeout implements Command {
    INSTANCE
  }

  private enum ShowTick implements Command {
    INSTANCE
  }

  /** How often a job on a node shows its progress on the live page. */
  static final Duration SHOW_EVERY = Duration.ofMillis(250);

  /**
   * What a job tells its parent as it ends, before it tells its work (so that the parent's
   * figures already count it when the caller hears): the units done (0 if it failed), the
   * batches each node answered (by its name).
   */
  record Done(ActorRef<Command> job, int units, Map<String, Integer> batchesByNode) {}

  private final Work<C, A> work;
  private final SpreadSettings settings;
  private final ActorRef<Done> parent;
  private final TimerScheduler<Command> timers;
  private final ActorRef<A> answers;
  private final Batches<ActorRef<C>> batches;
  private final Set<ActorRef<C>> greeted = new HashSet<>();
  private final String kind;
  private final Trace trace;
  private final long start = System.nanoTime();
  // units answered, by node, for the live page: kept only when the job shows itself
  private final Map<String, Long> unitsByNode = new TreeMap<>();
  private long unitsDone;
  private boolean reported;
  private List<ActorRef<C>> pools;

  /** @param kind the front's name, when the job shows itself on the node's live page; null: it does not */
  static <C, A> Behavior<Command> create(
      Trace trace, Work<C, A> work, SpreadSettings settings, List<ActorRef<C>> pools, ActorRef<Done> parent, String kind) {
    return Tracing.traced(
        Command.class,
        trace,
        Timed.setup(SpreadJob.class, (ctx, timers) -> new SpreadJob<>(ctx, timers, work, settings, pools, parent, kind, trace)));
  }

  private SpreadJob(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Work<C, A> work,
      SpreadSettings settings,
      List<ActorRef<C>> pools,
      ActorRef<Done> parent,
      String kind,
      Trace trace) {
    super(ctx);
    this.kind = kind;
    this.trace = trace;
    if (kind != null) {
      timers.startTimerWithFixedDelay(ShowTick.INSTANCE, SHOW_EVERY);
    }
    this.work = work;
    this.settings = settings;
    this.parent = parent;
    this.timers = timers;
    this.pools = pools;
    this.answers = ctx.messageAdapter(work.answerType(), a -> new Answered(a, a instanceof Traced t ? t.trace() : Trace.here()));
    this.batches = new Batches<>(work.units(), pools.size(), settings.batchSize(), settings.window(), settings.attempts());
    send();
  }

  /** The pools in a fixed order (by path), so that every job starts alike. */
  static <C> List<ActorRef<C>> sorted(Collection<ActorRef<C>> pools) {
    List<ActorRef<C>> out = new ArrayList<>(pools);
    out.sort(Comparator.comparing(r -> r.path().toString()));
    return List.copyOf(out);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Pools.class, this::onPools)
        .onMessage(TimedOut.class, this::onTimedOut)
        .onMessage(Abort.class, a -> fail(a.reason()))
        .onMessageEquals(ShowTick.INSTANCE, () -> show("running"))
        .onMessage(NoPoolTimeout.class, n -> fail("no pool reachable for " + settings.batchTimeout().toMillis() + " ms"))
        .onSignal(PostStop.class, p -> {
          report(0, Map.of()); // stopped otherwise (its parent or system stopping): the parent still hears
          return this;
        })
        .build();
  }

  /** Tells the parent once that this job ended. */
  private void report(int units, Map<String, Integer> byNode) {
    if (!reported) {
      reported = true;
      parent.tell(new Done(getContext().getSelf(), units, byNode));
    }
  }

  private Behavior<Command> onAnswered(Answered m) {
    @SuppressWarnings("unchecked")
    A a = (A) m.answer();
    long id = work.sendId(a);
    if (work.working(a)) {
      if (batches.isOut(id)) {
        timers.startSingleTimer(id, new TimedOut(id), settings.batchTimeout());
      }
      return this;
    }
    timers.cancel(id);
    Batches.Taken<ActorRef<C>> taken = batches.take(id);
    if (taken == null) {
      return this; // a late answer to a batch answered already
    }
    Work.Failure refused = work.accept(a, taken.from(), taken.to());
    if (refused == null) {
      batches.keep(taken);
      if (kind != null) {
        unitsDone += taken.to() - taken.from();
        unitsByNode.merge(taken.pool() == null ? "unknown" : nodeOf(taken.pool()), (long) (taken.to() - taken.from()), Long::sum);
      }
    } else {
      String failure = batches.refuse(taken, refused.reason(), refused.retry());
      if (failure != null) {
        return fail(failure);
      }
      getContext().getLog().warn("{} failed at {}: {}", work.describe(taken.from(), taken.to()), taken.pool(), refused.reason());
    }
    if (batches.complete()) {
      Map<String, Integer> byNode = new TreeMap<>();
      batches.answeredBy().forEach((pool, n) -> byNode.merge(nodeOf(pool), n, Integer::sum));
      report(work.units(), Map.copyOf(byNode));
      show("done");
      work.complete(Map.copyOf(byNode));
      return Behaviors.stopped();
    }
    return send();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onPools(Pools m) {
    pools = (List<ActorRef<C>>) m.pools();
    greeted.retainAll(pools);
    for (Batches.Send<ActorRef<C>> s : batches.lost(pools)) {
      timers.cancel(s.id());
      getContext().getLog().info("{} were at {}, no longer reachable: sending them again", work.describe(s.from(), s.to()), s.pool().path().address());
    }
    return send();
  }

  private Behavior<Command> onTimedOut(TimedOut t) {
    String failure = batches.timedOut(t.sendId(), "no answer within " + settings.batchTimeout().toMillis() + " ms");
    return failure != null ? fail(failure) : send();
  }

  private Behavior<Command> fail(String why) {
    int[] missing = batches.firstMissing();
    report(0, Map.of());
    show("failed");
    work.fail(work.describe(missing[0], missing[1]) + " not done: " + why);
    return Behaviors.stopped();
  }

  /** Sends what the windows have room for; with no pool at all, waits at most batch-timeout. */
  private Behavior<Command> send() {
    if (pools.isEmpty()) {
      if (batches.hasQueued() && !timers.isTimerActive(NoPoolTimeout.INSTANCE)) {
        timers.startSingleTimer(NoPoolTimeout.INSTANCE, NoPoolTimeout.INSTANCE, settings.batchTimeout());
      }
      return this;
    }
    timers.cancel(NoPoolTimeout.INSTANCE);
    for (Batches.Send<ActorRef<C>> s : batches.assign(pools)) {
      if (greeted.add(s.pool())) {
        work.greet(Trace.here()).forEach(s.pool()::tell);
      }
      s.pool().tell(work.request(Trace.here(), s.id(), s.from(), s.to(), answers));
      timers.startSingleTimer(s.id(), new TimedOut(s.id()), settings.batchTimeout());
    }
    return this;
  }

  /** Publishes the job's progress for the live page, when it shows itself. */
  private Behavior<Command> show(String state) {
    if (kind != null) {
      JobView view = new JobView(kind, state, unitsDone, work.units(), unitsByNode, (System.nanoTime() - start) / 1e9);
      Live.publish(getContext().getSystem(), "job", trace.id(), view, !state.equals("running"));
    }
    return this;
  }

  /** {@code host:port} of the pool's node, as trace lines name nodes. */
  private String nodeOf(ActorRef<?> pool) {
    Address a = pool.path().address();
    if (a.hasLocalScope()) {
      a = getContext().getSystem().address();
    }
    return a.host().isDefined() ? a.host().get() + ":" + a.port().get() : "local";
  }
}
