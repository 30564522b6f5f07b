package deli.node;

import com.typesafe.config.Config;
import deli.chefs.ChefsSettings;
import deli.chefs.Kitchen;
import deli.core.ProgramService;
import deli.cluster.ClusterFactor;
import deli.cluster.ClusterSettings;
import deli.cpu.CpuRace;
import deli.cpu.CpuSettings;
import deli.factor.FactorPool;
import deli.factor.FactorPoolClient;
import deli.factor.FactorSettings;
import deli.http.ClusterRoutes;
import deli.http.FactorRoutes;
import deli.http.DemoRoutes;
import deli.http.Edge;
import deli.http.HttpServer;
import deli.http.ImportsRoutes;
import deli.http.Json;
import deli.http.LogServerRoutes;
import deli.http.NodeRoutes;
import deli.http.PhilosophersRoutes;
import deli.http.Routes;
import deli.imports.ImportAnalyzer;
import deli.imports.ImportsSettings;
import deli.http.WeatherRoutes;
import deli.logserver.LogServer;
import deli.logserver.LogServerSettings;
import deli.logserver.ServerLog;
import deli.philosophers.Dinner;
import deli.philosophers.DinnerEvent;
import deli.philosophers.PhilosophersSettings;
import deli.http.SearchRoutes;
import deli.search.DirectorySearch;
import deli.search.SearchClusterSettings;
import deli.search.SearchLog;
import deli.search.SearchNode;
import deli.search.SearchSettings;
import deli.sleepers.Sleepers;
import deli.sleepers.SleepersSettings;
import deli.trace.TraceLog;
import deli.trace.Tracing;
import deli.weather.WeatherService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * The root of a node: starts every service under supervision (restart with backoff),
 * registers each with the Receptionist under its own key, joins the cluster (a lone node
 * joins itself) and serves the HTTP API. It holds no state and answers no messages.
 */
public final class Guardian {
  public static final ServiceKey<ProgramService.Command> CHEFS =
      ServiceKey.create(ProgramService.Command.class, "deli-chefs");
  public static final ServiceKey<ProgramService.Command> SLEEPERS =
      ServiceKey.create(ProgramService.Command.class, "deli-sleepers");
  public static final ServiceKey<ProgramService.Command> CPU =
      ServiceKey.create(ProgramService.Command.class, "deli-cpu");
  public static final ServiceKey<ProgramService.Command> IMPORTS =
      ServiceKey.create(ProgramService.Command.class, "deli-imports");
  public static final ServiceKey<WeatherService.Command> WEATHER =
      ServiceKey.create(WeatherService.Command.class, "deli-weather");
  public static final ServiceKey<LogServer.Command> LOGSERVER =
      ServiceKey.create(LogServer.Command.class, "deli-logserver");
  public static final ServiceKey<ProgramService.Command> PHILOSOPHERS =
      ServiceKey.create(ProgramService.Command.class, "deli-philosophers");

  private Guardian() {}

  public static Behavior<Void> create(NodeSettings settings) {
    return create(settings, address -> {});
  }

  /** As {@link #create(NodeSettings)}, telling {@code onBound} where HTTP listens once it does. */
  public static Behavior<Void> create(NodeSettings settings, java.util.function.Consumer<java.net.InetSocketAddress> onBound) {
    return Behaviors.setup(
        ctx -> {
          Config config = ctx.getSystem().settings().config();
          joinSelfWhenNoSeeds(ctx, config);
          List<String> started = new ArrayList<>();
          ActorRef<ProgramService.Command> chefs =
              service(
                  ctx,
                  settings,
                  "chefs",
                  CHEFS,
                  ProgramService.Command.class,
                  ProgramService.<ChefsSettings, Kitchen.Event, Kitchen.KitchenClosed>create(
                      "kitchen", Kitchen.KitchenClosed.class, Kitchen::create),
                  started);
          ActorRef<ProgramService.Command> sleepers =
              service(
                  ctx,
                  settings,
                  "sleepers",
                  SLEEPERS,
                  ProgramService.Command.class,
                  ProgramService.<SleepersSettings, Sleepers.Event, Sleepers.AllAwake>create(
                      "sleepers", Sleepers.AllAwake.class, Sleepers::create),
                  started);
          ActorRef<ProgramService.Command> cpu =
              service(
                  ctx,
                  settings,
                  "cpu",
                  CPU,
                  ProgramService.Command.class,
                  ProgramService.<CpuSettings, CpuRace.Event, CpuRace.RaceDone>create(
                      "race", CpuRace.RaceDone.class, CpuRace::create),
                  started);
          ActorRef<ProgramService.Command> imports =
              service(
                  ctx,
                  settings,
                  "imports",
                  IMPORTS,
                  ProgramService.Command.class,
                  ProgramService.<ImportsSettings, ImportAnalyzer.Event, ImportAnalyzer.Report>create(
                      "analysis", ImportAnalyzer.Report.class, ImportAnalyzer::create),
                  started);
          ActorRef<WeatherService.Command> weather =
              service(
                  ctx,
                  settings,
                  "weather",
                  WEATHER,
                  WeatherService.Command.class,
                  WeatherService.create(config.getConfig("deli.weather")),
                  started);
          ActorRef<LogServer.Command> logserver =
              service(
                  ctx,
                  settings,
                  "logserver",
                  LOGSERVER,
                  LogServer.Command.class,
                  LogServer.create(
                      LogServerSettings.from(config.getConfig("deli.logserver")),
                      ctx.spawn(ServerLog.create(), "logserver-log"),
                      true),
                  started);
          FactorSettings factorSettings = FactorSettings.from(config.getConfig("deli.factor"));
          ClusterSettings clusterSettings = ClusterSettings.from(config.getConfig("deli.cluster"));
          ActorRef<FactorPool.Command> factor =
              service(
                  ctx,
                  settings,
                  "factor",
                  FactorPool.SERVICE_KEY,
                  FactorPool.Command.class,
                  FactorPool.create(factorSettings, clusterSettings.factoring()),
                  started);
          // POST /factor goes to the front, which spreads it over the pools of every node.
          ActorRef<FactorPool.Command> factorFront =
              ctx.spawn(
                  Behaviors.supervise(
                          Tracing.traced(
                              FactorPool.Command.class,
                              ClusterFactor.create(clusterSettings)))
                      .onFailure(
                          SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(), 0.2)),
                  "factor-cluster");
          ActorRef<ProgramService.Command> philosophers =
              service(
                  ctx,
                  settings,
                  "philosophers",
                  PHILOSOPHERS,
                  ProgramService.Command.class,
                  ProgramService.<PhilosophersSettings, DinnerEvent, DinnerEvent.Outcome>create(
                      "dinner",
                      DinnerEvent.Outcome.class,
                      Dinner::create,
                      Dinner.dispatcher(config.getString("deli.philosophers.dispatcher"))),
                  started);
          SearchSettings searchSettings = SearchSettings.from(config.getConfig("deli.search")).serving();
          Optional<ActorRef<DirectorySearch.Command>> search = Optional.empty();
          if (!searchSettings.serveRoot().isBlank()) {
            ActorRef<DirectorySearch.Event> searchLog = ctx.spawn(SearchLog.create("deli node", System.out), "search-log");
            search =
                Optional.of(
                    service(
                        ctx,
                        settings,
                        "search",
                        DirectorySearch.KEY,
                        DirectorySearch.Command.class,
                        config.getString("pekko.actor.provider").equals("cluster")
                            ? SearchNode.create(
                                searchSettings, SearchClusterSettings.from(config.getConfig("deli.search")), searchLog)
                            : DirectorySearch.create(searchSettings, null, searchLog),
                        started));
          }

          Json json = new Json(ctx.getSystem());
          Edge edge = new Edge(ctx.getSystem(), json, settings.askTimeout());
          String node = TraceLog.nodeOf(ctx.getSystem());
          List<NodeRoutes.Service> listed =
              new java.util.ArrayList<>(
                  List.of(
                  new NodeRoutes.Service("chefs", CHEFS),
                  new NodeRoutes.Service("sleepers", SLEEPERS),
                  new NodeRoutes.Service("cpu", CPU),
                  new NodeRoutes.Service("imports", IMPORTS),
                  new NodeRoutes.Service("weather", WEATHER),
                  new NodeRoutes.Service(
                      "logserver",
                      LOGSERVER,
                      () ->
                          AskPattern.<LogServer.Command, LogServer.Stats>ask(
                              logserver, LogServer.GetStats::new, Duration.ofSeconds(3), ctx.getSystem().scheduler())),
                  new NodeRoutes.Service(
                      "factor",
                      FactorPool.SERVICE_KEY,
                      () ->
                          AskPattern.<FactorPool.Command, ClusterFactor.Stats>ask(
                              factorFront, ClusterFactor.GetStats::new, Duration.ofSeconds(3), ctx.getSystem().scheduler())),
                  new NodeRoutes.Service("philosophers", PHILOSOPHERS)));
          if (search.isPresent()) {
            // Only a node given a tree serves search; the others would list it as down.
            listed.add(new NodeRoutes.Service("search", DirectorySearch.KEY));
          }
          var routes =
              Routes.of(
                  json,
                  settings.maxRequestBytes(),
                  new NodeRoutes(ctx.getSystem(), json, listed, node).route(),
                  new ClusterRoutes(ctx.getSystem(), json, listed).route(),
                  new DemoRoutes(edge, config, chefs, sleepers, cpu).route(),
                  new ImportsRoutes(edge, config, imports).route(),
                  new WeatherRoutes(edge, weather).route(),
                  new LogServerRoutes(edge, logserver).route(),
                  new FactorRoutes(
                          edge,
                          new FactorPoolClient(ctx.getSystem(), factorFront, settings.askTimeout()),
                          factorSettings.maxNumbers())
                      .route(),
                  new PhilosophersRoutes(edge, config, philosophers).route(),
                  new SearchRoutes(edge, search, searchSettings).route());
          HttpServer.start(ctx.getSystem(), routes, settings.httpHost(), settings.httpPort(), settings.drain())
              .thenAccept(
                  binding -> {
                      onBound.accept(binding.localAddress());
                      System.out.println(
                          "deli node "
                              + node
                              + " up: http://"
                              + binding.localAddress().getHostString()
                              + ":"
                              + binding.localAddress().getPort()
                              + " serving "
                              + String.join(", ", started));
                  });
          sayWhatStops(ctx, settings, started);
          return Behaviors.empty();
        });
  }

  private static <T> ActorRef<T> service(
      ActorContext<Void> ctx,
      NodeSettings settings,
      String name,
      ServiceKey<T> key,
      Class<T> messageClass,
      Behavior<T> behavior,
      List<String> started) {
    Behavior<T> supervised =
        Behaviors.supervise(Tracing.traced(messageClass, behavior))
            .onFailure(
                SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(), 0.2));
    ActorRef<T> ref = ctx.spawn(supervised, name);
    ctx.getSystem().receptionist().tell(Receptionist.register(key, ref));
    started.add(name);
    return ref;
  }

  private static void joinSelfWhenNoSeeds(ActorContext<Void> ctx, Config config) {
    if (config.getString("pekko.actor.provider").equals("cluster")
        && config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    }
  }

  /** Says, as the node stops, what it stopped and why. */
  private static void sayWhatStops(ActorContext<Void> ctx, NodeSettings settings, List<String> started) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(ctx.getSystem());
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "deli-say-stopping",
        () -> {
          String why = cs.getShutdownReason().map(Guardian::reason).orElse("");
          System.out.println("deli node stopping" + why + ": no new HTTP connections");
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
    cs.addTask(
        CoordinatedShutdown.PhaseServiceStop(),
        "deli-say-http-stopped",
        () -> {
          System.out.println("deli node: HTTP server stopped, requests in flight answered");
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "deli-say-services-stopped",
        () -> {
          System.out.println("deli node: stopping services " + String.join(", ", started));
          System.out.flush();
          return java.util.concurrent.CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static String reason(CoordinatedShutdown.Reason r) {
    if (r instanceof deli.core.Session.Signalled s) {
      return " (" + s.signal() + ")";
    }
    return "";
  }
}
