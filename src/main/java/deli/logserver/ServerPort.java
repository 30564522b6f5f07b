package deli.logserver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The log server's listening port: the binding once it is had, and the backoff between tries
 * while the port is taken (1 s, doubling, at most 30 s). Owned by the {@link LogServer} actor,
 * used from its thread only.
 */
final class ServerPort {
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration RETRY_MAX = Duration.ofSeconds(30);

  private final Backoff retries = new Backoff(FIRST_RETRY, RETRY_MAX);
  private Tcp.ServerBinding binding;

  /** The port is ours: the next failure to bind starts the backoff again. */
  void bound(Tcp.ServerBinding b) {
    binding = b;
    retries.reset();
  }

  /** A bind that succeeded after the server began to stop: let the port go at once. */
  void boundLate(Tcp.ServerBinding b) {
    binding = b;
    binding.unbind();
  }

  /** How long to wait before the next try; each call doubles the wait after it. */
  Duration nextRetry() {
    return retries.next();
  }

  boolean isBound() {
    return binding != null;
  }

  /** Lets the port go; done at once if it was never had. */
  CompletionStage<Done> unbind() {
    return binding == null ? CompletableFuture.completedFuture(Done.getInstance()) : binding.unbind().thenApply(u -> Done.getInstance());
  }

  InetSocketAddress local() {
    return binding.localAddress();
  }

  /** {@code 127.0.0.1:18842} for the figures, null until bound. */
  String address() {
    return binding == null ? null : binding.localAddress().getAddress().getHostAddress() + ":" + binding.localAddress().getPort();
  }
}
