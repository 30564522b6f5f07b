package deli.node;

import deli.core.Flags;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.core.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deli node}: a long-running node with every service and the HTTP API. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "A long-running node: every service, the HTTP API, a cluster member.",
      "",
      "Starts a long-running node: every program as a service under one supervising guardian, "
          + "registered with the Receptionist, and the HTTP API (GET /health, GET /status, "
          + "POST /chefs, /sleepers, /cpu, /philosophers, /imports, /factor, GET /weather, GET /logserver, and GET /search "
          + "with --search-root) and the log server for Python's "
          + "SocketHandler (see 'deli logserver'). The node is a Pekko cluster member: alone it joins "
          + "itself; with --seed-node or pekko.cluster.seed-nodes in application.conf it joins them "
          + "(scripts/cluster starts several on one machine). GET /cluster lists the members.",
      "",
      "Ctrl-C or SIGTERM stops it gracefully (exit 0), saying what it stopped."
    })
public final class NodeCommand implements Callable<Integer> {
  private static final Bounds PORT = Bounds.of(0, 65535);

  /** The paths of the node's flags: settings of several trees (HTTP, the cluster, the log server, search). */
  public static final Options OPTIONS =
      Options.commandLine(
          "",
          Setting.text("deli.http.host").flags("--http-host").help("HOST", "Interface for HTTP. Default: 127.0.0.1."),
          Setting.integer("deli.http.port", 0, 65535).flags("--http-port")
              .help("PORT", "Port for HTTP (0: any free port). Default: 8080."),
          Setting.text("pekko.remote.artery.canonical.hostname").flags("--cluster-host")
              .help("HOST", "Address other nodes reach this one at (pekko.remote.artery.canonical.hostname). "
                  + "Default: 127.0.0.1."),
          Setting.integer("pekko.remote.artery.canonical.port", 0, 65535).flags("--cluster-port")
              .help("PORT", "Port for cluster traffic (pekko.remote.artery.canonical.port; 0: any). Default: "
                  + "25520."),
          Setting.list("pekko.cluster.seed-nodes").flags("--seed-node").fromFlag(NodeCommand::seedAddresses)
              .help("HOST:PORT", "A seed node to join (repeat for several; pekko://deli@HOST:PORT or HOST:PORT). "
                  + "Replaces pekko.cluster.seed-nodes of application.conf. Default: the seeds there; none: the node "
                  + "joins itself."),
          Setting.integer("deli.logserver.port", 0, 65535).flags("--log-port")
              .help("PORT", "Port of the log server for Python's SocketHandler (0: any free port). Default: "
                  + "18842."),
          Setting.text("deli.logserver.out").flags("--log-out")
              .help("FILE", "The log server's output file. Default: one.log."),
          Setting.text("deli.search.serve.root").flags("--search-root").fromFlag(f -> directories("--search-root", f))
              .help("DIR", "Keep the tree under DIR loaded and serve GET /search (deli.search.serve.root). "
                  + "Default: no search."),
          Setting.list("deli.http.file-roots").flags("--files-root").fromFlag(f -> directories("--files-root", f))
              .help("DIR", "A directory the node reads for its callers (POST /imports), with what lies below it; "
                  + "repeat for several (deli.http.file-roots). Default: none."));

  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin deli.trace.TraceOptions common;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "text (the default) or json: the node's log as JSON lines (Logback's JSON encoder), each with the "
          + "trace id, span id and actor of the message being handled in its mdc.")
  deli.trace.LogFormat logFormat = deli.trace.LogFormat.text;

  @Override
  public Integer call() {
    logFormat.apply();
    // A node is a cluster member even when alone: it joins itself.
    Map<String, Object> cluster = Map.of("pekko.actor.provider", "cluster");
    var config = flags.load(cluster);
    NodeSettings settings = NodeSettings.from(config.getConfig("deli"));
    // Refused before anything starts: the log server would already have set aside the last log file.
    java.util.Optional<String> refusal = deli.http.Access.refusal(settings.httpHost(), settings.token());
    if (refusal.isPresent()) {
      System.err.println("deli node: " + refusal.get());
      return 1;
    }
    Map<String, Object> extra = new HashMap<>(cluster);
    try {
      extra.putAll(drainPhase(settings, config));
    } catch (IllegalArgumentException e) {
      throw flags.error("deli.logserver." + e.getMessage());
    }
    config = flags.load(extra);
    common.startFlow(config, "node", System.err);
    int code = Session.run(Guardian.create(settings), config, 0);
    System.out.println(code == 0 ? "deli node stopped" : "deli node stopped with errors");
    return code;
  }

  /**
   * CoordinatedShutdown's service-requests-done phase, long enough for both drains that run in
   * it (the HTTP requests in flight and the log server's connections) and 15 s more: Pekko's
   * default, 5 s, would stop the services under a request still being answered.
   *
   * @throws IllegalArgumentException when the log server's settings are not valid
   */
  public static Map<String, Object> drainPhase(NodeSettings settings, com.typesafe.config.Config config) {
    deli.logserver.LogServerSettings logserver = deli.logserver.LogServerSettings.from(config.getConfig("deli.logserver"));
    java.time.Duration drain = settings.drain().compareTo(logserver.drainTimeout()) > 0 ? settings.drain() : logserver.drainTimeout();
    return Map.of("pekko.coordinated-shutdown.phases.service-requests-done.timeout", deli.core.Durations.format(drain.plusSeconds(15)));
  }

  /** Each {@code HOST:PORT} or full {@code pekko://deli@HOST:PORT} address, checked and written in full. */
  private static Object seedAddresses(Object flag) {
    List<String> seeds = new ArrayList<>();
    for (Object seed : (List<?>) flag) {
      seeds.add(seedAddress((String) seed));
    }
    return seeds;
  }

  private static String seedAddress(String seed) {
    String prefix = "pekko://" + Session.SYSTEM_NAME + "@";
    String hostPort = seed.startsWith(prefix) ? seed.substring(prefix.length()) : seed;
    int colon = hostPort.lastIndexOf(':');
    if (hostPort.contains("/") || colon <= 0) {
      throw new IllegalArgumentException("must be HOST:PORT or " + prefix + "HOST:PORT, not " + seed);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (!PORT.contains(port) || port == 0) {
      throw new IllegalArgumentException("must be HOST:PORT with a port of 1 to " + Bounds.number(PORT.max()) + ", not " + seed);
    }
    return prefix + hostPort;
  }

  /** The directories a flag names, each of which must be there. */
  private static Object directories(String name, Object flag) {
    List<?> dirs = flag instanceof List<?> l ? l : List.of(flag);
    for (Object dir : dirs) {
      if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of((String) dir))) {
        throw new deli.core.DeliException(name + ": no such directory: " + dir);
      }
    }
    return flag;
  }
}
