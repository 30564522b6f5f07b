package deli.logserver;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
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

  /** Asks for the figures; answered with {@link Stats}. */
  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

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

  /** What the server tells its listener (the console, or the node's log). */
  public interface Event {}

  /** Listening on {@code address} ({@code ('127.0.0.1', 18842)}), writing to {@code out}. */
  public record Listening(String address, InetSocketAddress bound, Path out, String format) implements Event {}

  /** The port could not be had; {@code retryIn} when the server tries again, else null. */
  public record NotListening(String address, String reason, Duration retryIn) implements Event {}

  /** The server stopped accepting; {@code open} connections may finish within {@code drain}. */
  public record Draining(int open, Duration drain) implements Event {}

  /** A connection ended: its lines written, and the bad input that closed it, if any. */
  public record ConnectionClosed(String peer, long lines, BadInput error, boolean cutAtStop) implements Event {}

  /** A full file was moved aside; {@code lines} is its count line. */
  public record Rotated(Path from, Path to, long lines) implements Event {}

  /** An existing log was kept as {@code to} instead of being overwritten. */
  public record KeptPrevious(Path from, Path to) implements Event {}

  /** The file cannot be written: the server cannot go on. */
  public record WriterFailed(String message) implements Event {}

  /** A reopen: with {@code replaced}, {@code file} had been moved or deleted and was opened anew. */
  public record Reopened(Path file, boolean replaced, long lines) implements Event {}

  /** The disk refuses writes: the clients are held back, and the write tried again from {@code retryIn}. */
  public record WriterStalled(String message, Duration retryIn) implements Event {}

  /** The disk takes writes again after {@code after}. */
  public record WriterResumed(Duration after) implements Event {}

  /** At the stop the disk still refused: {@code lines} records received were not written. */
  public record RecordsDropped(long lines, String message) implements Event {}

  /** The server has stopped; the listener answers {@code ack} once it has said so. */
  public record Stopped(Stats stats, ActorRef<Done> ack) implements Event {}

  /**
   * The server's figures. {@code lines} counts records written, {@code badInput} connections
   * closed per kind of bad input, {@code fileLines} the records in the current file.
   */
  public record Stats(
      String state,
      String address,
      String out,
      String format,
      int openConnections,
      long connections,
      Map<String, Long> badInput,
      long lines,
      long bytes,
      int files,
      long fileLines,
      long lateLines) {
    public Stats {
      badInput = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(badInput));
    }

    Stats withWriter(long lines, long bytes, int files, long fileLines, long late) {
      return new Stats(state, address, out, format, openConnections, connections, badInput, lines, bytes, files, fileLines, late);
    }

    /** Connections closed for bad input, all kinds together. */
    public long badInputs() {
      return badInput.values().stream().mapToLong(Long::longValue).sum();
    }
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

  private static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final LogServerSettings settings;
  private final ActorRef<Event> listener;
  private final boolean retryBind;
  private final TimerScheduler<Command> timers;
  private final Materializer materializer;
  private final Executor decoding;
  private final List<Cancellable> shutdownTasks;
  private final OpenConnections connections = new OpenConnections();
  private final EnumMap<BadInput.Reason, Long> bad = new EnumMap<>(BadInput.Reason.class);
  private String state = "binding"; // for the figures; the behaviors below are the states
  private Tcp.ServerBinding binding;
  private ActorRef<LogWriter.Command> writer;
  // Everyone who asked for the drain: a second ask (a second shutdown task, an operator) waits too.
  private final List<ActorRef<Done>> draining = new ArrayList<>();
  private ActorRef<Done> closing;
  private Duration retryIn = Duration.ofSeconds(1);
  private long seq;

  /**
   * A log server telling {@code listener} what happens. With {@code retryBind} (the node) a
   * port in use is tried again with backoff; without (the command) it is the end.
   */
  public static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> listener, boolean retryBind) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new LogServer(ctx, timers, settings, listener, retryBind)));
  }

  private LogServer(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      LogServerSettings settings,
      ActorRef<Event> listener,
      boolean retryBind) {
    super(ctx);
    this.settings = settings;
    this.listener = listener;
    this.retryBind = retryBind;
    this.timers = timers;
    this.materializer = Materializer.createMaterializer(ctx);
    this.decoding = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(deli.core.Dispatchers.CPU));
    for (BadInput.Reason r : BadInput.Reason.values()) {
      bad.put(r, 0L);
    }
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
    return common(
            newReceiveBuilder()
                .onMessage(Accepted.class, this::serve) // accepted before the port was released
                .onMessage(Bound.class, this::unbindLate)
                .onMessage(Unbind.class, this::onUnbindAgain)
                .onMessage(Drain.class, m -> {
                  drain(m.replyTo());
                  return Behaviors.same();
                }))
        .build();
  }

  /** Closing: the writer ends the file; the listener is told, then whoever asked. */
  private Behavior<Command> closing() {
    state = "closing";
    return common(
            newReceiveBuilder()
                .onMessage(Accepted.class, this::refuse)
                .onMessage(Bound.class, this::unbindLate)
                .onMessage(Unbind.class, this::onUnbindAgain)
                .onMessage(WriterClosed.class, this::onWriterClosed)
                .onMessage(Acknowledged.class, m -> closed())
                .onMessage(Drain.class, m -> {
                  drain(m.replyTo());
                  return Behaviors.same();
                }))
        .build();
  }

  /** Closed: the file is complete; only the figures are left. */
  private Behavior<Command> closed() {
    state = "closed";
    if (closing != null) {
      closing.tell(Done.getInstance());
      closing = null;
    }
    return common(
            newReceiveBuilder()
                .onMessage(Accepted.class, this::refuse)
                .onMessage(Bound.class, this::unbindLate)
                .onMessage(Unbind.class, this::onUnbindAgain)
                .onMessage(Drain.class, m -> {
                  drain(m.replyTo());
                  return Behaviors.same();
                }))
        .build();
  }

  /** What every state answers: figures, connection ends, the writer's news, a stop's last steps. */
  private org.apache.pekko.actor.typed.javadsl.ReceiveBuilder<Command> common(
      org.apache.pekko.actor.typed.javadsl.ReceiveBuilder<Command> b) {
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
    binding = m.binding();
    retryIn = Duration.ofSeconds(1);
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
    binding = m.binding();
    binding.unbind(); // a stop came first
    return Behaviors.same();
  }

  private Behavior<Command> onBindFailed(BindFailed m) {
    String address = settings.host() + ":" + settings.port();
    String reason = Failures.describe(m.cause());
    if (!retryBind) {
      listener.tell(new NotListening(address, reason, null));
      return closed();
    }
    listener.tell(new NotListening(address, reason, retryIn));
    timers.startSingleTimer(Timer.RETRY_BIND, retryIn);
    retryIn = retryIn.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retryIn.multipliedBy(2);
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
    long id = ++seq;
    String peer = peer(m.connection().remoteAddress());
    Pair<UniqueKillSwitch, CompletionStage<ConnectionFlow.Outcome>> run =
        Acceptor.serve(m.connection(), id, settings, decoding, writer, materializer);
    connections.add(id, new OpenConnections.Open(peer, run.first(), m.closed()));
    getContext().pipeToSelf(run.second(), (outcome, failure) -> new Ended(id, outcome, failure));
    return Behaviors.same();
  }

  private Behavior<Command> onEnded(Ended m) {
    OpenConnections.Closed c = connections.remove(m.id());
    if (c == null) {
      return Behaviors.same();
    }
    boolean wasCut = c.cut();
    ConnectionFlow.Outcome o =
        m.outcome() != null ? m.outcome() : new ConnectionFlow.Outcome(0, ConnectionFlow.classify(m.failure()));
    BadInput error = o.error();
    if (wasCut && error != null && error.reason() == BadInput.Reason.TRUNCATED) {
      error = new BadInput(BadInput.Reason.TRUNCATED, "a partial frame was dropped at the drain deadline");
    } else if (error != null) {
      bad.merge(error.reason(), 1L, Long::sum);
    }
    listener.tell(new ConnectionClosed(c.peer(), o.lines(), error, wasCut));
    drainedYet();
    return Behaviors.same();
  }

  private Behavior<Command> onGetStats(GetStats m) {
    Stats own = stats();
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
      listener.tell(new Draining(connections.size(), settings.drainTimeout()));
    }
    timers.cancel(Timer.RETRY_BIND);
    if (unbound != null) {
      onUnbindAgain(new Unbind(unbound));
    } else if (binding != null) {
      binding.unbind();
    }
    if (drained != null) {
      drain(drained);
    }
    return draining();
  }

  private Behavior<Command> onUnbindAgain(Unbind m) {
    if (binding == null) {
      m.replyTo().tell(Done.getInstance());
    } else {
      getContext().pipeToSelf(binding.unbind(), (d, e) -> new Unbound(m.replyTo()));
    }
    return Behaviors.same();
  }

  private void drain(ActorRef<Done> replyTo) {
    draining.add(replyTo);
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
    if (!draining.isEmpty() && connections.isEmpty()) {
      drained();
      timers.cancel(Timer.DRAIN_DEADLINE);
      timers.cancel(Timer.KILL_GRACE);
    }
  }

  private void drained() {
    draining.forEach(d -> d.tell(Done.getInstance()));
    draining.clear();
  }

  private Behavior<Command> onTimer(Timer t) {
    switch (t) {
      case DRAIN_DEADLINE -> cutAll();
      case KILL_GRACE -> {
        if (!draining.isEmpty()) {
          getContext().getLog().warn("{} connections did not finish after the drain deadline", connections.size());
          drained();
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
    Stats s = stats().withWriter(c.lines(), c.bytes(), c.files(), 0, 0);
    listener.tell(new Stopped(s, getContext().messageAdapter(Done.class, Acknowledged::new)));
    return Behaviors.same();
  }

  private Behavior<Command> onFromWriter(FromWriter m) {
    LogWriter.Event e = m.event();
    if (e instanceof LogWriter.Opened o && binding != null) {
      InetSocketAddress a = binding.localAddress();
      listener.tell(new Listening(peer(a), a, o.file(), settings.format()));
    } else if (e instanceof LogWriter.News n) {
      listener.tell(n.event());
    } else if (e instanceof LogWriter.Failed f) {
      listener.tell(new WriterFailed(f.message()));
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

  private Stats stats() {
    Map<String, Long> kinds = new LinkedHashMap<>();
    bad.forEach((k, v) -> kinds.put(k.key(), v));
    String address =
        binding == null ? null : binding.localAddress().getAddress().getHostAddress() + ":" + binding.localAddress().getPort();
    return new Stats(
        state, address, settings.out().toAbsolutePath().toString(), settings.format(), connections.size(), seq, kinds, 0, 0, 0, 0, 0);
  }

  /** A socket address as Python prints {@code getpeername()}: {@code ('127.0.0.1', 54321)}. */
  public static String peer(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    if (a.getAddress() instanceof Inet6Address six) {
      int pct = host.indexOf('%');
      return "('" + (pct < 0 ? host : host.substring(0, pct)) + "', " + a.getPort() + ", 0, " + six.getScopeId() + ")";
    }
    return "('" + host + "', " + a.getPort() + ")";
  }
}
