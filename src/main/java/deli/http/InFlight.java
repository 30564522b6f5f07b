package deli.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The requests the node is answering now, so that a stopping node lets them finish (up to its
 * drain deadline) and says how many it answered and how many it cut. A counter shared by the
 * HTTP server's threads: the edge, not an actor.
 */
final class InFlight {
  private final AtomicLong now = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();

  /** {@code inner}, each request counted from its start to its answer. */
  Route counting(Route inner) {
    return Directives.mapRouteResultFuture(
        result -> {
          now.incrementAndGet();
          return result.whenComplete(
              (r, failure) -> {
                now.decrementAndGet();
                answered.incrementAndGet();
              });
        },
        () -> inner);
  }

  long now() {
    return now.get();
  }

  long answered() {
    return answered.get();
  }

  /**
   * Completes once no request is in flight, or at {@code deadline} with those still in flight
   * (0 when all were answered).
   */
  CompletionStage<Long> drained(Duration deadline) {
    CompletableFuture<Long> done = new CompletableFuture<>();
    long until = System.nanoTime() + deadline.toNanos();
    poll(done, until);
    return done;
  }

  private void poll(CompletableFuture<Long> done, long until) {
    long left = now.get();
    if (left == 0 || System.nanoTime() >= until) {
      done.complete(left);
      return;
    }
    CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> poll(done, until));
  }
}
