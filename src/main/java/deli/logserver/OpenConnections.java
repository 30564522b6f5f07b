package deli.logserver;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.UniqueKillSwitch;

/**
 * The log server's ledger of connections: each open one's peer, the switch that cuts it and the
 * future that frees its place in the accept stream; how many were served and how many closed for
 * bad input, per kind; and who waits for them all to finish (a drain). Owned by the
 * {@link LogServer} actor, used from its thread only; no actor in sight, so tested directly.
 */
final class OpenConnections {
  /** One open connection. */
  record Open(String peer, UniqueKillSwitch kill, CompletableFuture<Done> closed) {}

  private final Map<Long, Open> open = new HashMap<>();
  private final Set<Long> cut = new HashSet<>();
  private final EnumMap<BadInput.Reason, Long> bad = new EnumMap<>(BadInput.Reason.class);
  // Everyone who asked for the drain: a second ask (a second shutdown task, an operator) waits too.
  private final List<ActorRef<Done>> draining = new ArrayList<>();
  private long served;

  OpenConnections() {
    for (BadInput.Reason r : BadInput.Reason.values()) {
      bad.put(r, 0L);
    }
  }

  /** Counts a new connection served; its id, for {@link #add} and {@link #end}. */
  long nextId() {
    return ++served;
  }

  void add(long id, Open c) {
    open.put(id, c);
  }

  /**
   * Forgets a connection that has ended, frees its place, and counts its bad input: what the
   * listener is told of it, or null if it was not open. {@code outcome} is null when the flow
   * failed with {@code failure}.
   */
  ServerEvent.ConnectionClosed end(long id, ConnectionFlow.Outcome outcome, Throwable failure) {
    Open c = open.remove(id);
    if (c == null) {
      return null;
    }
    c.closed().complete(Done.getInstance());
    boolean wasCut = cut.remove(id);
    ConnectionFlow.Outcome o = outcome != null ? outcome : new ConnectionFlow.Outcome(0, ConnectionFlow.classify(failure));
    BadInput error = o.error();
    if (wasCut && error != null && error.reason() == BadInput.Reason.TRUNCATED) {
      // The server cut it, not the client: no bad input of the client's to count.
      error = new BadInput(BadInput.Reason.TRUNCATED, "a partial frame was dropped at the drain deadline");
    } else if (error != null) {
      bad.merge(error.reason(), 1L, Long::sum);
    }
    return new ServerEvent.ConnectionClosed(c.peer(), o.lines(), error, wasCut);
  }

  /** Ends every open connection after the frames it holds (the drain deadline). */
  void cutAll() {
    open.forEach(
        (id, c) -> {
          cut.add(id);
          c.kill().shutdown();
        });
  }

  /** {@code replyTo} is answered once no connection is open. */
  void awaitDrain(ActorRef<Done> replyTo) {
    draining.add(replyTo);
  }

  boolean drainAwaited() {
    return !draining.isEmpty();
  }

  /** Answers everyone waiting for the drain, whether or not it is done (the kill grace is over). */
  void drained() {
    draining.forEach(d -> d.tell(Done.getInstance()));
    draining.clear();
  }

  /** Answers the drain's waiters if the last connection has gone; true if it did. */
  boolean drainedYet() {
    if (draining.isEmpty() || !open.isEmpty()) {
      return false;
    }
    drained();
    return true;
  }

  /** Connections closed for bad input, by the kind's key, every kind listed. */
  Map<String, Long> badInput() {
    Map<String, Long> kinds = new LinkedHashMap<>();
    bad.forEach((k, v) -> kinds.put(k.key(), v));
    return kinds;
  }

  /** Connections served since the server started. */
  long served() {
    return served;
  }

  int size() {
    return open.size();
  }

  boolean isEmpty() {
    return open.isEmpty();
  }
}
