package deli.logclient;

import deli.core.Session;
import deli.logserver.RecordPickler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * One process of the chapter's logging demo, as an actor with its own TCP connection: it sorts
 * {@code workload} random lists of 3 to 10 numbers, one per message (so many clients share the
 * CPU dispatcher fairly), and logs the chapter's messages in the SocketHandler wire format.
 * Frames go out one batch at a time; if the server is slow, the sorting waits for it.
 */
final class SortingClient extends AbstractBehavior<SortingClient.Command> {
  interface Command {}

  /** What a client tells its parent. */
  interface Report {}

  /** This client is done: every record was handed to TCP and the connection closed. */
  record Finished(int client, long records, long bytes) implements Report {}

  /** This client could not deliver its records. */
  record Failed(int client, String reason) implements Report {}

  /** A line the chapter's StreamHandler would print, for --echo. */
  record Echo(String line) implements Report {}

  private enum Step implements Command {
    INSTANCE
  }

  private record Offered(QueueOfferResult result, Throwable failure) implements Command {}

  private record StreamEnded(Throwable failure) implements Command {}

  /** Frames waiting beyond this pause the sorting until the connection takes them. */
  private static final int MAX_PENDING = 256;

  private final int id;
  private final LogClientSettings settings;
  private final ActorRef<Report> parent;
  private final SplittableRandom random;
  private final LogRecords records;
  private final RecordPickler pickler = new RecordPickler();
  private final String appLogger;
  private final String sorterLogger;
  private final SourceQueueWithComplete<ByteString> queue;
  private final List<ByteString> pending = new ArrayList<>();
  private final long start = System.nanoTime();
  private int sorted;
  private long sent;
  private long bytes;
  private boolean offering;
  private boolean paused;
  private boolean finishing;

  static Behavior<Command> create(int id, LogClientSettings settings, long seed, ActorRef<Report> parent) {
    return Behaviors.setup(ctx -> new SortingClient(ctx, id, settings, seed, parent));
  }

  private SortingClient(ActorContext<Command> ctx, int id, LogClientSettings settings, long seed, ActorRef<Report> parent) {
    super(ctx);
    this.id = id;
    this.settings = settings;
    this.parent = parent;
    this.random = new SplittableRandom(seed);
    this.records = new LogRecords("client-" + id);
    this.appLogger = "app_" + id;
    this.sorterLogger = appLogger + "." + settings.sorter().className;
    var connection =
        Tcp.get(ctx.getSystem())
            .outgoingConnection(
                new InetSocketAddress(settings.host(), settings.port()),
                Optional.empty(),
                List.of(),
                false, // as SocketHandler does: close the socket once everything is written
                Optional.of(settings.connectTimeout()),
                Optional.empty());
    Pair<SourceQueueWithComplete<ByteString>, CompletionStage<Done>> run =
        Source.<ByteString>queue(4, OverflowStrategy.backpressure())
            .via(connection)
            .toMat(Sink.ignore(), Keep.both())
            .run(Materializer.matFromSystem(ctx.getSystem()));
    this.queue = run.first();
    ctx.pipeToSelf(run.second(), (done, e) -> new StreamEnded(e));
    log(appLogger, "sorting " + settings.workload() + " collections", "<module>", 171);
    ctx.getSelf().tell(Step.INSTANCE);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Step.class, s -> onStep())
        .onMessage(Offered.class, this::onOffered)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onStep() {
    if (sorted < settings.workload()) {
      double[] data = new double[random.nextInt(3, 11)];
      for (int i = 0; i < data.length; i++) {
        data[i] = random.nextDouble();
      }
      log(sorterLogger, "Sorting " + data.length, "sort", 131);
      long t0 = System.nanoTime();
      long steps = settings.sorter().sort(data);
      double ms = (System.nanoTime() - t0) / 1e6;
      log(sorterLogger, "Sorted " + data.length + " items in " + steps + " steps, " + LogRecords.fixed(ms, 3) + " ms", "sort", 143);
      sorted++;
      if (pending.size() < MAX_PENDING) {
        getContext().getSelf().tell(Step.INSTANCE);
      } else {
        paused = true;
      }
      return this;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    log(
        appLogger,
        "produced " + (settings.workload() * 2 + 2) + " entries, taking " + LogRecords.fixed(seconds, 6) + " s",
        "<module>",
        177);
    finishing = true;
    completeWhenSent();
    return this;
  }

  private void log(String logger, String message, String funcName, int lineno) {
    Map<String, Object> r = records.info(logger, message, funcName, lineno);
    byte[] frame = pickler.frame(r);
    pending.add(ByteString.fromArrayUnsafe(frame));
    sent++;
    bytes += frame.length;
    if (settings.echo()) {
      parent.tell(new Echo("INFO:" + logger + ":" + message));
    }
    offer();
  }

  /** Hands everything waiting to the connection, one offer at a time. */
  private void offer() {
    if (offering || pending.isEmpty()) {
      return;
    }
    ByteString batch = ByteString.emptyByteString();
    for (ByteString f : pending) {
      batch = batch.concat(f);
    }
    pending.clear();
    offering = true;
    getContext().pipeToSelf(queue.offer(batch), Offered::new);
  }

  private Behavior<Command> onOffered(Offered m) {
    offering = false;
    if (m.failure() != null || !(m.result() instanceof QueueOfferResult.Enqueued$)) {
      // The stream failed: its end says why (a refused connection, say).
      return this;
    }
    offer();
    if (paused && pending.size() < MAX_PENDING) {
      paused = false;
      getContext().getSelf().tell(Step.INSTANCE);
    }
    completeWhenSent();
    return this;
  }

  private void completeWhenSent() {
    if (finishing && !offering && pending.isEmpty()) {
      queue.complete();
    }
  }

  private Behavior<Command> onPostStop() {
    queue.fail(new IllegalStateException("the client stopped")); // no effect once the stream has ended
    return this;
  }

  private Behavior<Command> onStreamEnded(StreamEnded m) {
    if (m.failure() != null) {
      parent.tell(
          new Failed(id, "cannot send to " + settings.host() + ":" + settings.port() + ": " + Session.describe(m.failure())));
    } else if (!finishing) {
      parent.tell(new Failed(id, "the server " + settings.host() + ":" + settings.port() + " closed the connection"));
    } else {
      parent.tell(new Finished(id, sent, bytes));
    }
    return Behaviors.stopped();
  }
}
