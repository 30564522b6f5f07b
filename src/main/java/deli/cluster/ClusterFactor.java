package deli.cluster;

import deli.core.CborSerializable;
import deli.factor.FactorPool;
import deli.factor.Numbers;
import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * Factor work spread over the cluster: it speaks the {@link FactorPool} protocol, so the HTTP
 * edge and {@code FactorPoolClient} use it as they would a pool, and spreads each
 * {@link FactorPool.FactorAll} in batches over the pools of every node, as the Receptionist
 * lists them under {@link FactorPool#SERVICE_KEY}, through a {@link SpreadJob} per request.
 * A pool that leaves the listing (its node unreachable, removed, or the pool stopped) has its
 * batches sent again to the others. Lone {@link FactorPool.FactorBatch}es go round the pools.
 */
public final class ClusterFactor extends AbstractBehavior<FactorPool.Command> {

  /** The reachable pools, from the Receptionist. */
  private record PoolsListed(Receptionist.Listing listing) implements FactorPool.Command {}

  private record JobDone(SpreadJob.Done done) implements FactorPool.Command {}

  /** Asks for the front's figures since it started. */
  public record GetStats(ActorRef<Stats> replyTo) implements FactorPool.Command {}

  /**
   * The front's figures: jobs done, their numbers, the batches each node answered (by
   * {@code host:port}), and the pools reachable now.
   */
  public record Stats(long jobs, long numbers, Map<String, Long> batchesByNode, int pools) implements CborSerializable {}

  private final ClusterSettings settings;
  private final List<ActorRef<SpreadJob.Command>> jobs = new ArrayList<>();
  private List<ActorRef<FactorPool.Command>> pools = List.of();
  // Requests that came before the first listing: the Receptionist answers in a moment.
  private List<FactorPool.Command> beforeListing = new ArrayList<>();
  private ActorRef<FactorPool.Stopped> stopWatcher;
  private long jobCount;
  private long done;
  private long numbersDone;
  private final Map<String, Long> batchesByNode = new TreeMap<>();
  private final ActorRef<SpreadJob.Done> jobDone;
  private int next;

  /** Untraced, like every service's behavior: whoever spawns it wraps it in Tracing. */
  public static Behavior<FactorPool.Command> create(ClusterSettings settings) {
    return Behaviors.setup(ctx -> new ClusterFactor(ctx, settings));
  }

  private ClusterFactor(ActorContext<FactorPool.Command> ctx, ClusterSettings settings) {
    super(ctx);
    this.settings = settings;
    this.jobDone = ctx.messageAdapter(SpreadJob.Done.class, JobDone::new);
    ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, PoolsListed::new);
    ctx.getSystem().receptionist().tell(Receptionist.subscribe(FactorPool.SERVICE_KEY, listings));
  }

  @Override
  public Receive<FactorPool.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PoolsListed.class, this::onPoolsListed)
        .onMessage(FactorPool.FactorAll.class, this::onFactorAll)
        .onMessage(FactorPool.FactorBatch.class, this::onFactorBatch)
        .onMessage(JobDone.class, this::onJobReport)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(FactorPool.Close.class, c -> onStop(c.replyTo(), false))
        .onMessage(FactorPool.Terminate.class, t -> onStop(t.replyTo(), true))
        .onSignal(Terminated.class, this::onJobDone)
        .build();
  }

  private Behavior<FactorPool.Command> onPoolsListed(PoolsListed m) {
    // Reachable instances only: a node that stops answering leaves this list at once, long
    // before it is downed and removed.
    pools = SpreadJob.sorted(m.listing().getServiceInstances(FactorPool.SERVICE_KEY));
    for (ActorRef<SpreadJob.Command> job : jobs) {
      job.tell(new SpreadJob.Pools(pools));
    }
    if (beforeListing != null) {
      List<FactorPool.Command> waiting = beforeListing;
      beforeListing = null;
      for (FactorPool.Command w : waiting) {
        if (w instanceof FactorPool.FactorAll all) {
          startJob(all);
        } else if (w instanceof FactorPool.FactorBatch batch) {
          route(batch);
        }
      }
    }
    return stopWhenDone();
  }

  private Behavior<FactorPool.Command> onFactorAll(FactorPool.FactorAll m) {
    if (stopWatcher != null) {
      m.replyTo().tell(new FactorPool.AllFailed(Trace.here(), "the cluster's factor front is closed"));
      return this;
    }
    String bad = belowTwo(m.numbers());
    if (bad != null) {
      m.replyTo().tell(new FactorPool.AllFailed(Trace.here(), bad));
      return this;
    }
    if (m.numbers().isEmpty()) {
      m.replyTo().tell(new FactorPool.AllFactored(Trace.here(), List.of()));
      return this;
    }
    if (beforeListing != null) {
      beforeListing.add(m);
    } else {
      startJob(m);
    }
    return this;
  }

  /** A request accepted: its job starts now, even if a Close has come since. */
  private void startJob(FactorPool.FactorAll m) {
    ActorRef<SpreadJob.Command> job =
        getContext().spawn(SpreadJob.create(m.trace(), m.numbers(), settings, pools, m.replyTo(), jobDone), "job-" + ++jobCount);
    getContext().watch(job);
    jobs.add(job);
  }

  private Behavior<FactorPool.Command> onJobReport(JobDone m) {
    numbersDone += m.done().numbers();
    m.done().batchesByNode().forEach((node, n) -> batchesByNode.merge(node, (long) n, Long::sum));
    return this;
  }

  private Behavior<FactorPool.Command> onGetStats(GetStats m) {
    m.replyTo().tell(new Stats(done, numbersDone, java.util.Collections.unmodifiableMap(new TreeMap<>(batchesByNode)), pools.size()));
    return this;
  }

  private Behavior<FactorPool.Command> onFactorBatch(FactorPool.FactorBatch b) {
    if (stopWatcher != null) {
      b.replyTo().tell(new FactorPool.BatchFailed(Trace.here(), b.batchId(), "the cluster's factor front is closed"));
    } else if (beforeListing != null) {
      beforeListing.add(b);
    } else {
      route(b);
    }
    return this;
  }

  /** A lone batch goes to the next pool round the reachable ones. */
  private void route(FactorPool.FactorBatch b) {
    if (pools.isEmpty()) {
      b.replyTo().tell(new FactorPool.BatchFailed(Trace.here(), b.batchId(), "no factor pool is reachable"));
      return;
    }
    pools.get(next++ % pools.size()).tell(new FactorPool.FactorBatch(Trace.here(), b.batchId(), b.numbers(), b.replyTo()));
  }

  private Behavior<FactorPool.Command> onStop(ActorRef<FactorPool.Stopped> replyTo, boolean terminate) {
    stopWatcher = replyTo;
    if (terminate) {
      jobs.forEach(getContext()::stop);
      if (beforeListing != null) {
        for (FactorPool.Command m : beforeListing) {
          if (m instanceof FactorPool.FactorAll all) {
            all.replyTo().tell(new FactorPool.AllFailed(Trace.here(), "the cluster's factor front was terminated"));
          } else if (m instanceof FactorPool.FactorBatch batch) {
            batch.replyTo().tell(new FactorPool.BatchFailed(Trace.here(), batch.batchId(), "the cluster's factor front was terminated"));
          }
        }
        beforeListing.clear();
      }
    }
    return stopWhenDone();
  }

  private Behavior<FactorPool.Command> onJobDone(Terminated t) {
    jobs.remove(t.getRef());
    done++;
    return stopWhenDone();
  }

  private Behavior<FactorPool.Command> stopWhenDone() {
    if (stopWatcher == null || !jobs.isEmpty() || (beforeListing != null && !beforeListing.isEmpty())) {
      return this;
    }
    stopWatcher.tell(new FactorPool.Stopped(Trace.here(), done, 0));
    return Behaviors.stopped();
  }

  /** Whether every number can be factored: null, or why not. */
  private static String belowTwo(Numbers numbers) {
    for (int i = 0; i < numbers.size(); i++) {
      if (numbers.get(i) < 2) {
        return "number " + (i + 1) + " is " + numbers.get(i) + ": it has no prime factors";
      }
    }
    return null;
  }
}
