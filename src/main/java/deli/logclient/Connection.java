package deli.logclient;

import deli.core.Failures;
import deli.core.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One client's TCP connection, as {@code logging.SocketHandler} keeps one: a plain socket,
 * connected when the actor starts, written to with blocking writes, closed when asked. It runs
 * on the blocking-I/O dispatcher. Each {@link Send} is answered once its bytes are in the
 * socket, so the client sends the next only then.
 */
final class Connection extends AbstractBehavior<Connection.Command> {
  interface Command {}

  /** Write these frames; answered with {@link Sent} or {@link Broken}. */
  record Send(byte[] bytes, ActorRef<Reply> replyTo) implements Command {}

  /** Close the socket (its data still goes out); answered with {@link Closed} or {@link Broken}. */
  record Close(ActorRef<Reply> replyTo) implements Command {}

  interface Reply {}

  /** The bytes of a {@link Send} are written. */
  enum Sent implements Reply {
    INSTANCE
  }

  /** The socket is closed after every byte was written. */
  enum Closed implements Reply {
    INSTANCE
  }

  /** The connection could not be made or broke; the actor has stopped. */
  record Broken(String reason) implements Reply {}

  private final Socket socket;
  private final OutputStream out;
  private final String where;

  static Behavior<Command> create(String host, int port, Duration connectTimeout) {
    return Behaviors.setup(
        ctx -> {
          String where = host + ":" + port;
          Socket socket = new Socket();
          try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new Connection(ctx, socket, where);
          } catch (IOException e) {
            close(socket);
            return refusing("cannot connect to " + where + ": " + Failures.describe(e));
          }
        });
  }

  /** A connection that could not be made: it says so to whoever sends to it, then stops. */
  private static Behavior<Command> refusing(String reason) {
    return Behaviors.receive(Command.class)
        .onMessage(Send.class, s -> broken(s.replyTo(), reason))
        .onMessage(Close.class, c -> broken(c.replyTo(), reason))
        .build();
  }

  private static Behavior<Command> broken(ActorRef<Reply> replyTo, String reason) {
    replyTo.tell(new Broken(reason));
    return Behaviors.stopped();
  }

  private Connection(ActorContext<Command> ctx, Socket socket, String where) throws IOException {
    super(ctx);
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.where = where;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Close.class, this::onClose)
        .onSignal(PostStop.class, s -> {
          close(socket);
          return this;
        })
        .build();
  }

  private Behavior<Command> onSend(Send s) {
    try {
      out.write(s.bytes());
    } catch (IOException e) {
      return broken(s.replyTo(), "cannot send to " + where + ": " + Failures.describe(e));
    }
    s.replyTo().tell(Sent.INSTANCE);
    return this;
  }

  private Behavior<Command> onClose(Close c) {
    try {
      out.flush();
      socket.shutdownOutput(); // FIN after the data, as a graceful close
      socket.close();
    } catch (IOException e) {
      return broken(c.replyTo(), "cannot close the connection to " + where + ": " + Failures.describe(e));
    }
    c.replyTo().tell(Closed.INSTANCE);
    return Behaviors.stopped();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing after a failure: the failure is what gets reported
    }
  }
}
