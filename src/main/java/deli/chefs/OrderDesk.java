package deli.chefs;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Holds the orders and hands them out one at a time to chefs who ask (work pulling). It
 * remembers which chef holds which order: a chef who asks again without having finished its
 * order has been restarted, and the order goes back to the front of the queue.
 */
public final class OrderDesk extends AbstractBehavior<OrderDesk.Command> {

  public interface Command {}

  /** A chef asks for its next order, saying which one it just finished, if any. */
  public record NextOrder(Trace trace, String chef, Optional<Order> finished, ActorRef<Reply> replyTo)
      implements Command, Traced {}

  /** Asks how the desk's day went. */
  public record Report(Trace trace, ActorRef<DeskReport> replyTo) implements Command, Traced {}

  public interface Reply extends Traced {}

  public record OrderTaken(Trace trace, Order order) implements Reply {}

  public record NoMoreOrders(Trace trace) implements Reply {}

  /** How many orders came back because their chef failed. */
  public record DeskReport(Trace trace, int returned) implements Traced {}

  private final Deque<Order> queue;
  private final Map<String, Order> inFlight = new HashMap<>();
  private final Map<String, ActorRef<Reply>> waiting = new LinkedHashMap<>();
  private int returned;

  public static Behavior<Command> create(List<Order> orders) {
    return Behaviors.setup(ctx -> new OrderDesk(ctx, orders));
  }

  private OrderDesk(ActorContext<Command> ctx, List<Order> orders) {
    super(ctx);
    this.queue = new ArrayDeque<>(orders);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(NextOrder.class, this::onNextOrder)
        .onMessage(Report.class, this::onReport)
        .build();
  }

  private Behavior<Command> onNextOrder(NextOrder m) {
    Order held = inFlight.remove(m.chef());
    if (held != null && m.finished().map(f -> f.number() != held.number()).orElse(true)) {
      queue.addFirst(held);
      returned++;
      getContext().getLog().info("{} came back without {}: the order goes back in the queue", m.chef(), held.name());
    }
    waiting.put(m.chef(), m.replyTo());
    dispatch();
    return this;
  }

  private void dispatch() {
    var it = waiting.entrySet().iterator();
    while (it.hasNext() && !queue.isEmpty()) {
      var chef = it.next();
      Order order = queue.poll();
      inFlight.put(chef.getKey(), order);
      chef.getValue().tell(new OrderTaken(Trace.here(), order));
      it.remove();
    }
    if (queue.isEmpty() && inFlight.isEmpty()) {
      waiting.values().forEach(chef -> chef.tell(new NoMoreOrders(Trace.here())));
      waiting.clear();
    }
  }

  private Behavior<Command> onReport(Report m) {
    m.replyTo().tell(new DeskReport(Trace.here(), returned));
    return this;
  }
}
