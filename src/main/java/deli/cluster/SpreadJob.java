package deli.cluster;

import deli.factor.FactorPool;
import deli.factor.Numbers;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One {@link FactorPool.FactorAll} spread over the cluster, a short-lived child of
 * {@link ClusterFactor}: it cuts the numbers into batches, keeps {@code window} batches at each
 * reachable pool, hands the next batch to whichever pool answers, and puts the answers
 * together in request order. A batch whose pool leaves the listing, or that gets no answer in
 * {@code batch-timeout}, is sent again; the first answer for a batch is kept and any later one
 * dropped, so every number is in the answer exactly once.
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

  /** What a job tells its parent as it ends: the batches each node answered, by its name. */
  record Done(int numbers, Map<String, Integer> batchesByNode) {}

  private enum NoPoolTimeout implements Command {
    INSTANCE
  }

  /** A batch out at a pool. */
  private record Sent(int batch, ActorRef<FactorPool.Command> pool) {}

  private final Numbers numbers;
  private final ClusterSettings settings;
  private final ActorRef<FactorPool.AllAnswer> replyTo;
  private final ActorRef<Done> parent;
  private final Map<String, Integer> batchesByNode = new java.util.TreeMap<>();
  private final TimerScheduler<Command> timers;
  private final ActorRef<FactorPool.BatchAnswer> answers;
  private final int batchSize;
  private final int batches;
  private final Numbers[] results;
  private final boolean[] done;
  private final int[] attempts;
  private final ArrayDeque<Integer> todo = new ArrayDeque<>();
  // Keyed by send id (attempt << 32 | batch), so an answer is matched to the send it answers.
  private final Map<Long, Sent> out = new HashMap<>();
  private final Map<ActorRef<FactorPool.Command>, Integer> load = new HashMap<>();
  private List<ActorRef<FactorPool.Command>> pools;
  private int answered;
  private int next;

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
    this.parent = parent;
    this.numbers = numbers;
    this.settings = settings;
    this.replyTo = replyTo;
    this.timers = timers;
    this.pools = pools;
    this.answers = ctx.messageAdapter(FactorPool.BatchAnswer.class, Answered::new);
    this.batchSize = batchSize(numbers.size(), Math.max(1, pools.size()), settings);
    this.batches = (numbers.size() + batchSize - 1) / batchSize;
    this.results = new Numbers[numbers.size()];
    this.done = new boolean[batches];
    this.attempts = new int[batches];
    for (int b = 0; b < batches; b++) {
      todo.add(b);
    }
    send();
  }

  /** Batches of at most batch-size, and small enough that every pool gets a full window. */
  static int batchSize(int count, int pools, ClusterSettings settings) {
    long slots = (long) pools * settings.window();
    return (int) Math.max(1, Math.min(settings.batchSize(), (count + slots - 1) / slots));
  }

  /** The pools in a fixed order (by address, then path), so that every job starts alike. */
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
        .onMessage(NoPoolTimeout.class, n -> fail("no factor pool reachable for " + ms(settings.batchTimeout())))
        .build();
  }

  private Behavior<Command> onAnswered(Answered m) {
    FactorPool.BatchAnswer a = m.answer();
    Sent sent = out.remove(a.batchId());
    if (sent != null) {
      release(a.batchId(), sent);
    }
    int b = (int) (a.batchId() & 0xffffffffL);
    if (b < 0 || b >= batches || done[b]) {
      return this; // an answer to a batch that another send already answered
    }
    if (a instanceof FactorPool.BatchFactored f) {
      int from = b * batchSize;
      if (f.factors().size() != Math.min(batchSize, numbers.size() - from)) {
        return resendOrFail(b, "a pool answered " + f.factors().size() + " numbers");
      }
      for (int i = 0; i < f.factors().size(); i++) {
        results[from + i] = f.factors().get(i);
      }
      done[b] = true;
      if (sent != null) {
        batchesByNode.merge(nodeOf(sent.pool()), 1, Integer::sum);
      }
      if (++answered == batches) {
        replyTo.tell(new FactorPool.AllFactored(Trace.here(), List.of(results)));
        parent.tell(new Done(numbers.size(), Map.copyOf(batchesByNode)));
        return Behaviors.stopped();
      }
    } else if (a instanceof FactorPool.BatchFailed failed && sent != null) {
      return resendOrFail(b, failed.reason());
    }
    return send();
  }

  private Behavior<Command> onPools(Pools m) {
    Set<ActorRef<FactorPool.Command>> now = new HashSet<>(m.pools());
    List<Long> lost = new ArrayList<>();
    out.forEach((id, sent) -> {
      if (!now.contains(sent.pool())) {
        lost.add(id);
      }
    });
    // Lost batches go first, lowest first, so that the answer is not held up by them.
    lost.sort(Comparator.reverseOrder());
    for (long id : lost) {
      Sent sent = out.remove(id);
      release(id, sent);
      if (!done[sent.batch()]) {
        getContext().getLog().info("batch {} was at {}, no longer reachable: sending it again", sent.batch(), sent.pool().path().address());
        todo.addFirst(sent.batch());
      }
    }
    load.keySet().retainAll(now);
    pools = m.pools();
    return send();
  }

  private Behavior<Command> onTimedOut(TimedOut t) {
    Sent sent = out.remove(t.sendId());
    if (sent == null) {
      return this;
    }
    release(t.sendId(), sent);
    if (done[sent.batch()]) {
      return send();
    }
    return resendOrFail(sent.batch(), "no answer from " + sent.pool().path().address() + " within " + ms(settings.batchTimeout()));
  }

  private Behavior<Command> resendOrFail(int b, String why) {
    if (attempts[b] >= settings.attempts()) {
      return fail(why + " (sent " + attempts[b] + " times)");
    }
    getContext().getLog().warn("batch {}: {}; sending it again", b, why);
    todo.addFirst(b);
    return send();
  }

  private Behavior<Command> fail(String why) {
    long first = 1;
    long last = numbers.size();
    for (int b = 0; b < batches; b++) {
      if (!done[b]) {
        first = (long) b * batchSize + 1;
        last = Math.min(numbers.size(), first + batchSize - 1);
        break;
      }
    }
    replyTo.tell(new FactorPool.AllFailed(Trace.here(), "numbers " + first + " to " + last + " not factored: " + why));
    return Behaviors.stopped();
  }

  /** Hands batches to the least loaded pools while any has room in its window. */
  private Behavior<Command> send() {
    if (pools.isEmpty()) {
      if (!todo.isEmpty() && !timers.isTimerActive(NoPoolTimeout.INSTANCE)) {
        timers.startSingleTimer(NoPoolTimeout.INSTANCE, NoPoolTimeout.INSTANCE, settings.batchTimeout());
      }
      return this;
    }
    timers.cancel(NoPoolTimeout.INSTANCE);
    while (!todo.isEmpty()) {
      ActorRef<FactorPool.Command> pool = leastLoaded();
      if (pool == null) {
        break;
      }
      int b = todo.poll();
      if (done[b]) {
        continue;
      }
      int attempt = ++attempts[b];
      long id = ((long) attempt << 32) | b;
      int from = b * batchSize;
      out.put(id, new Sent(b, pool));
      load.merge(pool, 1, Integer::sum);
      pool.tell(new FactorPool.FactorBatch(Trace.here(), id, numbers.slice(from, Math.min(numbers.size(), from + batchSize)), answers));
      timers.startSingleTimer(id, new TimedOut(id), settings.batchTimeout());
    }
    return this;
  }

  private ActorRef<FactorPool.Command> leastLoaded() {
    ActorRef<FactorPool.Command> best = null;
    int bestLoad = settings.window();
    for (int i = 0; i < pools.size(); i++) {
      ActorRef<FactorPool.Command> p = pools.get((next + i) % pools.size());
      int l = load.getOrDefault(p, 0);
      if (l < bestLoad) {
        best = p;
        bestLoad = l;
      }
    }
    next++;
    return best;
  }

  /** {@code host:port} of the pool's node, as trace lines name nodes. */
  private String nodeOf(ActorRef<?> pool) {
    org.apache.pekko.actor.Address a = pool.path().address();
    if (a.hasLocalScope()) {
      a = getContext().getSystem().address();
    }
    return a.host().isDefined() ? a.host().get() + ":" + a.port().get() : "local";
  }

  private void release(long id, Sent sent) {
    timers.cancel(id);
    load.computeIfPresent(sent.pool(), (p, l) -> l > 1 ? l - 1 : null);
  }

  private static String ms(java.time.Duration d) {
    return d.toMillis() + " ms";
  }
}
