package deli.imports;

import deli.core.Dispatchers;
import deli.core.Timed;
import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The chapter's {@code ThreadPoolExecutor} with {@code as_completed}, as actors: a
 * {@link TreeWalker} finds the files on the blocking dispatcher while {@link ImportWorker}s on
 * the CPU dispatcher analyze them, a batch at a time; each worker gets its next batch as soon as
 * it answers, and the results are gathered as they complete. When every file is in, the
 * analyzer sorts them by path, tells its listener and stops. It reports progress every second.
 * A child that dies (a worker never fails on a file: only a JVM error can kill it) fails the
 * analyzer too, rather than leaving it waiting for a batch that will never come.
 */
public final class ImportAnalyzer extends AbstractBehavior<ImportAnalyzer.Command> {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
  /** Batches a worker holds at once: one being analyzed, one waiting, so it never idles. */
  private static final int IN_FLIGHT = 2;

  public interface Command {}

  private record Walking(TreeWalker.Event message) implements Command, Traced.Adapted {}

  private record BatchDone(ImportWorker.Analyzed message) implements Command, Traced.Adapted {}

  private enum Tick implements Command {
    INSTANCE
  }

  /** What an analyzer tells its listener. */
  public interface Event extends CborSerializable, Traced {}

  /** Files analyzed so far, files found so far, and whether the walk is over. */
  public record Progress(Trace trace, int analyzed, int found, boolean walked) implements Event {}

  /** One run of several ({@code repeat}) is over: how many files, how long. */
  public record RoundDone(Trace trace, int round, int searched, long nanos) implements Event {}

  /**
   * The last run is over: the files analyzed and the failures (files and directories), each
   * sorted by path; {@code searched} counts the files found; {@code nanos} is the run's time.
   */
  public record Report(
      Trace trace,
      String root,
      String focus,
      int searched,
      List<Analysis.Imported> files,
      List<Analysis.Failed> errors,
      long nanos,
      int rounds)
      implements Event {
    public Report {
      files = List.copyOf(files);
      errors = List.copyOf(errors);
    }

    /** The chapter's figure: milliseconds per file searched. */
    public double msPerFile() {
      return searched == 0 ? 0 : nanos / 1e6 / searched;
    }
  }

  private final ImportsSettings settings;
  private final Trace trace;
  private final ActorRef<Event> listener;
  private final Path root;
  private final List<ActorRef<ImportWorker.Command>> workers = new ArrayList<>();
  private final int[] inFlight;
  private final ActorRef<TreeWalker.Event> walkerEvents;
  private final ActorRef<ImportWorker.Analyzed> batchesDone;
  private final Deque<Path> queue = new ArrayDeque<>();
  private List<Analysis.Imported> files;
  private List<Analysis.Failed> errors;
  private int found;
  private int analyzed;
  private boolean walked;
  private long start;
  private int round;

  public static Behavior<Command> create(ImportsSettings settings, Trace trace, ActorRef<Event> listener) {
    return Tracing.traced(
        Command.class,
        trace,
        Timed.setup(ImportAnalyzer.class, (ctx, timers) -> new ImportAnalyzer(ctx, timers, settings, trace, listener)));
  }

  private ImportAnalyzer(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      ImportsSettings settings,
      Trace trace,
      ActorRef<Event> listener) {
    super(ctx);
    this.settings = settings;
    this.trace = trace;
    this.listener = listener;
    this.root = Path.of(settings.dir());
    this.walkerEvents = ctx.messageAdapter(TreeWalker.Event.class, Walking::new);
    this.batchesDone = ctx.messageAdapter(ImportWorker.Analyzed.class, BatchDone::new);
    for (int i = 0; i < settings.workers(); i++) {
      ActorRef<ImportWorker.Command> worker =
          ctx.spawn(
              Tracing.traced(
                  ImportWorker.Command.class, trace, ImportWorker.create(root, settings.focus(), settings.graph())),
              "worker-" + (i + 1),
              Dispatchers.cpu());
      ctx.watch(worker);
      workers.add(worker);
    }
    inFlight = new int[workers.size()];
    timers.startTimerAtFixedRate(Tick.INSTANCE, PROGRESS_EVERY);
    startRound();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Walking.class, this::onWalking)
        .onMessage(BatchDone.class, this::onBatchDone)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onSignal(ChildFailed.class, this::onChildFailed)
        .onSignal(Terminated.class, stopped -> this) // a walker at the end of its walk
        .build();
  }

  private void startRound() {
    round++;
    files = new ArrayList<>();
    errors = new ArrayList<>();
    found = 0;
    analyzed = 0;
    walked = false;
    start = System.nanoTime();
    SourceTree tree = new SourceTree(root, settings.pattern(), java.util.Set.copyOf(settings.skip()));
    // Watched for its failure only: a walker that ends normally stops, and that is fine.
    getContext()
        .watch(
            getContext()
                .spawn(
                    Tracing.traced(TreeWalker.Command.class, trace, TreeWalker.create(tree, walkerEvents)),
                    "walker-" + round,
                    DispatcherSelector.blocking()));
  }

  private Behavior<Command> onWalking(Walking m) {
    if (m.message() instanceof TreeWalker.Found f) {
      queue.addAll(f.files());
      found += f.files().size();
      errors.addAll(f.unlisted());
      dispatch();
      return this;
    }
    walked = true;
    return finishWhenDone();
  }

  private Behavior<Command> onBatchDone(BatchDone m) {
    inFlight[m.message().worker()]--;
    for (Analysis.FileResult r : m.message().results()) {
      analyzed++;
      if (r instanceof Analysis.Imported i) {
        files.add(i);
      } else {
        errors.add((Analysis.Failed) r);
      }
    }
    dispatch();
    return finishWhenDone();
  }

  private Behavior<Command> onChildFailed(ChildFailed failed) {
    throw new IllegalStateException(failed.getRef().path().name() + " failed: " + failed.getCause(), failed.getCause());
  }

  private Behavior<Command> onTick() {
    listener.tell(new Progress(Trace.here(), analyzed, found, walked));
    return this;
  }

  /** Hands batches round the workers until each holds {@link #IN_FLIGHT} or the queue is empty. */
  private void dispatch() {
    boolean sent = true;
    while (sent && !queue.isEmpty()) {
      sent = false;
      for (int w = 0; w < workers.size() && !queue.isEmpty(); w++) {
        if (inFlight[w] < IN_FLIGHT) {
          int size = Math.min(settings.batch(), queue.size());
          List<Path> batch = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            batch.add(queue.poll());
          }
          workers.get(w).tell(new ImportWorker.Analyze(Trace.here(), w, batch, batchesDone));
          inFlight[w]++;
          sent = true;
        }
      }
    }
  }

  private Behavior<Command> finishWhenDone() {
    if (!walked || !queue.isEmpty()) {
      return this;
    }
    for (int n : inFlight) {
      if (n > 0) {
        return this;
      }
    }
    files.sort(Comparator.comparing(Analysis.Imported::path, Analysis.BY_PATH));
    errors.sort(Comparator.comparing(Analysis.Failed::path, Analysis.BY_PATH));
    long nanos = System.nanoTime() - start;
    if (round < settings.repeat()) {
      listener.tell(new RoundDone(Trace.here(), round, found, nanos));
      startRound();
      return this;
    }
    listener.tell(
        new Report(Trace.here(), settings.dir(), settings.focus(), found, files, errors, nanos, round));
    return Behaviors.stopped();
  }
}
