package deli.http;

import deli.logserver.LogServer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /logserver}: the log server's figures (where it listens, lines written, bad input). */
public final class LogServerRoutes {
  private final Edge edge;
  private final ActorRef<LogServer.Command> server;

  public LogServerRoutes(Edge edge, ActorRef<LogServer.Command> server) {
    this.edge = edge;
    this.server = server;
  }

  public Route route() {
    return Directives.path(
        "logserver",
        () -> Directives.get(() -> edge.traced(trace -> edge.<LogServer.Command, LogServer.Stats>ask(server, LogServer.GetStats::new, s -> s))));
  }
}
