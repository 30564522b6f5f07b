package deli.tune;

import deli.spread.SpreadSettings;
import deli.spread.Spreader;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * One {@code deli tune} command: a {@link TunePool} holding the data read once, a
 * {@link Spreader} over it (the same machinery that spreads a node's jobs over the cluster,
 * here with this JVM's one pool), and one {@link Cells} job; it tells its listener each trial
 * as its distance completes, and the end.
 */
public final class TuneRun extends AbstractBehavior<TuneRun.Command> {
  interface Command {}

  /** What a run tells its listener. */
  public interface Event extends Traced {}

  /** Trials done, as they complete. */
  public record TrialsDone(Trace trace, List<Trial> trials, int done, int total) implements Event {}

  /**
   * Every trial, in the order they completed; {@code nanos} from the run's start (the data
   * read, the actor system up) to the last result: what the book's timing measures, without
   * the JVM's start.
   */
  public record Finished(Trace trace, List<Trial> trials, long nanos, Map<String, Integer> batchesByNode) implements Event {}

  public record Failed(Trace trace, String reason) implements Event {}

  private record Trials(List<Trial> trials) implements Command {}

  private record Complete(Map<String, Integer> batchesByNode) implements Command {}

  private record Fail(String reason) implements Command {}

  private final ActorRef<Event> listener;
  private final long started;
  private final int total;
  private final List<Trial> trials = new ArrayList<>();

  /** Tunes {@code grid} on {@code data} with {@code workers} workers. */
  public static Behavior<Command> create(
      Trace flow, Dataset data, Grid grid, int workers, SpreadSettings spread, ActorRef<Event> listener) {
    return Tracing.traced(Command.class, flow, Behaviors.setup(ctx -> new TuneRun(ctx, data, grid, workers, spread, listener)));
  }

  private TuneRun(
      ActorContext<Command> ctx, Dataset data, Grid grid, int workers, SpreadSettings spread, ActorRef<Event> listener) {
    super(ctx);
    this.listener = listener;
    this.started = System.nanoTime();
    this.total = grid.trials();
    String job = "cli-" + data.id();
    ActorRef<TunePool.Command> pool =
        ctx.spawn(
            Tracing.traced(TunePool.Command.class, TunePool.create(workers, 1, spread, job, data, grid)),
            "tune",
            DispatcherSelector.fromConfig(TunePool.CPU_DISPATCHER));
    ctx.getSystem().receptionist().tell(Receptionist.register(TunePool.SERVICE_KEY, pool));
    ActorRef<Spreader.Command> spreader =
        ctx.spawn(Tracing.traced(Spreader.Command.class, Spreader.create(TunePool.SERVICE_KEY, "tune", spread)), "tune-spread");
    ActorRef<Command> self = ctx.getSelf();
    Cells cells =
        new Cells(
            job,
            new TuneData(data.source(), null, null, data.testEvery()),
            grid,
            data.testing().size(),
            new Cells.Listener() {
              @Override
              public void trials(List<Trial> done) {
                self.tell(new Trials(done));
              }

              @Override
              public void complete(Map<String, Integer> batchesByNode) {
                self.tell(new Complete(batchesByNode));
              }

              @Override
              public void fail(String why, String dataError) {
                self.tell(new Fail(dataError != null ? dataError : why));
              }
            });
    spreader.tell(new Spreader.Start(Trace.here(), cells));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Trials.class, this::onTrials)
        .onMessage(Complete.class, this::onComplete)
        .onMessage(Fail.class, f -> {
          listener.tell(new Failed(Trace.here(), f.reason()));
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<Command> onTrials(Trials m) {
    trials.addAll(m.trials());
    listener.tell(new TrialsDone(Trace.here(), m.trials(), trials.size(), total));
    return this;
  }

  private Behavior<Command> onComplete(Complete m) {
    listener.tell(new Finished(Trace.here(), List.copyOf(trials), System.nanoTime() - started, m.batchesByNode()));
    return Behaviors.stopped();
  }
}
