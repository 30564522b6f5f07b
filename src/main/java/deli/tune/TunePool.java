package deli.tune;

import deli.core.CborSerializable;
import deli.core.Dispatchers;
import deli.spread.SpreadSettings;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A node's tuning pool: the data of the jobs it works for, read once per job and shared
 * read-only by its {@link TuneWorker}s (a router on the CPU dispatcher), which score the cells
 * jobs ask for. A job first sends {@link Prepare} (its data and grid; CSV in parts, in order),
 * then any number of {@link ScoreCells}. The pool keeps the data of the last
 * {@code cached-jobs} jobs; a job it has dropped gets a failure it may send again.
 */
public final class TunePool extends AbstractBehavior<TunePool.Command> {
  /** Every node registers its pool under this key. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "deli-tune");


  public interface Command extends CborSerializable {}

  /** Part {@code part} of {@code parts} of job {@code job}'s data; the grid comes with each. */
  public record Prepare(Trace trace, String job, TuneData data, Grid grid, int part, int parts) implements Command, Traced {}

  /** Score cells {@code from..to-1} of job {@code job}; the answer carries {@code sendId}. */
  public record ScoreCells(Trace trace, long sendId, String job, int from, int to, ActorRef<CellsAnswer> replyTo)
      implements Command, Traced {}

  /** What {@link ScoreCells} gets. */
  public interface CellsAnswer extends CborSerializable, Traced {
    long sendId();
  }

  /** For each distance the cells touch, in order, how many samples each k classified right. */
  public record CellsScored(Trace trace, long sendId, int[] correct) implements CellsAnswer {}

  /** Not scored; {@code retry}: whether sending again may help (a bad data set will not). */
  public record CellsFailed(Trace trace, long sendId, String reason, boolean retry) implements CellsAnswer {}

  /** A job's data as the pool holds it: parts coming in, ready, or broken (and why). */
  private record JobData(StringBuilder parts, int received, Prepare first, Dataset data, Grid grid, String broken) {}

  private final ActorRef<TuneWorker.Score> workers;
  private final Map<String, JobData> jobs;

  /** A pool with {@code workers} workers, keeping the data of {@code cachedJobs} jobs. Untraced. */
  public static Behavior<Command> create(int workers, int cachedJobs, SpreadSettings spread) {
    return create(workers, cachedJobs, spread, null, null, null);
  }

  /** A pool that already holds job {@code job}'s data (the CLI's: read once, before the pool starts). */
  public static Behavior<Command> create(int workers, int cachedJobs, SpreadSettings spread, String job, Dataset data, Grid grid) {
    return Behaviors.setup(ctx -> new TunePool(ctx, workers, cachedJobs, spread, job, data, grid));
  }

  private TunePool(
      ActorContext<Command> ctx, int workerCount, int cachedJobs, SpreadSettings spread, String job, Dataset data, Grid grid) {
    super(ctx);
    Behavior<TuneWorker.Score> worker =
        Behaviors.supervise(Tracing.traced(TuneWorker.Score.class, TuneWorker.create(spread)))
            .onFailure(SupervisorStrategy.restart().withLoggingEnabled(false));
    this.workers =
        ctx.spawn(
            Routers.pool(workerCount, worker).withRoundRobinRouting().withRouteeProps(Dispatchers.cpu()),
            "workers");
    this.jobs =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, JobData> eldest) {
            return size() > cachedJobs;
          }
        };
    if (job != null) {
      jobs.put(job, new JobData(null, 0, null, data, grid, null));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Prepare.class, this::onPrepare)
        .onMessage(ScoreCells.class, this::onScore)
        .build();
  }

  private Behavior<Command> onPrepare(Prepare m) {
    JobData known = jobs.get(m.job());
    if (known != null && (known.data() != null || known.broken() != null)) {
      return this; // held already (the CLI's job, or a job sent again after a lost node)
    }
    if (m.part() == 1) {
      known = new JobData(new StringBuilder(m.data().csv() == null ? "" : m.data().csv()), 1, m, null, null, null);
    } else if (known == null || known.received() != m.part() - 1) {
      jobs.put(m.job(), broken("part " + m.part() + " of the data came without the parts before it"));
      return this;
    } else {
      known = new JobData(known.parts().append(m.data().csv()), m.part(), known.first(), null, null, null);
    }
    if (m.part() < m.parts()) {
      jobs.put(m.job(), known);
      return this;
    }
    TuneData first = known.first().data();
    TuneData whole = first.builtIn() != null ? first : TuneData.csv(first.source(), known.parts().toString(), first.testEvery());
    try {
      Dataset data = whole.load();
      String tooFew = Tuning.checkK(data, m.grid());
      jobs.put(m.job(), tooFew != null ? broken(tooFew) : new JobData(null, 0, null, data, m.grid(), null));
    } catch (DataError e) {
      jobs.put(m.job(), broken(e.getMessage()));
    }
    return this;
  }

  private static JobData broken(String why) {
    return new JobData(null, 0, null, null, null, why);
  }

  private Behavior<Command> onScore(ScoreCells m) {
    JobData job = jobs.get(m.job());
    if (job == null || (job.data() == null && job.broken() == null)) {
      m.replyTo().tell(new CellsFailed(Trace.here(), m.sendId(), "this node holds no data for the job (more jobs at once than deli.tune.cached-jobs?)", true));
    } else if (job.broken() != null) {
      m.replyTo().tell(new CellsFailed(Trace.here(), m.sendId(), job.broken(), false));
    } else {
      workers.tell(new TuneWorker.Score(Trace.here(), m.sendId(), job.data(), job.grid(), m.from(), m.to(), m.replyTo()));
    }
    return this;
  }
}
