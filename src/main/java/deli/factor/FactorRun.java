package deli.factor;

import deli.core.Console;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One {@code deli factor} command: streams the input from an {@link InputReader} through a
 * {@link FactorPool} a chunk (one batch) at a time, with a bounded number of chunks out, and
 * hands the results to its listener in input order (the chapter's {@code map}, without
 * holding the whole input). With {@code repeat} it factors the input that many times and
 * reports each round's speed; only the last round is printed.
 */
public final class FactorRun extends AbstractBehavior<FactorRun.Command> {
  public interface Command {}

  /** What to factor and how. {@code total} is the count of numbers when known, else -1. */
  public record Job(Callable<NumberSource> input, long total, int repeat, boolean progress) {}

  /** What a run tells its listener. */
  public interface Event extends Traced {}

  /**
   * A chunk's results, in input order: each number's factors, or {@code failure} when the
   * pool could not factor the chunk; {@code errors} for the bad tokens among them.
   */
  public record ChunkDone(
      Trace trace,
      Numbers numbers,
      List<Numbers> factors,
      String failure,
      List<String> errors,
      ActorRef<Console.Written> writtenTo)
      implements Event, Console.Acknowledged {}

  /** How far the run is: numbers done, the fraction of the input read (-1: unknown), time so far. */
  public record Progress(Trace trace, long done, double fraction, long nanos) implements Event {}

  /** One round of a repeated run: numbers factored and the time it took. */
  public record RoundDone(Trace trace, int round, int rounds, long numbers, long nanos, int workers) implements Event {}

  /** The run is over. */
  public record Finished(Trace trace, long numbers, long bad, long failed, long nanos, int workers) implements Event {}

  /** The input could not be read. */
  public record InputFailed(Trace trace, String reason) implements Event {}

  private record Read(InputReader.Reply message) implements Command, Traced.Adapted {}

  private record Answered(FactorPool.BatchAnswer message) implements Command, Traced.Adapted {}

  private enum ChunkWritten implements Command {
    INSTANCE
  }

  private record PoolStopped(FactorPool.Stopped message) implements Command, Traced.Adapted {}

  private final FactorSettings settings;
  private final Job job;
  private final ActorRef<Event> listener;
  private final ActorRef<FactorPool.Command> pool;
  private final ActorRef<InputReader.Command> reader;
  private final ActorRef<InputReader.Reply> reads;
  private final ActorRef<FactorPool.BatchAnswer> answers;
  private final ActorRef<Console.Written> written;
  private final int window;
  /** Chunks out with the pool, by sequence number, and answered chunks waiting for their turn. */
  private final Map<Long, NumberSource.Chunk> out = new HashMap<>();
  private final InOrder<ChunkDone> inOrder = new InOrder<>();
  private final long start = System.nanoTime();
  private int round = 1;
  private long roundStart = start;
  private long sequence;
  private boolean reading;
  /** Chunks handed to the listener and not yet written out: the terminal's share of the window. */
  private int unwritten;
  private boolean inputOver;
  private long done;
  private long bad;
  private long failed;

  public static Behavior<Command> create(FactorSettings settings, Job job, Trace trace, ActorRef<Event> listener) {
    return Tracing.traced(Command.class, trace, Behaviors.setup(ctx -> new FactorRun(ctx, settings, job, trace, listener)));
  }

  private FactorRun(ActorContext<Command> ctx, FactorSettings settings, Job job, Trace trace, ActorRef<Event> listener) {
    super(ctx);
    this.settings = settings;
    this.job = job;
    this.listener = listener;
    this.pool = ctx.spawn(Tracing.traced(FactorPool.Command.class, trace, FactorPool.create(settings)), "FactorPool");
    int chunk = settings.batchSize();
    if (job.total() > 0) {
      // Small inputs in smaller chunks, so that every worker gets a share.
      chunk = (int) Math.max(1, Math.min(chunk, job.total() / (settings.workers() * 4L)));
    }
    this.reader =
        ctx.spawn(InputReader.create(trace, job.input(), chunk, job.repeat() > 1), "input", DispatcherSelector.blocking());
    this.reads = ctx.messageAdapter(InputReader.Reply.class, Read::new);
    this.answers = ctx.messageAdapter(FactorPool.BatchAnswer.class, Answered::new);
    this.written = ctx.messageAdapter(Console.Written.class, w -> ChunkWritten.INSTANCE);
    this.window = settings.workers() * settings.prefetch() * 2;
    readMore();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Read.class, this::onRead)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(ChunkWritten.class, this::onWritten)
        .onMessage(PoolStopped.class, s -> finish())
        .build();
  }

  /** Reads on while the chunks out with the pool, held for their turn, or unwritten fit the window. */
  private void readMore() {
    if (!reading && !inputOver && out.size() + inOrder.waiting() + unwritten < window) {
      reading = true;
      reader.tell(new InputReader.Read(Trace.here(), reads));
    }
  }

  private Behavior<Command> onRead(Read r) {
    reading = false;
    if (r.message() instanceof InputReader.ReadFailed f) {
      listener.tell(new InputFailed(Trace.here(), f.reason()));
      return Behaviors.stopped();
    }
    NumberSource.Chunk chunk = ((InputReader.ChunkRead) r.message()).chunk();
    inputOver = chunk.last();
    long seq = sequence++;
    if (chunk.numbers().isEmpty()) {
      completed(seq, new ChunkDone(Trace.here(), chunk.numbers(), List.of(), null, chunk.errors(), written), chunk.fraction());
    } else {
      out.put(seq, chunk);
      pool.tell(new FactorPool.FactorBatch(Trace.here(), seq, chunk.numbers(), answers));
    }
    readMore();
    return roundOverWhenDone();
  }

  private Behavior<Command> onAnswered(Answered a) {
    FactorPool.BatchAnswer answer = a.message();
    if (answer instanceof FactorPool.BatchWorking) {
      return this; // the pool watches its own batches' time
    }
    NumberSource.Chunk chunk = out.remove(answer.batchId());
    if (chunk == null) {
      return this; // an answer to a batch already answered: batches are safe to answer twice
    }
    if (answer instanceof FactorPool.BatchFactored f) {
      completed(answer.batchId(), new ChunkDone(Trace.here(), chunk.numbers(), f.factors(), null, chunk.errors(), written), chunk.fraction());
    } else {
      String reason = ((FactorPool.BatchFailed) answer).reason();
      completed(answer.batchId(), new ChunkDone(Trace.here(), chunk.numbers(), List.of(), reason, chunk.errors(), written), chunk.fraction());
    }
    readMore();
    return roundOverWhenDone();
  }

  /** Records a chunk's results and passes on every result whose turn has come. */
  private void completed(long seq, ChunkDone result, double fraction) {
    boolean printing = round == job.repeat();
    for (ChunkDone c : inOrder.put(seq, result)) {
      done += c.numbers().size();
      if (printing) {
        bad += c.errors().size();
        if (c.failure() != null) {
          failed += c.numbers().size();
        }
        unwritten++;
        listener.tell(c);
      }
    }
    if (printing && job.progress()) {
      listener.tell(new Progress(Trace.here(), done, inputOver ? 1 : fraction, System.nanoTime() - start));
    }
  }

  private Behavior<Command> onWritten(ChunkWritten w) {
    unwritten--;
    readMore();
    return this;
  }

  private Behavior<Command> roundOverWhenDone() {
    if (!inputOver || reading || !out.isEmpty() || inOrder.waiting() > 0) {
      return this;
    }
    long now = System.nanoTime();
    if (job.repeat() > 1) {
      listener.tell(new RoundDone(Trace.here(), round, job.repeat(), done, now - roundStart, settings.workers()));
    }
    if (round < job.repeat()) {
      round++;
      roundStart = now;
      done = 0;
      inputOver = false;
      reader.tell(new InputReader.Rewind(Trace.here()));
      readMore();
      return this;
    }
    // The chapter's 'with Pool() as pool': close the pool, and finish once it has stopped.
    pool.tell(new FactorPool.Close(Trace.here(), getContext().messageAdapter(FactorPool.Stopped.class, PoolStopped::new)));
    return this;
  }

  private Behavior<Command> finish() {
    listener.tell(new Finished(Trace.here(), done, bad, failed, System.nanoTime() - start, settings.workers()));
    return Behaviors.stopped();
  }
}
