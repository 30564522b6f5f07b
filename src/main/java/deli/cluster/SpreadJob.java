package deli.cluster;

import deli.factor.FactorPool;
import deli.factor.Numbers;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One {@link FactorPool.FactorAll} spread over the cluster, a short-lived child of
 * {@link ClusterFactor}: it keeps {@code window} batches at each reachable pool, hands the next
 * batch to whichever pool answers, and answers once, in request order. A batch whose pool
 * leaves the listing, or that gets no answer in {@code batch-timeout}, is sent again; the
 * bookkeeping is {@link Batches}.
 */
final class SpreadJob extends AbstractBehavior<SpreadJob.Command> {
  interface Command {}

  /** The reachable pools now (the parent forwards every change of the listing). */
  record Pools(List<ActorRef<FactorPool.Command>> pools) implements Command {}

  private record Answered(FactorPool.BatchAnswer answer) implements Command, Traced {
    @Override
    public Trace trace() {
      return answer.trace();
    }
  }

  private record TimedOut(long sendId) implements Command {}

  private enum NoPoolTimeout implements Command {
    INSTANCE
  }

  /** What a job tells its parent as it ends: the batches each node answered, by its name. */
  record Done(int numbers, Map<String, Integer> batchesByNode) {}

  private final ClusterSettings settings;
  private final ActorRef<FactorPool.AllAnswer> replyTo;
  private final ActorRef<Done> parent;
  private final TimerScheduler<Command> timers;
  private final ActorRef<FactorPool.BatchAnswer> answers;
  private final Batches<ActorRef<FactorPool.Command>> batches;
  private List<ActorRef<FactorPool.Command>> pools;

  static Behavior<Command> create(
      Trace trace,
      Numbers numbers,
      ClusterSettings settings,
      List<ActorRef<FactorPool.Command>> pools,
      ActorRef<FactorPool.AllAnswer> replyTo,
      ActorRef<Done> parent) {
    return Tracing.traced(
        Command.class,
        trace,
        Behaviors.setup(
            ctx -> Behaviors.withTimers(timers -> new SpreadJob(ctx, timers, numbers, settings, pools, replyTo, parent))));
  }

  private SpreadJob(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Numbers numbers,
      ClusterSettings settings,
      List<ActorRef<FactorPool.Command>> pools,
      ActorRef<FactorPool.AllAnswer> replyTo,
      ActorRef<Done> parent) {
    super(ctx);
    this.settings = settings;
    this.replyTo = replyTo;
    this.parent = parent;
    this.timers = timers;
    this.pools = pools;
    this.answers = ctx.messageAdapter(FactorPool.BatchAnswer.class, Answered::new);
    this.batches = new Batches<>(numbers, pools.size(), settings.batchSize(), settings.window(), settings.attempts());
    send();
  }

  /** The pools in a fixed order (by path), so that every job starts alike. */
  static List<ActorRef<FactorPool.Command>> sorted(Collection<ActorRef<FactorPool.Command>> pools) {
    List<ActorRef<FactorPool.Command>> out = new ArrayList<>(pools);
    out.sort(Comparator.comparing(r -> r.path().toString()));
    return List.copyOf(out);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Pools.class, this::onPools)
        .onMessage(TimedOut.class, this::onTimedOut)
        .onMessage(NoPoolTimeout.class, n -> fail("no factor pool reachable for " + settings.batchTimeout().toMillis() + " ms"))
        .build();
  }

  private Behavior<Command> onAnswered(Answered m) {
    FactorPool.BatchAnswer a = m.answer();
    timers.cancel(a.batchId());
    String failure;
    if (a instanceof FactorPool.BatchFactored f) {
      failure = batches.factored(a.batchId(), f.factors());
    } else {
      String why = ((FactorPool.BatchFailed) a).reason();
      failure = batches.failed(a.batchId(), why);
      if (failure == null) {
        getContext().getLog().warn("batch {} failed at its pool: {}", (int) a.batchId(), why);
      }
    }
    if (failure != null) {
      return fail(failure);
    }
    if (batches.complete()) {
      replyTo.tell(new FactorPool.AllFactored(Trace.here(), batches.results()));
      Map<String, Integer> byNode = new TreeMap<>();
      batches.answeredBy().forEach((pool, n) -> byNode.merge(nodeOf(pool), n, Integer::sum));
      parent.tell(new Done(batches.results().size(), Map.copyOf(byNode)));
      return Behaviors.stopped();
    }
    return send();
  }

  private Behavior<Command> onPools(Pools m) {
    pools = m.pools();
    for (Batches.Send<ActorRef<FactorPool.Command>> s : batches.lost(pools)) {
      timers.cancel(s.id());
      getContext().getLog().info("batch {} was at {}, no longer reachable: sending it again", s.batch(), s.pool().path().address());
    }
    return send();
  }

  private Behavior<Command> onTimedOut(TimedOut t) {
    String why = "no answer within " + settings.batchTimeout().toMillis() + " ms";
    String failure = batches.failed(t.sendId(), why);
    if (failure != null) {
      return fail(failure);
    }
    return send();
  }

  private Behavior<Command> fail(String why) {
    replyTo.tell(new FactorPool.AllFailed(Trace.here(), batches.firstMissing() + " not factored: " + why));
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
    for (Batches.Send<ActorRef<FactorPool.Command>> s : batches.assign(pools)) {
      s.pool().tell(new FactorPool.FactorBatch(Trace.here(), s.id(), s.numbers(), answers));
      timers.startSingleTimer(s.id(), new TimedOut(s.id()), settings.batchTimeout());
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
