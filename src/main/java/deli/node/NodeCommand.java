package deli.node;

import deli.core.Cli;
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
  @Mixin deli.trace.TraceOptions common;

  @Option(names = "--http-host", paramLabel = "HOST", description = "Interface for HTTP. Default: 127.0.0.1.")
  String httpHost;

  @Option(names = "--http-port", paramLabel = "PORT", description = "Port for HTTP (0: any free port). Default: 8080.")
  Integer httpPort;

  @Option(
      names = "--cluster-host",
      paramLabel = "HOST",
      description = "Address other nodes reach this one at (pekko.remote.artery.canonical.hostname). Default: 127.0.0.1.")
  String clusterHost;

  @Option(
      names = "--cluster-port",
      paramLabel = "PORT",
      description = "Port for cluster traffic (pekko.remote.artery.canonical.port; 0: any). Default: 25520.")
  Integer clusterPort;

  @Option(
      names = "--seed-node",
      paramLabel = "HOST:PORT",
      description = {
        "A seed node to join (repeat for several; pekko://deli@HOST:PORT or HOST:PORT). Replaces "
            + "pekko.cluster.seed-nodes of application.conf. Default: the seeds there; none: the node joins itself."
      })
  List<String> seedNodes;

  @Option(
      names = "--log-port",
      paramLabel = "PORT",
      description = "Port of the log server for Python's SocketHandler (0: any free port). Default: 18842.")
  Integer logPort;

  @Option(names = "--log-out", paramLabel = "FILE", description = "The log server's output file. Default: one.log.")
  String logOut;

  @Option(
      names = "--search-root",
      paramLabel = "DIR",
      description = "Keep the tree under DIR loaded and serve GET /search (deli.search.serve.root). Default: no search.")
  String searchRoot;

  @Option(
      names = "--files-root",
      paramLabel = "DIR",
      description =
          "A directory the node reads for its callers (POST /imports), with what lies below it; repeat for "
              + "several (deli.http.file-roots). Default: none.")
  List<String> filesRoots;

  @Override
  public Integer call() {
    Map<String, Object> flags = new HashMap<>();
    flags.put("pekko.actor.provider", "cluster");
    if (httpHost != null) {
      flags.put("deli.http.host", httpHost);
    }
    if (httpPort != null) {
      flags.put("deli.http.port", checkPort(httpPort, "--http-port"));
    }
    if (clusterHost != null) {
      flags.put("pekko.remote.artery.canonical.hostname", clusterHost);
    }
    if (clusterPort != null) {
      flags.put("pekko.remote.artery.canonical.port", checkPort(clusterPort, "--cluster-port"));
    }
    if (seedNodes != null) {
      List<String> seeds = new ArrayList<>();
      for (String seed : seedNodes) {
        seeds.add(seedAddress(seed));
      }
      flags.put("pekko.cluster.seed-nodes", seeds);
    }
    if (logPort != null) {
      flags.put("deli.logserver.port", checkPort(logPort, "--log-port"));
    }
    if (logOut != null) {
      flags.put("deli.logserver.out", logOut);
    }
    if (filesRoots != null) {
      for (String root : filesRoots) {
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(root))) {
          throw new deli.core.DeliException("--files-root: no such directory: " + root);
        }
      }
      flags.put("deli.http.file-roots", filesRoots);
    }
    if (searchRoot != null) {
      if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(searchRoot))) {
        throw new deli.core.DeliException("--search-root: no such directory: " + searchRoot);
      }
      flags.put("deli.search.serve.root", searchRoot);
    }
    var config = Cli.load(flags);
    NodeSettings settings = NodeSettings.from(config.getConfig("deli"));
    deli.logserver.LogServerSettings logserver;
    try {
      logserver = deli.logserver.LogServerSettings.from(config.getConfig("deli.logserver"));
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "deli.logserver." + e.getMessage());
    }
    // The log server drains its connections in CoordinatedShutdown's service-requests-done phase.
    java.time.Duration drain = settings.drain().compareTo(logserver.drainTimeout()) > 0 ? settings.drain() : logserver.drainTimeout();
    flags.put("pekko.coordinated-shutdown.phases.service-requests-done.timeout", deli.core.Durations.format(drain.plusSeconds(15)));
    config = Cli.load(flags);
    common.startFlow(config, "node", System.err);
    int code = Session.run(Guardian.create(settings), config, 0);
    System.out.println(code == 0 ? "deli node stopped" : "deli node stopped with errors");
    return code;
  }

  /** {@code HOST:PORT} or a full {@code pekko://deli@HOST:PORT} address, checked. */
  private String seedAddress(String seed) {
    String prefix = "pekko://" + Session.SYSTEM_NAME + "@";
    String hostPort = seed.startsWith(prefix) ? seed.substring(prefix.length()) : seed;
    int colon = hostPort.lastIndexOf(':');
    if (hostPort.contains("/") || colon <= 0) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--seed-node must be HOST:PORT or " + prefix + "HOST:PORT, not " + seed);
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--seed-node " + seed + ": the port must be 1 to 65535");
    }
    return prefix + hostPort;
  }

  private int checkPort(int port, String flag) {
    if (port < 0 || port > 65535) {
      throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), flag + " must be 0 to 65535, not " + port);
    }
    return port;
  }
}
