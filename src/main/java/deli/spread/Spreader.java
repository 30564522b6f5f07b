package deli.spread;

import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The front of one program's work spread over the cluster: it follows the pools the
 * Receptionist lists under the program's key (reachable ones only: a node that stops answering
 * leaves the listing at once, long before it is downed) and runs each {@link Work} it is given
 * as a {@link SpreadJob} over them. It starts waiting for the first listing (the Receptionist
 * answers in a moment), is then open, and once closed refuses new work and stops when its
 * jobs are done.
 */
public final class Spreader<C> extends AbstractBehavior<Spreader.Command> {
  public interface Command {}

  /** Run {@code work} over the cluster's pools. */
  public record Start(Trace trace, Work<?, ?> work) implements Command, Traced {}

  /** Asks for the front's figures since it started. */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** Refuse new work; with {@code terminate}, fail the jobs in hand too; then stop and say so. */
  public record Close(boolean terminate, ActorRef<Closed> replyTo) implements Command {}

  /** The front has stopped after {@code jobs} jobs. */
  public record Closed(long jobs) {}

  /**
   * The front's figures: jobs done, their units, the batches each node answered (by
   * {@code host:port}), and the pools reachable now.
   */
  public record Stats(long jobs, long units, Map<String, Long> batchesByNode, int pools) implements CborSerializable {}

  private record PoolsListed(Receptionist.Listing listing) implements Command {}

  private record JobDone(SpreadJob.Done done) implements Command {}

  private final ServiceKey<C> key;
  private final String name;
  private final SpreadSettings settings;
  private final ActorRef<SpreadJob.Done> jobDone;
  private final List<ActorRef<SpreadJob.Command>> jobs = new ArrayList<>();
  private final List<Start> beforeListing = new ArrayList<>();
  private final Map<String, Long> batchesByNode = new TreeMap<>();
  private List<ActorRef<C>> pools = List.of();
  private long started;
  private long done;
  private long unitsDone;

  /**
   * A front for the pools under {@code key}; {@code name} is how refusals name it ("the
   * cluster's factor front is closed"). Untraced, like every service's behavior.
   */
  public static <C> Behavior<Command> create(ServiceKey<C> key, String name, SpreadSettings settings) {
    return Behaviors.setup(ctx -> new Spreader<>(ctx, key, name, settings, ctx.getSystem().receptionist()));
  }

  /** As {@link #create}, following the listings of {@code receptionist} (a test's, which lists when it is told). */
  static <C> Behavior<Command> create(ServiceKey<C> key, String name, SpreadSettings settings, ActorRef<Receptionist.Command> receptionist) {
    return Behaviors.setup(ctx -> new Spreader<>(ctx, key, name, settings, receptionist));
  }

  /** A front over {@code pools} alone, which never change (a command's one pool, in its own JVM): open at once. */
  public static <C> Behavior<Command> over(List<ActorRef<C>> pools, String name, SpreadSettings settings) {
    return Behaviors.setup(
        ctx -> {
          Spreader<C> s = new Spreader<>(ctx, null, name, settings, null);
          s.pools = SpreadJob.sorted(pools);
          return s.open();
        });
  }

  private Spreader(
      ActorContext<Command> ctx, ServiceKey<C> key, String name, SpreadSettings settings, ActorRef<Receptionist.Command> receptionist) {
    super(ctx);
    this.key = key;
    this.name = name;
    this.settings = settings;
    this.jobDone = ctx.messageAdapter(SpreadJob.Done.class, JobDone::new);
    if (key != null) {
      receptionist.tell(Receptionist.subscribe(key, ctx.messageAdapter(Receptionist.Listing.class, PoolsListed::new)));
    }
  }

  /** Waiting for the first listing: work waits too. */
  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PoolsListed.class, this::onFirstListing)
        .onMessage(Start.class, s -> {
          beforeListing.add(s);
          return this;
        })
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Close.class, c -> c.terminate() ? terminatedBeforeListing(c.replyTo()) : closedBeforeListing(c.replyTo()))
        .build();
  }

  /** Terminated before the first listing: the work waiting fails, and the front stops. */
  private Behavior<Command> terminatedBeforeListing(ActorRef<Closed> replyTo) {
    beforeListing.forEach(s -> s.work().fail("the cluster's " + name + " front was terminated"));
    beforeListing.clear();
    replyTo.tell(new Closed(0));
    return Behaviors.stopped();
  }

  /**
   * Closed before the first listing (a node stopping as it starts): the work it took waits for
   * the listing and is done like any other, as a closed front does; new work is refused.
   */
  private Behavior<Command> closedBeforeListing(ActorRef<Closed> replyTo) {
    return newReceiveBuilder()
        .onMessage(PoolsListed.class, m -> {
          startWaitingWork(m);
          return closing(replyTo);
        })
        .onMessage(Start.class, s -> {
          s.work().fail("the cluster's " + name + " front is closed");
          return Behaviors.same();
        })
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Close.class, c -> {
          if (c.terminate()) {
            c.replyTo().tell(new Closed(0));
            return terminatedBeforeListing(replyTo);
          }
          c.replyTo().tell(new Closed(0));
          return Behaviors.same();
        })
        .build();
  }

  private Behavior<Command> onFirstListing(PoolsListed m) {
    startWaitingWork(m);
    return open();
  }

  /** The first listing: the work that waited for it starts. */
  private void startWaitingWork(PoolsListed m) {
    onListing(m);
    beforeListing.forEach(this::startJob);
    beforeListing.clear();
  }

  private Behavior<Command> open() {
    return newReceiveBuilder()
        .onMessage(PoolsListed.class, m -> {
          onListing(m);
          return Behaviors.same();
        })
        .onMessage(Start.class, s -> {
          startJob(s);
          return Behaviors.same();
        })
        .onMessage(JobDone.class, this::onJobReport)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Close.class, this::onClose)
        .build();
  }

  private Behavior<Command> closing(ActorRef<Closed> replyTo) {
    if (jobs.isEmpty()) {
      replyTo.tell(new Closed(done));
      return Behaviors.stopped();
    }
    return newReceiveBuilder()
        .onMessage(PoolsListed.class, m -> {
          onListing(m);
          return Behaviors.same();
        })
        .onMessage(Start.class, s -> {
          s.work().fail("the cluster's " + name + " front is closed");
          return Behaviors.same();
        })
        .onMessage(JobDone.class, m -> {
          onJobReport(m);
          return closing(replyTo);
        })
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Close.class, c -> {
          if (c.terminate()) {
            jobs.forEach(j -> j.tell(new SpreadJob.Abort("the cluster's " + name + " front was terminated")));
          }
          c.replyTo().tell(new Closed(done));
          return Behaviors.same();
        })
        .build();
  }

  private void onListing(PoolsListed m) {
    pools = SpreadJob.sorted(m.listing().getServiceInstances(key));
    for (ActorRef<SpreadJob.Command> job : jobs) {
      job.tell(new SpreadJob.Pools(pools));
    }
  }

  @SuppressWarnings("unchecked")
  private void startJob(Start s) {
    Work<C, Object> work = (Work<C, Object>) s.work();
    if (work.units() == 0) {
      work.complete(Map.of());
      done++;
      return;
    }
    ActorRef<SpreadJob.Command> job =
        getContext().spawn(SpreadJob.create(s.trace(), work, settings, pools, jobDone, key == null ? null : name), "job-" + ++started);
    jobs.add(job);
  }

  /** A job ended (it says so once, whichever way it ended). */
  private Behavior<Command> onJobReport(JobDone m) {
    jobs.remove(m.done().job());
    done++;
    unitsDone += m.done().units();
    m.done().batchesByNode().forEach((node, n) -> batchesByNode.merge(node, (long) n, Long::sum));
    return Behaviors.same();
  }

  private Behavior<Command> onGetStats(GetStats m) {
    m.replyTo().tell(new Stats(done, unitsDone, Collections.unmodifiableMap(new TreeMap<>(batchesByNode)), pools.size()));
    return Behaviors.same();
  }

  private Behavior<Command> onClose(Close c) {
    if (c.terminate()) {
      jobs.forEach(j -> j.tell(new SpreadJob.Abort("the cluster's " + name + " front was terminated")));
    }
    return closing(c.replyTo());
  }
}
