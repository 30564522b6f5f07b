package deli.cpu;

import deli.core.CborSerializable;
import deli.core.Dispatchers;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The chapter's processes-against-threads race: the same workers sum on the CPU dispatcher
 * (one thread per core, the chapter's processes), then on one thread (the chapter's threads
 * under the GIL). A short warm-up on both first, so neither run pays for the JIT alone. Then
 * {@value #TIMED_ROUNDS} rounds of the two runs, taking turns: a run of the chapter's 10⁸ terms
 * takes a few tens of milliseconds once compiled, so one run is at the mercy of a thread waking
 * late or a compiler thread taking a core; each run's time is the median of its rounds, and the
 * workers' lines are the last round's.
 */
public final class CpuRace extends AbstractBehavior<CpuRace.Command> {
  private static final long WARM_UP_TERMS = 2_000_000;
  private static final int WARM_UP_ROUNDS = 5;
  public static final int TIMED_ROUNDS = 5;

  public interface Command {}

  private record Done(CpuWorker.Summed message) implements Command, Traced.Adapted {}

  /** The phases of a race, in order. */
  public enum Phase {
    WARM_UP,
    PARALLEL,
    ONE_THREAD
  }

  /** What a race tells its listener. */
  public interface Event extends CborSerializable, Traced {}

  public record WorkerDone(Trace trace, Phase phase, CpuWorker.Summed summed) implements Event {}

  public record PhaseDone(Trace trace, Phase phase, int workers, long nanos) implements Event {}

  /** Both runs done: their wall times, and whether every sum was right (n², mod 2⁶⁴). */
  public record RaceDone(Trace trace, long terms, int workers, long parallelNanos, long oneThreadNanos, boolean sumsRight)
      implements Event {}

  private final CpuSettings settings;
  private final ActorRef<Event> listener;
  private final ActorRef<CpuWorker.Summed> replies;
  private final List<ActorRef<CpuWorker.Command>> parallel = new ArrayList<>();
  private final List<ActorRef<CpuWorker.Command>> oneThread = new ArrayList<>();
  private Phase phase = Phase.WARM_UP;
  private int round;
  private int pending;
  private long phaseStart;
  private int timedRound;
  private final long[] parallelRounds = new long[TIMED_ROUNDS];
  private final long[] oneThreadRounds = new long[TIMED_ROUNDS];
  private boolean sumsRight = true;

  public static Behavior<Command> create(CpuSettings settings, Trace trace, ActorRef<Event> listener) {
    return Tracing.traced(Command.class, trace, Behaviors.setup(ctx -> new CpuRace(ctx, settings, trace, listener)));
  }

  private CpuRace(ActorContext<Command> ctx, CpuSettings settings, Trace trace, ActorRef<Event> listener) {
    super(ctx);
    this.settings = settings;
    this.listener = listener;
    this.replies = ctx.messageAdapter(CpuWorker.Summed.class, Done::new);
    for (int i = 1; i <= settings.workers(); i++) {
      String name = "worker-" + i;
      parallel.add(
          ctx.spawn(
              Tracing.traced(CpuWorker.Command.class, trace, CpuWorker.create(name)),
              "parallel-" + i,
              Dispatchers.cpu()));
      oneThread.add(
          ctx.spawn(
              Tracing.traced(CpuWorker.Command.class, trace, CpuWorker.create(name)),
              "one-thread-" + i,
              Dispatchers.singleThread()));
    }
    start(Math.min(WARM_UP_TERMS, settings.work()), parallel);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Done.class, this::onDone).build();
  }

  private void start(long terms, List<ActorRef<CpuWorker.Command>> workers) {
    pending = workers.size();
    phaseStart = System.nanoTime();
    workers.forEach(w -> w.tell(new CpuWorker.Sum(Trace.here(), terms, replies)));
  }

  private Behavior<Command> onDone(Done m) {
    CpuWorker.Summed s = m.message();
    boolean lastRound = timedRound == TIMED_ROUNDS - 1;
    if (phase != Phase.WARM_UP) {
      long n = settings.work();
      sumsRight &= s.sum() == n * n;
      if (lastRound) {
        listener.tell(new WorkerDone(Trace.here(), phase, s));
      }
    }
    if (--pending > 0) {
      return this;
    }
    long nanos = System.nanoTime() - phaseStart;
    switch (phase) {
      case WARM_UP -> {
        round++;
        if (round == WARM_UP_ROUNDS * 2) {
          phase = Phase.PARALLEL;
          start(settings.work(), parallel);
        } else {
          start(Math.min(WARM_UP_TERMS, settings.work()), round % 2 == 0 ? parallel : oneThread);
        }
      }
      case PARALLEL -> {
        parallelRounds[timedRound] = nanos;
        if (lastRound) {
          listener.tell(new PhaseDone(Trace.here(), phase, settings.workers(), median(parallelRounds)));
        }
        phase = Phase.ONE_THREAD;
        start(settings.work(), oneThread);
      }
      case ONE_THREAD -> {
        oneThreadRounds[timedRound] = nanos;
        if (!lastRound) {
          timedRound++;
          phase = Phase.PARALLEL;
          start(settings.work(), parallel);
          return this;
        }
        long oneThreadNanos = median(oneThreadRounds);
        listener.tell(new PhaseDone(Trace.here(), phase, settings.workers(), oneThreadNanos));
        listener.tell(
            new RaceDone(Trace.here(), settings.work(), settings.workers(), median(parallelRounds), oneThreadNanos, sumsRight));
        return Behaviors.stopped();
      }
    }
    return this;
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
