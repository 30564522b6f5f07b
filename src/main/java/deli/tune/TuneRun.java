package deli.tune;

import deli.core.Dispatchers;
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
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

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

  /** One round of a repeated run: its time from the round's start to its last result. */
  public record RoundDone(Trace trace, int round, int rounds, int trials, long nanos) implements Event {}

  /** Cells answered so far (in the last round only, when the run repeats): the progress. */
  public record CellsDone(Trace trace, int done, int total) implements Event {}

  /** Trials done, as they complete (in the last round only, when the run repeats). */
  public record TrialsDone(Trace trace, List<Trial> trials, int done, int total) implements Event {}

  /**
   * Every trial, in the order they completed; {@code nanos} from the run's start (the data
   * read, the actor system up) to the last result: what the book's timing measures, without
   * the JVM's start.
   */
  public record Finished(Trace trace, List<Trial> trials, long nanos, Map<String, Integer> batchesByNode) implements Event {}

  public record Failed(Trace trace, String reason) implements Event {}

  private record Trials(List<Trial> trials) implements Command {}

  private record Progress(int done, int total) implements Command {}

  private record Complete(Map<String, Integer> batchesByNode) implements Command {}

  private record Fail(String reason) implements Command {}

  private final ActorRef<Event> listener;
  private final ActorRef<Spreader.Command> spreader;
  private final String job;
  private final Dataset data;
  private final Grid grid;
  private final int rounds;
  private final long started;
  private final int total;
  private final List<Trial> trials = new ArrayList<>();
  private int round = 1;
  private long roundStarted;

  /** Tunes {@code grid} on {@code data} with {@code workers} workers, {@code rounds} times over (the JIT warm after the first). */
  public static Behavior<Command> create(
      Trace flow, Dataset data, Grid grid, int workers, int rounds, SpreadSettings spread, ActorRef<Event> listener) {
    return Tracing.traced(Command.class, flow, Behaviors.setup(ctx -> new TuneRun(ctx, data, grid, workers, rounds, spread, listener)));
  }

  private TuneRun(
      ActorContext<Command> ctx, Dataset data, Grid grid, int workers, int rounds, SpreadSettings spread, ActorRef<Event> listener) {
    super(ctx);
    this.listener = listener;
    this.started = System.nanoTime();
    this.roundStarted = started;
    this.total = grid.trials();
    this.data = data;
    this.grid = grid;
    this.rounds = rounds;
    this.job = "cli-" + data.id();
    ActorRef<TunePool.Command> pool =
        ctx.spawn(
            Tracing.traced(TunePool.Command.class, TunePool.create(workers, 1, spread, job, data, grid)),
            "tune",
            Dispatchers.cpu());
    // The same spreading as a node's, over this JVM's one pool: no Receptionist to wait for.
    this.spreader =
        ctx.spawn(Tracing.traced(Spreader.Command.class, Spreader.over(List.of(pool), "tune", spread)), "tune-spread");
    startRound();
  }

  private void startRound() {
    ActorRef<Command> self = getContext().getSelf();
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
              public void cells(int done, int total) {
                self.tell(new Progress(done, total));
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
        .onMessage(Progress.class, this::onProgress)
        .onMessage(Complete.class, this::onComplete)
        .onMessage(Fail.class, f -> {
          listener.tell(new Failed(Trace.here(), f.reason()));
          return Behaviors.stopped();
        })
        .build();
  }

  private Behavior<Command> onTrials(Trials m) {
    if (round == rounds) {
      trials.addAll(m.trials());
      listener.tell(new TrialsDone(Trace.here(), m.trials(), trials.size(), total));
    }
    return this;
  }

  private Behavior<Command> onProgress(Progress m) {
    if (round == rounds) {
      listener.tell(new CellsDone(Trace.here(), m.done(), m.total()));
    }
    return this;
  }

  private Behavior<Command> onComplete(Complete m) {
    long now = System.nanoTime();
    if (rounds > 1) {
      listener.tell(new RoundDone(Trace.here(), round, rounds, total, now - roundStarted));
    }
    if (round < rounds) {
      round++;
      roundStarted = now;
      startRound();
      return this;
    }
    listener.tell(new Finished(Trace.here(), List.copyOf(trials), now - started, m.batchesByNode()));
    return Behaviors.stopped();
  }
}
