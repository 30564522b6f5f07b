package deli.node;

import com.typesafe.config.Config;
import deli.http.HttpServer;
import deli.http.Listed;
import deli.http.Routes;
import deli.service.Admission;
import deli.service.Edge;
import deli.service.FileRoots;
import deli.service.Json;
import deli.service.Service;
import deli.trace.MetricsRoute;
import deli.trace.TraceLog;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
          Admission admission = new Admission(settings.admission());
          FileRoots fileRoots = new FileRoots(settings.fileRoots());
          Edge edge = new Edge(ctx.getSystem(), json, settings.askTimeout(), admission, settings.retryAfter());
          ActorRef<ServiceStarts.Command> starts = ctx.spawn(ServiceStarts.create(), "service-starts");
          List<Listed> listed = new ArrayList<>();
          List<Route> routes = new ArrayList<>();
          for (Service s : services) {
            Service.Running running = s.start().apply(new NodeContext(ctx, settings, edge, fileRoots, s.name(), starts));
            routes.add(running.route());
            if (running.serving()) {
              listed.add(new Listed(s.name(), s.key(), running.stats()));
            }
          }
          routes.add(MetricsRoute.route());
          List<String> started = listed.stream().map(Listed::name).toList();
          String node = TraceLog.nodeOf(ctx.getSystem());
          HttpServer.start(
                  ctx.getSystem(),
                  Routes.of(
                      ctx.getSystem(),
                      json,
                      new Routes.Limits(settings.maxRequestBytes(), settings.statusTimeout(), settings.token()),
                      new Routes.NodeView(
                          node,
                          listed,
                          admission::snapshot,
                          restarts(ctx, starts, settings),
                          services.stream().flatMap(s -> s.endpoints().stream()).toList()),
                      routes),
                  settings.httpHost(),
                  settings.httpPort(),
                  settings.drain(),
                  settings.token())
              .thenAccept(
                  binding -> {
                    onBound.accept(binding.localAddress());
                    System.out.println(
                        "deli node " + node + " up: http://" + binding.localAddress().getHostString() + ":"
                            + binding.localAddress().getPort() + " serving " + String.join(", ", started));
                  });
          StopLines.register(ctx.getSystem(), started);
          return Behaviors.empty();
        });
  }

  private static Supplier<CompletionStage<Map<String, Integer>>> restarts(
      ActorContext<Void> ctx, ActorRef<ServiceStarts.Command> starts, NodeSettings settings) {
    return () ->
        AskPattern.<ServiceStarts.Command, ServiceStarts.Restarts>ask(
                starts, ServiceStarts.GetRestarts::new, settings.statusTimeout(), ctx.getSystem().scheduler())
            .thenApply(ServiceStarts.Restarts::byService);
  }

  private static void joinSelfWhenNoSeeds(ActorContext<Void> ctx, Config config) {
    if (config.getString("pekko.actor.provider").equals("cluster")
        && config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

}
