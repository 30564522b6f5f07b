package deli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.Session;
import deli.testing.Await;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.server.Directives;
import org.junit.jupiter.api.Test;

/**
 * A node asked to listen beyond loopback with no token ends with exit code 1 before it binds:
 * nothing, the page and {@code /events} included, is ever served there without the token. (No
 * socket is opened beyond this machine: the refusal comes first.)
 */
class HttpServerTest {
  @Test
  void listeningBeyondLoopbackWithoutATokenEndsTheNodeBeforeItBinds() throws Exception {
    for (String host : new String[] {"0.0.0.0", "10.77.0.1"}) {
      ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "refused");
      try {
        var bound =
            HttpServer.start(system, Directives.complete("never served"), host, 0, Duration.ofSeconds(1), "")
                .toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> bound.get(Await.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS));
        assertTrue(e.getCause().getMessage().contains("needs a token"), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains(host), e.getCause().getMessage());
        system.getWhenTerminated().toCompletableFuture().get(Await.scaled(Duration.ofSeconds(30)).toMillis(), TimeUnit.MILLISECONDS);
        Optional<CoordinatedShutdown.Reason> reason = CoordinatedShutdown.get(system).getShutdownReason();
        assertEquals(Optional.of(new Session.Outcome(1)), reason);
      } finally {
        system.terminate();
      }
    }
  }
}
