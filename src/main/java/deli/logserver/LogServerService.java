package deli.logserver;

import deli.service.Service;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Directives;

/**
 * The log server as a node service: it listens for {@code SocketHandler} clients from the
 * start; {@code GET /logserver} and its {@code /status} entry give its figures (where it
 * listens, lines written, bad input).
 */
public final class LogServerService {
  public static final ServiceKey<LogServer.Command> KEY = ServiceKey.create(LogServer.Command.class, "deli-logserver");

  public static final Service SERVICE =
      new Service(
          "logserver",
          KEY,
          ctx -> {
            ActorRef<ServerEvent> log = ctx.spawn("logserver-log", ServerEvent.class, ServerLog.create());
            ActorRef<LogServer.Command> server =
                ctx.serve(
                    "logserver",
                    KEY,
                    LogServer.Command.class,
                    LogServer.create(LogServerSettings.from(ctx.config().getConfig("deli.logserver")), log, true));
            var route =
                Directives.path(
                    "logserver",
                    () ->
                        Directives.get(
                            () ->
                                ctx.edge()
                                    .traced(trace -> ctx.edge().<LogServer.Command, ServerStats>ask(server, LogServer.GetStats::new, s -> s))));
            return Service.Running.of(route)
                    .withStats(
                        () ->
                            AskPattern.<LogServer.Command, ServerStats>ask(
                                server, LogServer.GetStats::new, ctx.statusTimeout(), ctx.system().scheduler()));
          })
          .answering(Service.Endpoint.get("/logserver", "the log server's figures"));

  private LogServerService() {}
}
