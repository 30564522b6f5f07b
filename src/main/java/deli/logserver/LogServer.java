package deli.logserver;

import deli.core.Dispatchers;
import deli.core.Timed;
import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The log server: listens for {@code logging.SocketHandler} clients, serves each connection
 * with a {@link ConnectionFlow} feeding one {@link LogWriter}, keeps the stats, and stops
 * gracefully with the actor system: stop accepting (service-unbind), let open connections
 * finish within the drain timeout (service-requests-done), then close the file with its count
 * line (service-stop). It tells its listener what happens, the way the chapter prints it.
 */
public final class LogServer extends AbstractBehavior<LogServer.Command> {
  public interface Command {}

  /** Asks for the figures; answered with {@link ServerStats}. */
  public record GetStats(ActorRef<ServerStats> replyTo) implements Command {}

  /** Stop accepting connections; answered once the port is released. */
  public record Unbind(ActorRef<Done> replyTo) implements Command {}

  /** Let open connections finish (cut them at the drain timeout); answered when none is left. */
  public record Drain(ActorRef<Done> replyTo) implements Command {}

  /** Flush and close the file; answered once the listener has been told of the end. */
  public record Close(ActorRef<Done> replyTo) implements Command {}

  /** Open the output file anew if it was moved or deleted (SIGHUP and SIGUSR1, after logrotate). */
  public enum Reopen implements Command {
    INSTANCE
  }

  private record Bound(Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Accepted(Tcp.IncomingConnection connection, CompletableFuture<Done> closed) implements Command {}

  private record Ended(long id, ConnectionFlow.Outcome outcome, Throwable failure) implements Command {}

  private record Unbound(ActorRef<Done> replyTo) implements Command {}

  private record FromWriter(LogWriter.Event event) implements Command {}

  private record WriterClosed(LogWriter.Closed closed) implements Command {}

  private record Acknowledged(Done done) implements Command {}

  private enum Timer implements Command {
    DRAIN_DEADLINE,
    KILL_GRACE,
    RETRY_BIND
  }

  private final LogServerSettings settings;
  private final ActorRef<ServerEvent> listener;
  private final boolean retryBind;
  private final TimerScheduler<Command> timers;
  private final Materializer materializer;
  private final Executor decoding;
  private final List<Cancellable> shutdownTasks;
  private final OpenConnections connections = new OpenConnections();
  private final LastRecords lastRecords = new LastRecords();
  private String state = "binding"; // for the figures; the behaviors below are the states
  private final ServerPort port = new ServerPort();
  private ActorRef<LogWriter.Command> writer;
  private ActorRef<Done> closing;

  /**
   * A log server telling {@code listener} what happens. With {@code retryBind} (the node) a
   * port in use is tried again with backoff; without (the command) it is the end.
   */
  public static Behavior<Command> create(LogServerSettings settings, ActorRef<ServerEvent> listener, boolean retryBind) {
    return Timed.setup(LogServer.class, (ctx, timers) -> new LogServer(ctx, timers, settings, listener, retryBind));
  }

  private LogServer(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      LogServerSettings settings,
      ActorRef<ServerEvent> listener,
      boolean retryBind) {
    super(ctx);
    this.settings = settings;
    this.listener = listener;
    this.retryBind = retryBind;
    this.timers = timers;
    this.materializer = Materializer.createMaterializer(ctx);
    this.decoding = ctx.getSystem().dispatchers().lookup(Dispatchers.cpu());
    this.shutdownTasks = GracefulStop.register(ctx.getSystem(), ctx.getSelf(), settings);
    ReopenSignals.install(ctx.getSelf(), ctx.getLog());
    bind();
  }

  private void bind() {
    ActorRef<Command> self = getContext().getSelf();
    CompletionStage<Tcp.ServerBinding> bound =
        Acceptor.bind(getContext().getSystem(), settings, materializer, (c, closed) -> self.tell(new Accepted(c, closed)));
    getContext().pipeToSelf(bound, (b, e) -> e == null ? new Bound(b) : new BindFailed(e));
  }

  /** Binding: waiting for the port (and, in the node, trying again while it is taken). */
  @Override
  public Receive<Command> createReceive() {
    return common(
            newReceiveBuilder()
                .onMessage(Bound.class, this::onBound)
                .onMessage(BindFailed.class, this::onBindFailed)
                .onMessage(Accepted.class, this::refuse)
                .onMessage(Unbind.class, m -> startDraining(m.replyTo(), null))
                .onMessage(Drain.class, m -> startDraining(null, m.replyTo()))
                .onMessageEquals(Timer.RETRY_BIND, () -> {
                  bind();
                  return Behaviors.same();
                }))
        .build();
  }

  /** Listening: connections are served, the writer has the file. */
  private Behavior<Command> listening() {
    state = "listening";
    return common(
            newReceiveBuilder()
                .onMessage(Accepted.class, this::serve)
                .onMessage(Unbind.class, m -> startDraining(m.replyTo(), null))
                .onMessage(Drain.class, m -> startDraining(null, m.replyTo())))
        .build();
  }

  /** Draining: no new connections; the open ones finish, or are cut at the deadline. */
  private Behavior<Command> draining() {
    state = "draining";
    return stopping(newReceiveBuilder().onMessage(Accepted.class, this::serve)); // accepted before the port was released
  }

  /** Closing: the writer ends the file; the listener is told, then whoever asked. */
  private Behavior<Command> closing() {
    state = "closing";
    return stopping(
        newReceiveBuilder()
            .onMessage(Accepted.class, this::refuse)
            .onMessage(WriterClosed.class, this::onWriterClosed)
            .onMessage(Acknowledged.class, m -> closed()));
  }

  /** Closed: the file is complete; only the figures are left. */
  private Behavior<Command> closed() {
    state = "closed";
    if (closing != null) {
      closing.tell(Done.getInstance());
      closing = null;
    }
    return stopping(newReceiveBuilder().onMessage(Accepted.class, this::refuse));
  }

  /** What the stopping states answer alike: the port is let go at once, a drain is awaited. */
  private Receive<Command> stopping(ReceiveBuilder<Command> b) {
    return common(
            b.onMessage(Bound.class, this::unbindLate)
                .onMessage(Unbind.class, this::onUnbindAgain)
                .onMessage(Drain.class, m -> {
                  drain(m.replyTo());
                  return Behaviors.same();
                }))
        .build();
  }

  /** What every state answers: figures, connection ends, the writer's news, a stop's last steps. */
  private ReceiveBuilder<Command> common(ReceiveBuilder<Command> b) {
    return b.onMessage(Ended.class, this::onEnded)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Unbound.class, m -> {
          m.replyTo().tell(Done.getInstance());
          return Behaviors.same();
        })
        .onMessage(Close.class, this::onClose)
        .onMessage(Reopen.class, m -> {
          if (writer != null) {
            writer.tell(LogWriter.Reopen.INSTANCE);
          }
          return Behaviors.same();
        })
        .onMessage(FromWriter.class, this::onFromWriter)
        .onMessage(Timer.class, this::onTimer)
        .onMessage(BindFailed.class, m -> Behaviors.same()) // a stop came first
        .onSignal(Terminated.class, this::onTerminated)
        .onSignal(PostStop.class, s -> onPostStop())
        // A restart registers the tasks again, for the same ref: this incarnation's must go.
        .onSignal(PreRestart.class, s -> onPostStop());
  }

  private Behavior<Command> onBound(Bound m) {
    port.bound(m.binding());
    writer =
        getContext()
            .spawn(
                Tracing.traced(
                    LogWriter.Command.class,
                    LogWriter.create(settings, getContext().messageAdapter(LogWriter.Event.class, FromWriter::new))),
                "writer",
                DispatcherSelector.blocking());
    getContext().watch(writer);
    return listening(); // announced once the writer has its file open
  }

  private Behavior<Command> unbindLate(Bound m) {
    port.boundLate(m.binding()); // a stop came first
    return Behaviors.same();
  }

  private Behavior<Command> onBindFailed(BindFailed m) {
    String address = settings.host() + ":" + settings.port();
    String reason = Failures.describe(m.cause());
    if (!retryBind) {
      listener.tell(new ServerEvent.NotListening(address, reason, null));
      return closed();
    }
    Duration retryIn = port.nextRetry();
    listener.tell(new ServerEvent.NotListening(address, reason, retryIn));
    timers.startSingleTimer(Timer.RETRY_BIND, retryIn);
    return Behaviors.same();
  }

  private Behavior<Command> refuse(Accepted m) {
    Acceptor.refuse(m.connection(), m.closed(), materializer);
    return Behaviors.same();
  }

  private Behavior<Command> serve(Accepted m) {
    if (writer == null) {
      return refuse(m);
    }
    long id = connections.nextId();
    String peer = Acceptor.peer(m.connection().remoteAddress());
    Pair<UniqueKillSwitch, CompletionStage<ConnectionFlow.Outcome>> run =
        Acceptor.serve(m.connection(), id, settings, decoding, writer, lastRecords, materializer);
    connections.add(id, new OpenConnections.Open(peer, run.first(), m.closed()));
    getContext().pipeToSelf(run.second(), (outcome, failure) -> new Ended(id, outcome, failure));
    return Behaviors.same();
  }

  private Behavior<Command> onEnded(Ended m) {
    ServerEvent.ConnectionClosed closed = connections.end(m.id(), m.outcome(), m.failure());
    if (closed == null) {
      return Behaviors.same();
    }
    listener.tell(closed);
    drainedYet();
    return Behaviors.same();
  }

  private Behavior<Command> onGetStats(GetStats m) {
    ServerStats own = stats();
    if (writer != null) {
      writer.tell(new LogWriter.Report(own, m.replyTo()));
    } else {
      m.replyTo().tell(own);
    }
    return Behaviors.same();
  }

  /** From binding or listening: stop accepting; answer {@code unbound} once the port is free, then drain. */
  private Behavior<Command> startDraining(ActorRef<Done> unbound, ActorRef<Done> drained) {
    if (writer != null) {
      listener.tell(new ServerEvent.Draining(connections.size(), settings.drainTimeout()));
    }
    timers.cancel(Timer.RETRY_BIND);
    if (unbound != null) {
      onUnbindAgain(new Unbind(unbound));
    } else {
      port.unbind();
    }
    if (drained != null) {
      drain(drained);
    }
    return draining();
  }

  private Behavior<Command> onUnbindAgain(Unbind m) {
    getContext().pipeToSelf(port.unbind(), (d, e) -> new Unbound(m.replyTo()));
    return Behaviors.same();
  }

  private void drain(ActorRef<Done> replyTo) {
    connections.awaitDrain(replyTo);
    if (!connections.isEmpty() && !settings.drainTimeout().isZero()) {
      timers.startSingleTimer(Timer.DRAIN_DEADLINE, settings.drainTimeout());
    } else if (!connections.isEmpty()) {
      cutAll();
    }
    drainedYet();
  }

  private void cutAll() {
    connections.cutAll();
    timers.startSingleTimer(Timer.KILL_GRACE, GracefulStop.KILL_GRACE);
  }

  private void drainedYet() {
    if (connections.drainedYet()) {
      timers.cancel(Timer.DRAIN_DEADLINE);
      timers.cancel(Timer.KILL_GRACE);
    }
  }

  private Behavior<Command> onTimer(Timer t) {
    switch (t) {
      case DRAIN_DEADLINE -> cutAll();
      case KILL_GRACE -> {
        if (connections.drainAwaited()) {
          getContext().getLog().warn("{} connections did not finish after the drain deadline", connections.size());
          connections.drained();
        }
      }
      case RETRY_BIND -> {
        // binding only; a stop came first
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onClose(Close m) {
    if (state.equals("closing") || state.equals("closed")) {
      m.replyTo().tell(Done.getInstance());
      return Behaviors.same();
    }
    closing = m.replyTo();
    timers.cancel(Timer.RETRY_BIND);
    if (writer == null) {
      return closed();
    }
    writer.tell(
        new LogWriter.Close(Trace.here(), getContext().messageAdapter(LogWriter.Closed.class, WriterClosed::new)));
    return closing();
  }

  private Behavior<Command> onWriterClosed(WriterClosed m) {
    LogWriter.Closed c = m.closed();
    ServerStats s = stats().withWriter(c.lines(), c.bytes(), c.files(), 0, 0);
    listener.tell(new ServerEvent.Stopped(s, getContext().messageAdapter(Done.class, Acknowledged::new)));
    return Behaviors.same();
  }

  private Behavior<Command> onFromWriter(FromWriter m) {
    LogWriter.Event e = m.event();
    if (e instanceof LogWriter.Opened o && port.isBound()) {
      InetSocketAddress a = port.local();
      listener.tell(new ServerEvent.Listening(Acceptor.peer(a), a, o.file(), settings.format()));
    } else if (e instanceof LogWriter.News n) {
      listener.tell(n.event());
    } else if (e instanceof LogWriter.Failed f) {
      listener.tell(new ServerEvent.WriterFailed(f.message()));
      if (retryBind) {
        throw new deli.core.DeliException(f.message()); // the node's supervisor restarts the server, with backoff
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onTerminated(Terminated t) {
    if (t.getRef().equals(writer)) {
      writer = null;
      if (closing != null) {
        return closed();
      }
    }
    return Behaviors.same();
  }

  private Behavior<Command> onPostStop() {
    shutdownTasks.forEach(Cancellable::cancel);
    return Behaviors.same();
  }

  private ServerStats stats() {
    return new ServerStats(
        state,
        port.address(),
        settings.out().toAbsolutePath().toString(),
        settings.format(),
        connections.size(),
        connections.served(),
        connections.badInput(),
        0, 0, 0, 0, 0,
        lastRecords.lines());
  }
}
