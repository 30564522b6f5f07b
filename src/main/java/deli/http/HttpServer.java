package deli.http;

import deli.core.Failures;
import deli.core.Session;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the node's routes and ties the server to CoordinatedShutdown: it stops accepting at
 * service-unbind and lets requests in flight finish within {@code drain}. A port that is
 * taken ends the node with exit code 1 and a clear line.
 */
public final class HttpServer {
  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, Route routes, String host, int port, Duration drain) {
    return Http.get(system)
        .newServerAt(host, port)
        .bind(routes)
        .whenComplete(
            (binding, failure) -> {
              if (failure != null) {
                System.err.println(
                    "deli node: cannot listen for HTTP on " + host + ":" + port + ": " + Failures.describe(failure));
                Session.finish(system, 1);
              } else {
                binding.addToCoordinatedShutdown(drain, system);
              }
            });
  }
}
