package deli.factor;

import deli.core.Dispatchers;
import deli.core.Timed;
import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.actor.typed.javadsl.Routers;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The chapter's {@code multiprocessing.Pool}: a Pekko pool router of {@link FactorWorker}s on
 * the CPU dispatcher, fed from a queue of batches. Each worker holds at most {@code prefetch}
 * batches; a worker that crashes is restarted and its batch retried once (also after
 * {@code batch-timeout} without an answer), then reported failed: every batch gets an answer.
 *
 * <p>{@link FactorBatch} is the unit of work, and what the cluster's group router sends to
 * the pools of other nodes: it is serializable and safe to send again (the same batch id gets
 * the same answer). {@link FactorAll} is the chapter's {@code map}: numbers of any count,
 * answered in one message in request order. {@link Close} lets queued work finish;
 * {@link Terminate} refuses it; both stop the pool when the work in hand is done.
 */
public final class FactorPool extends AbstractBehavior<FactorPool.Command> {
  /** The node registers its pool under this key. */
  public static final ServiceKey<Command> SERVICE_KEY = ServiceKey.create(Command.class, "deli-factor");

  public interface Command extends CborSerializable {}

  /** Factor {@code numbers}; the answer carries {@code batchId} back to {@code replyTo}. */
  public record FactorBatch(Trace trace, long batchId, Numbers numbers, ActorRef<BatchAnswer> replyTo)
      implements Command, Traced {}

  /** What a batch gets: {@link BatchFactored} or {@link BatchFailed}. */
  public interface BatchAnswer extends CborSerializable, Traced {
    long batchId();
  }

  /** Each number's prime factors, in the batch's order. */
  public record BatchFactored(Trace trace, long batchId, List<Numbers> factors) implements BatchAnswer {}

  /** The batch was not factored: it failed twice, or the pool was closed or terminated. */
  public record BatchFailed(Trace trace, long batchId, String reason) implements BatchAnswer {}

  /** The batch is not done yet, but its worker is at it: a batch of hard numbers can take longer than a timeout. */
  public record BatchWorking(Trace trace, long batchId) implements BatchAnswer {}

  /** The chapter's {@code map}: factor every number, answer once, in request order. */
  public record FactorAll(Trace trace, Numbers numbers, ActorRef<AllAnswer> replyTo) implements Command, Traced {}

  /** What a {@link FactorAll} gets: {@link AllFactored} or {@link AllFailed}. */
  public interface AllAnswer extends CborSerializable, Traced {}

  public record AllFactored(Trace trace, List<Numbers> factors) implements AllAnswer {}

  public record AllFailed(Trace trace, String reason) implements AllAnswer {}

  /** Refuse new work, finish what is queued, then stop and say so. */
  public record Close(Trace trace, ActorRef<Stopped> replyTo) implements Command, Traced {}

  /** Refuse new work and what is queued (each queued batch gets its failure), finish what runs, stop. */
  public record Terminate(Trace trace, ActorRef<Stopped> replyTo) implements Command, Traced {}

  /** The pool has stopped: how many batches it factored, and how many it refused. */
  public record Stopped(Trace trace, long factored, long refused) implements CborSerializable, Traced {}

  private record WorkerAnswered(FactorWorker.Answer message) implements Command, Traced.Adapted {}

  private record TimedOut(long ticket) implements Command {}

  /** A batch waiting in the queue or out with a worker; {@code attempt} is 1 or 2. */
  private record Pending(FactorBatch batch, int attempt) {}

  private final FactorSettings settings;
  private final ActorRef<FactorWorker.Command> workers;
  private final ActorRef<FactorWorker.Answer> answers;
  private final TimerScheduler<Command> timers;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Map<Long, Pending> out = new HashMap<>();
  private final List<ActorRef<Stopped>> stopWatchers = new ArrayList<>();
  private long tickets;
  private long jobs;
  private int runningJobs;
  private long factored;
  private long refused;

  /** A pool of workers that factor with {@link Factoring#factor}. */
  public static Behavior<Command> create(FactorSettings settings) {
    return create(settings, Factoring::factor);
  }

  /**
   * A pool whose workers factor with {@code factoring} (tests make it fail). Like every
   * service's behavior, it comes untraced: whoever spawns it wraps it in {@link Tracing}.
   */
  public static Behavior<Command> create(FactorSettings settings, LongFunction<long[]> factoring) {
    return Timed.setup(FactorPool.class, (ctx, timers) -> new FactorPool(ctx, timers, settings, factoring));
  }

  private FactorPool(
      ActorContext<Command> ctx, TimerScheduler<Command> timers, FactorSettings settings, LongFunction<long[]> factoring) {
    super(ctx);
    this.settings = settings;
    this.timers = timers;
    Behavior<FactorWorker.Command> worker =
        Behaviors.supervise(Tracing.traced(FactorWorker.Command.class, FactorWorker.create(factoring)))
            .onFailure(SupervisorStrategy.restart().withLoggingEnabled(false));
    this.workers =
        ctx.spawn(
            Routers.pool(settings.workers(), worker)
                .withRoundRobinRouting()
                .withRouteeProps(Dispatchers.cpu()),
            "workers");
    this.answers = ctx.messageAdapter(FactorWorker.Answer.class, WorkerAnswered::new);
  }

  /** Open: work is queued and handed to the workers. */
  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FactorBatch.class, this::onFactorBatch)
        .onMessage(FactorAll.class, this::onFactorAll)
        .onMessage(WorkerAnswered.class, w -> onWorkerAnswered(w, true))
        .onMessage(TimedOut.class, t -> onTimedOut(t, true))
        .onMessage(Close.class, c -> closing(c.replyTo()))
        .onMessage(Terminate.class, t -> terminating(t.replyTo()))
        .onSignal(Terminated.class, t -> jobDone())
        .build();
  }

  /** Closing: new work is refused, queued work finishes; the pool stops when none is left. */
  private Behavior<Command> closing(ActorRef<Stopped> replyTo) {
    stopWatchers.add(replyTo);
    return stopWhenDone(ifClosed("closed", true).onMessage(Terminate.class, t -> terminating(t.replyTo())).build());
  }

  /** Terminating: new and queued work is refused, running batches finish (and are not retried). */
  private Behavior<Command> terminating(ActorRef<Stopped> replyTo) {
    stopWatchers.add(replyTo);
    for (Pending p : queue) {
      refused++;
      p.batch().replyTo().tell(new BatchFailed(Trace.here(), p.batch().batchId(), "the pool was terminated"));
    }
    queue.clear();
    return stopWhenDone(
        ifClosed("terminated", false)
            .onMessage(Terminate.class, t -> alsoTell(t.replyTo()))
            .build());
  }

  /** What closing and terminating share: refusals, answers taken in, watchers added. */
  private ReceiveBuilder<Command> ifClosed(String word, boolean retry) {
    return newReceiveBuilder()
        .onMessage(FactorBatch.class, b -> {
          refused++;
          b.replyTo().tell(new BatchFailed(Trace.here(), b.batchId(), "the pool is " + word));
          return Behaviors.same();
        })
        .onMessage(FactorAll.class, m -> {
          m.replyTo().tell(new AllFailed(Trace.here(), "the pool is " + word));
          return Behaviors.same();
        })
        .onMessage(WorkerAnswered.class, w -> stopWhenDone(onWorkerAnswered(w, retry)))
        .onMessage(TimedOut.class, t -> stopWhenDone(onTimedOut(t, retry)))
        .onMessage(Close.class, c -> alsoTell(c.replyTo()))
        .onSignal(Terminated.class, t -> stopWhenDone(jobDone()));
  }

  private Behavior<Command> jobDone() {
    runningJobs--;
    return Behaviors.same();
  }

  /** One more to tell when the pool stops. */
  private Behavior<Command> alsoTell(ActorRef<Stopped> replyTo) {
    stopWatchers.add(replyTo);
    return Behaviors.same();
  }

  private Behavior<Command> onFactorBatch(FactorBatch b) {
    String bad = b.numbers().whyNotFactorable();
    if (bad != null) {
      b.replyTo().tell(new BatchFailed(Trace.here(), b.batchId(), bad));
      return Behaviors.same();
    }
    queue.add(new Pending(b, 1));
    dispatch();
    return Behaviors.same();
  }

  private Behavior<Command> onFactorAll(FactorAll m) {
    Numbers numbers = m.numbers();
    String bad = numbers.whyNotFactorable();
    if (bad != null) {
      m.replyTo().tell(new AllFailed(Trace.here(), bad));
      return Behaviors.same();
    }
    if (numbers.isEmpty()) {
      m.replyTo().tell(new AllFactored(Trace.here(), List.of()));
      return Behaviors.same();
    }
    int size = settings.batchSizeFor(numbers.size());
    int batches = (numbers.size() + size - 1) / size;
    ActorRef<BatchAnswer> job =
        getContext().spawn(FactorJob.create(m.trace(), numbers.size(), size, batches, m.replyTo()), "job-" + ++jobs);
    getContext().watch(job);
    runningJobs++;
    // Queued here, at once, so that a Close that comes after this request lets it finish.
    FactorJob.batches(numbers, size, job).forEach(b -> queue.add(new Pending(b, 1)));
    dispatch();
    return Behaviors.same();
  }

  private void dispatch() {
    int limit = settings.workers() * settings.prefetch();
    while (out.size() < limit && !queue.isEmpty()) {
      Pending p = queue.poll();
      long ticket = ++tickets;
      out.put(ticket, p);
      workers.tell(new FactorWorker.Factor(Trace.here(), ticket, p.batch().numbers(), answers));
      timers.startSingleTimer(ticket, new TimedOut(ticket), settings.batchTimeout());
    }
  }

  private Behavior<Command> onWorkerAnswered(WorkerAnswered w, boolean retry) {
    FactorWorker.Answer a = w.message();
    if (a instanceof FactorWorker.Working) {
      Pending p = out.get(a.ticket());
      if (p != null) {
        // Progress: the batch's timeout starts again (a lost worker says nothing), here and
        // where the batch came from (another node's job has a timeout of its own).
        timers.startSingleTimer(a.ticket(), new TimedOut(a.ticket()), settings.batchTimeout());
        p.batch().replyTo().tell(new BatchWorking(Trace.here(), p.batch().batchId()));
      }
      return Behaviors.same();
    }
    Pending p = out.remove(a.ticket());
    if (p == null) {
      return Behaviors.same(); // a late answer to a batch already retried: its retry answers instead
    }
    timers.cancel(a.ticket());
    if (a instanceof FactorWorker.Factored f) {
      factored++;
      p.batch().replyTo().tell(new BatchFactored(Trace.here(), p.batch().batchId(), f.factors()));
    } else if (a instanceof FactorWorker.Crashed c) {
      retryOrFail(p, "its worker crashed (" + c.reason() + ")", retry);
    }
    dispatch();
    return Behaviors.same();
  }

  private Behavior<Command> onTimedOut(TimedOut t, boolean retry) {
    Pending p = out.remove(t.ticket());
    if (p != null) {
      retryOrFail(p, "no answer within " + settings.batchTimeout().toMillis() + " ms", retry);
      dispatch();
    }
    return Behaviors.same();
  }

  private void retryOrFail(Pending p, String why, boolean retry) {
    FactorBatch b = p.batch();
    if (p.attempt() == 1 && retry) {
      getContext().getLog().warn("batch {} of {} numbers: {}; retrying it once", b.batchId(), b.numbers().size(), why);
      queue.addFirst(new Pending(b, 2));
    } else {
      String reason = why + (p.attempt() == 2 ? ", twice" : "");
      getContext().getLog().warn("batch {} of {} numbers failed: {}", b.batchId(), b.numbers().size(), reason);
      b.replyTo().tell(new BatchFailed(Trace.here(), b.batchId(), reason));
    }
  }

  /** {@code state}, or stopped (saying so) once no batch is queued or out and every job has answered. */
  private Behavior<Command> stopWhenDone(Behavior<Command> state) {
    if (!queue.isEmpty() || !out.isEmpty() || runningJobs > 0) {
      return state;
    }
    for (ActorRef<Stopped> w : stopWatchers) {
      w.tell(new Stopped(Trace.here(), factored, refused));
    }
    return Behaviors.stopped();
  }
}
