package deli.node;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Counts how often each service's actors started: each start after the first is a restart by
 * the node's supervision, which {@code /status} reports.
 */
public final class ServiceStarts extends AbstractBehavior<ServiceStarts.Command> {
  public interface Command {}

  /** An actor of {@code service} started (first time or again). */
  public record Started(String service, String actor) implements Command {}

  /** Asks for the restarts of every service that had any. */
  public record GetRestarts(ActorRef<Restarts> replyTo) implements Command {}

  /** Service name to its restarts (services that never restarted are not listed). */
  public record Restarts(Map<String, Integer> byService) {
    public Restarts {
      byService = Map.copyOf(byService);
    }
  }

  // actor name -> how many times it started; actor -> its service
  private final Map<String, Integer> starts = new LinkedHashMap<>();
  private final Map<String, String> serviceOf = new LinkedHashMap<>();

  private ServiceStarts(ActorContext<Command> ctx) {
    super(ctx);
  }

  public static Behavior<Command> create() {
    return Behaviors.setup(ServiceStarts::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Started.class, this::onStarted)
        .onMessage(GetRestarts.class, this::onGetRestarts)
        .build();
  }

  private Behavior<Command> onStarted(Started s) {
    starts.merge(s.actor(), 1, Integer::sum);
    serviceOf.put(s.actor(), s.service());
    return this;
  }

  private Behavior<Command> onGetRestarts(GetRestarts get) {
    Map<String, Integer> restarts = new LinkedHashMap<>();
    starts.forEach(
        (actor, n) -> {
          if (n > 1) {
            restarts.merge(serviceOf.get(actor), n - 1, Integer::sum);
          }
        });
    get.replyTo().tell(new Restarts(restarts));
    return this;
  }
}
