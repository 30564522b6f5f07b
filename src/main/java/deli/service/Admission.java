package deli.service;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How much work a node has accepted and not yet answered, in units each service counts for
 * itself (a sleeper, an order, a meal, a number to factor): a request is admitted only while
 * its service and the node as a whole stay within their bounds, so whatever callers send at
 * once, the node holds only what it can answer. Shared by the HTTP server's threads (it is the
 * edge, not an actor), so every change is under one lock, held for a few instructions.
 */
public final class Admission {
  /**
   * How much work a node holds at once.
   *
   * @param total every service together
   * @param perService one service, unless {@code services} names it
   * @param services bounds for single services, by name
   */
  public record Bounds(long total, long perService, Map<String, Long> services) {
    public Bounds {
      if (total < 1 || perService < 1 || services.values().stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("admission bounds must be 1 or more");
      }
      services = Map.copyOf(services);
    }
  }

  private final long total;
  private final long perService;
  private final Map<String, Long> serviceBounds;
  private final Map<String, Long> held = new HashMap<>();
  private long heldTotal;

  public Admission(Bounds bounds) {
    this.total = bounds.total();
    this.perService = bounds.perService();
    this.serviceBounds = bounds.services();
  }

  /** Room for {@code cost} units of {@code service}'s work, held until the ticket is returned; empty when full. */
  public synchronized Optional<Ticket> admit(String service, long cost) {
    long units = Math.max(1, cost);
    long mine = held.getOrDefault(service, 0L);
    if (heldTotal + units > total || mine + units > bound(service)) {
      return Optional.empty();
    }
    held.put(service, mine + units);
    heldTotal += units;
    return Optional.of(new Ticket(service, units));
  }

  /** The most one request of {@code service} may ask for: anything larger would never be admitted. */
  public long largest(String service) {
    return Math.min(total, bound(service));
  }

  /**
   * The work held now, as {@code /status} shows it.
   *
   * @param held every service together
   * @param bound what the node holds at most
   * @param services what each service holds now (those that hold any)
   */
  public record Held(long held, long bound, Map<String, Long> services) {}

  public synchronized Held snapshot() {
    Map<String, Long> now = new java.util.TreeMap<>();
    held.forEach((service, units) -> {
      if (units > 0) {
        now.put(service, units);
      }
    });
    return new Held(heldTotal, total, now);
  }

  /** Units held now by {@code service}. */
  public synchronized long held(String service) {
    return held.getOrDefault(service, 0L);
  }

  /** Units held now, every service together. */
  public synchronized long heldTotal() {
    return heldTotal;
  }

  private long bound(String service) {
    return serviceBounds.getOrDefault(service, perService);
  }

  private synchronized void release(Ticket ticket) {
    held.merge(ticket.service, -ticket.units, Long::sum);
    heldTotal -= ticket.units;
  }

  /** Admitted work; return it once, when its answer is given (a second return does nothing). */
  public final class Ticket {
    private final String service;
    private final long units;
    private boolean returned;

    private Ticket(String service, long units) {
      this.service = service;
      this.units = units;
    }

    public void release() {
      synchronized (Admission.this) {
        if (returned) {
          return;
        }
        returned = true;
        Admission.this.release(this);
      }
    }
  }
}
