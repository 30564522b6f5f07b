package deli.logserver;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.stream.UniqueKillSwitch;

/**
 * The log server's table of open connections: each one's peer, the switch that cuts it, and
 * the future that frees its place in the accept stream when it closes. Owned by the
 * {@link LogServer} actor, used from its thread only.
 */
final class OpenConnections {
  /** One open connection. */
  record Open(String peer, UniqueKillSwitch kill, CompletableFuture<Done> closed) {}

  /** A connection that has closed, and whether the server cut it at the drain deadline. */
  record Closed(String peer, boolean cut) {}

  private final Map<Long, Open> open = new HashMap<>();
  private final Set<Long> cut = new HashSet<>();

  void add(long id, Open c) {
    open.put(id, c);
  }

  /** Forgets a connection that has ended and frees its place; null if it was not open. */
  Closed remove(long id) {
    Open c = open.remove(id);
    if (c == null) {
      return null;
    }
    c.closed().complete(Done.getInstance());
    return new Closed(c.peer(), cut.remove(id));
  }

  /** Ends every open connection after the frames it holds (the drain deadline). */
  void cutAll() {
    open.forEach(
        (id, c) -> {
          cut.add(id);
          c.kill().shutdown();
        });
  }

  int size() {
    return open.size();
  }

  boolean isEmpty() {
    return open.isEmpty();
  }
}
