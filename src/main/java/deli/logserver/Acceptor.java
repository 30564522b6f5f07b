package deli.logserver;

import deli.trace.Trace;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The log server's TCP side: the listening socket, whose accept stream lets at most
 * {@code max-connections} be served at once (a place is freed when its connection's future
 * completes), and the serving or refusing of each connection accepted.
 */
final class Acceptor {
  private Acceptor() {}

  /** Binds; each connection accepted goes to {@code accepted} with the future that frees its place. */
  static CompletionStage<Tcp.ServerBinding> bind(
      ActorSystem<?> system,
      LogServerSettings settings,
      Materializer materializer,
      BiConsumer<Tcp.IncomingConnection, CompletableFuture<Done>> accepted) {
    return Tcp.get(system)
        .bind(settings.host(), settings.port(), 1024, List.of(), false, Optional.empty())
        .mapAsyncUnordered(
            settings.maxConnections(),
            c -> {
              CompletableFuture<Done> closed = new CompletableFuture<>();
              accepted.accept(c, closed);
              return closed;
            })
        .to(Sink.ignore())
        .run(materializer);
  }

  /** Serves {@code c} with a {@link ConnectionFlow} to {@code writer} (its last records kept in {@code last}): its kill switch and outcome. */
  static Pair<UniqueKillSwitch, CompletionStage<ConnectionFlow.Outcome>> serve(
      Tcp.IncomingConnection c,
      long id,
      LogServerSettings settings,
      Executor decoding,
      ActorRef<LogWriter.Command> writer,
      LastRecords last,
      Materializer materializer) {
    return c.handleWith(ConnectionFlow.create(settings, Trace.start("connection-" + id), decoding, writer, last), materializer);
  }

  /** Closes a connection the server will not serve (it is stopping), and frees its place. */
  static void refuse(Tcp.IncomingConnection c, CompletableFuture<Done> closed, Materializer materializer) {
    c.handleWith(Flow.fromSinkAndSource(Sink.cancelled(), Source.empty()), materializer);
    closed.complete(Done.getInstance());
  }

  /** A socket address as Python prints {@code getpeername()}: {@code ('127.0.0.1', 54321)}. */
  static String peer(InetSocketAddress a) {
    String host = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
    if (a.getAddress() instanceof Inet6Address six) {
      int pct = host.indexOf('%');
      return "('" + (pct < 0 ? host : host.substring(0, pct)) + "', " + a.getPort() + ", 0, " + six.getScopeId() + ")";
    }
    return "('" + host + "', " + a.getPort() + ")";
  }
}
