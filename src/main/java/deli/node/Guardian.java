package deli.node;

import com.typesafe.config.Config;
import deli.core.Session;
import deli.http.HttpServer;
import deli.http.Listed;
import deli.http.Routes;
import deli.service.Edge;
import deli.service.Json;
import deli.service.Service;
import deli.service.ServiceContext;
import deli.trace.TraceLog;
import deli.trace.Tracing;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The root of a node: joins the cluster (a lone node joins itself), starts each of
 * {@link Services#ALL} under supervision (restart with backoff, every message traced), and
 * serves their routes with the node's own ({@code /health}, {@code /status}, {@code /cluster}).
 * It holds no state and answers no messages.
 */
public final class Guardian {
  private Guardian() {}

  public static Behavior<Void> create(NodeSettings settings) {
    return create(settings, Services.ALL, address -> {});
  }

  /** A node of {@code services}, telling {@code onBound} where HTTP listens once it does. */
  public static Behavior<Void> create(NodeSettings settings, List<Service> services, Consumer<InetSocketAddress> onBound) {
    return Behaviors.setup(
        ctx -> {
          Config config = ctx.getSystem().settings().config();
          joinSelfWhenNoSeeds(ctx, config);
          Json json = new Json(ctx.getSystem());
          Edge edge = new Edge(ctx.getSystem(), json, settings.askTimeout());
          ActorRef<ServiceStarts.Command> starts = ctx.spawn(ServiceStarts.create(), "service-starts");
          List<Listed> listed = new ArrayList<>();
          List<Route> routes = new ArrayList<>();
          for (Service s : services) {
            Service.Running running = s.start().apply(new Context(ctx, settings, edge, s.name(), starts));
            routes.add(running.route());
            if (running.serving()) {
              listed.add(new Listed(s.name(), s.key(), running.stats()));
            }
          }
          List<String> started = listed.stream().map(Listed::name).toList();
          String node = TraceLog.nodeOf(ctx.getSystem());
          HttpServer.start(
                  ctx.getSystem(),
                  Routes.of(
                      ctx.getSystem(),
                      json,
                      settings.maxRequestBytes(),
                      settings.statusTimeout(),
                      node,
                      listed,
                      () ->
                          AskPattern.<ServiceStarts.Command, ServiceStarts.Restarts>ask(
                                  starts, ServiceStarts.GetRestarts::new, settings.statusTimeout(), ctx.getSystem().scheduler())
                              .thenApply(ServiceStarts.Restarts::byService),
                      routes),
                  settings.httpHost(),
                  settings.httpPort(),
                  settings.drain())
              .thenAccept(
                  binding -> {
                    onBound.accept(binding.localAddress());
                    System.out.println(
                        "deli node " + node + " up: http://" + binding.localAddress().getHostString() + ":"
                            + binding.localAddress().getPort() + " serving " + String.join(", ", started));
                  });
          sayWhatStops(ctx, started);
          return Behaviors.empty();
        });
  }

  /**
   * What service {@code service} gets from the node: its supervision (each start of its actors
   * counted, so {@code /status} can tell restarts) and the Receptionist.
   */
  private record Context(
      ActorContext<Void> ctx, NodeSettings settings, Edge edge, String service, ActorRef<ServiceStarts.Command> starts)
      implements ServiceContext {
    @Override
    public ActorSystem<?> system() {
      return ctx.getSystem();
    }

    @Override
    public Config config() {
      return ctx.getSystem().settings().config();
    }

    @Override
    public Duration askTimeout() {
      return settings.askTimeout();
    }

    @Override
    public Duration statusTimeout() {
      return settings.statusTimeout();
    }

    @Override
    public <T> ActorRef<T> spawn(String name, Class<T> protocol, Behavior<T> behavior, Props props) {
      Behavior<T> counted =
          Behaviors.setup(
              c -> {
                starts.tell(new ServiceStarts.Started(service, name));
                return behavior;
              });
      Behavior<T> supervised =
          Behaviors.supervise(Tracing.traced(protocol, counted))
              .onFailure(SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(), 0.2));
      return ctx.spawn(supervised, name, props);
    }

    @Override
    public <T> ActorRef<T> register(ServiceKey<T> key, ActorRef<T> ref) {
      ctx.getSystem().receptionist().tell(Receptionist.register(key, ref));
      return ref;
    }
  }

  private static void joinSelfWhenNoSeeds(ActorContext<Void> ctx, Config config) {
    if (config.getString("pekko.actor.provider").equals("cluster")
        && config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  /** Says, as the node stops, what it stopped and why. */
  private static void sayWhatStops(ActorContext<Void> ctx, List<String> started) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(ctx.getSystem());
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "deli-say-stopping",
        () -> {
          String why = cs.getShutdownReason().map(Guardian::reason).orElse("");
          System.out.println("deli node stopping" + why + ": no new HTTP connections");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    cs.addTask(
        CoordinatedShutdown.PhaseServiceStop(),
        "deli-say-http-stopped",
        () -> {
          System.out.println("deli node: HTTP server stopped, requests in flight answered");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "deli-say-services-stopped",
        () -> {
          System.out.println("deli node: stopping services " + String.join(", ", started));
          System.out.flush();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static String reason(CoordinatedShutdown.Reason r) {
    return r instanceof Session.Signalled s ? " (" + s.signal() + ")" : "";
  }
}
