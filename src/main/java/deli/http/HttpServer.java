package deli.http;

import deli.core.InUse;
import deli.core.Durations;
import deli.core.Failures;
import deli.core.Session;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.HttpTerminated;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the node's routes and ties the server to CoordinatedShutdown: at service-unbind it
 * stops accepting; at service-requests-done it lets requests in flight finish within
 * {@code drain}, then closes what is left and says how many it answered and cut. A port that
 * is taken ends the node with exit code 1 and a clear line.
 */
public final class HttpServer {
  private HttpServer() {}

  public static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, Route routes, String host, int port, Duration drain, String token) {
    Optional<String> refusal = Access.refusal(host, token);
    if (refusal.isPresent()) {
      System.err.println("deli node: " + refusal.get());
      Session.finish(system, 1);
      return CompletableFuture.failedFuture(new IllegalStateException(refusal.get()));
    }
    InFlight inFlight = new InFlight();
    return Http.get(system)
        .newServerAt(host, port)
        .bind(inFlight.counting(routes))
        .whenComplete(
            (binding, failure) -> {
              if (failure != null) {
                System.err.println(
                    "deli node: cannot listen for HTTP on " + host + ":" + port + ": " + Failures.describe(failure) + InUse.hint(failure, "--http-port"));
                Session.finish(system, 1);
              } else {
                stopWithTheNode(system, binding, inFlight, drain);
              }
            });
  }

  private static void stopWithTheNode(ActorSystem<?> system, ServerBinding binding, InFlight inFlight, Duration drain) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(system);
    cs.addTask(CoordinatedShutdown.PhaseServiceUnbind(), "deli-http-unbind", () -> binding.unbind());
    cs.addTask(
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        "deli-http-drain",
        () -> {
          long before = inFlight.answered() + inFlight.now();
          long waiting = inFlight.now();
          // Pekko's terminate waits for a request in flight, sends its answer and then closes the
          // connection; called only after the answer, it may abort a connection whose answer is
          // still being written (akka-http #4060: a client saw a reset instead of its 200). So it
          // starts now, the drain its deadline, and the count of answered is taken beside it.
          CompletionStage<HttpTerminated> terminated = binding.terminate(waiting == 0 ? Duration.ofSeconds(1) : drain);
          return inFlight
              .drained(drain)
              .thenCompose(
                  cut -> {
                    long answered = waiting - cut;
                    System.out.println(
                        "deli node: HTTP server stopped: "
                            + (waiting == 0
                                ? "no request was in flight"
                                : answered + " of " + waiting + " requests in flight answered"
                                    + (cut > 0 ? ", " + cut + " cut at the " + Durations.format(drain) + " drain deadline" : ""))
                            + " (" + before + " requests in all)");
                    return terminated.thenApply(t -> Done.getInstance());
                  });
        });
  }
}
