package deli.logclient;

import deli.logserver.RecordPickler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One process of the chapter's logging demo, as an actor with its own TCP connection (a
 * {@link Connection} child on the blocking-I/O dispatcher): it sorts {@code workload} random
 * lists of 3 to 10 numbers, one per message (so many clients share the CPU dispatcher fairly),
 * and logs the chapter's messages in the SocketHandler wire format. Frames go out one batch at
 * a time; if the server is slow, the sorting waits for it.
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

  private record FromConnection(Connection.Reply reply) implements Command {}

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
  private final ActorRef<Connection.Command> connection;
  private final ActorRef<Connection.Reply> replies;
  private final List<byte[]> pending = new ArrayList<>();
  private final long start = System.nanoTime();
  private int sorted;
  private long sent;
  private long bytes;
  private boolean sending;
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
    this.connection =
        ctx.spawn(
            Connection.create(settings.host(), settings.port(), settings.connectTimeout()),
            "connection",
            DispatcherSelector.blocking());
    this.replies = ctx.messageAdapter(Connection.Reply.class, FromConnection::new);
    log(appLogger, "sorting " + settings.workload() + " collections", "<module>", 171);
    ctx.getSelf().tell(Step.INSTANCE);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Step.class, s -> onStep())
        .onMessage(FromConnection.class, this::onReply)
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
    pending.add(frame);
    sent++;
    bytes += frame.length;
    if (settings.echo()) {
      parent.tell(new Echo("INFO:" + logger + ":" + message));
    }
    offer();
  }

  /** Hands everything waiting to the connection, one batch at a time. */
  private void offer() {
    if (sending || pending.isEmpty()) {
      return;
    }
    int n = 0;
    for (byte[] f : pending) {
      n += f.length;
    }
    byte[] batch = new byte[n];
    int at = 0;
    for (byte[] f : pending) {
      System.arraycopy(f, 0, batch, at, f.length);
      at += f.length;
    }
    pending.clear();
    sending = true;
    connection.tell(new Connection.Send(batch, replies));
  }

  private Behavior<Command> onReply(FromConnection m) {
    Connection.Reply r = m.reply();
    if (r instanceof Connection.Broken b) {
      parent.tell(new Failed(id, b.reason()));
      return Behaviors.stopped();
    }
    if (r == Connection.Closed.INSTANCE) {
      parent.tell(new Finished(id, sent, bytes));
      return Behaviors.stopped();
    }
    sending = false;
    offer();
    if (paused && pending.size() < MAX_PENDING) {
      paused = false;
      getContext().getSelf().tell(Step.INSTANCE);
    }
    completeWhenSent();
    return this;
  }

  private void completeWhenSent() {
    if (finishing && !sending && pending.isEmpty()) {
      sending = true; // nothing more goes out
      connection.tell(new Connection.Close(replies));
    }
  }
}
