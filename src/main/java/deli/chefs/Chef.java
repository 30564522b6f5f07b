package deli.chefs;

import deli.core.DurationRange;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * A chef: pulls one order at a time from the desk, prepares it with CPU-bound work, puts the
 * plate on the tray and asks for the next. Runs on the CPU dispatcher and works in slices of
 * at most 10 ms, so more chefs than cores still take turns.
 */
public final class Chef extends AbstractBehavior<Chef.Command> {
  private static final long SLICE_NANOS = 10_000_000L;

  public interface Command {}

  private record FromDesk(OrderDesk.Reply message) implements Command, Traced.Adapted {}

  private enum Cook implements Command {
    INSTANCE
  }

  /** Thrown by fault injection: the chef drops the order halfway. */
  public static final class Accident extends RuntimeException {
    Accident(String message) {
      super(message, null, false, false);
    }
  }

  /** What every chef of a kitchen shares: where orders come from and go, how long one takes, how often it fails. */
  public record Station(
      ActorRef<OrderDesk.Command> desk, ActorRef<Tray.Command> tray, DurationRange prep, double failRate) {}

  private final String name;
  private final Station station;
  private final SplittableRandom random;
  private final ActorRef<OrderDesk.Reply> deskReplies;

  private Order order;
  private long deadline;
  private long failAt;
  private long checksum;

  /**
   * @param random the chef's own draws; it lives outside the behavior so that a restarted
   *     chef goes on with the sequence instead of failing the same way again
   */
  public static Behavior<Command> create(String name, Station station, SplittableRandom random) {
    return Behaviors.setup(ctx -> new Chef(ctx, name, station, random));
  }

  private Chef(ActorContext<Command> ctx, String name, Station station, SplittableRandom random) {
    super(ctx);
    this.name = name;
    this.station = station;
    this.random = random;
    this.deskReplies = ctx.messageAdapter(OrderDesk.Reply.class, FromDesk::new);
    station.desk().tell(new OrderDesk.NextOrder(Trace.here(), name, Optional.empty(), deskReplies));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromDesk.class, this::onFromDesk)
        .onMessageEquals(Cook.INSTANCE, this::onCook)
        .build();
  }

  private Behavior<Command> onFromDesk(FromDesk m) {
    if (m.message() instanceof OrderDesk.OrderTaken taken) {
      order = taken.order();
      long now = System.nanoTime();
      long prepNanos = station.prep().draw(random).toNanos();
      deadline = now + prepNanos;
      failAt = random.nextDouble() < station.failRate() ? now + prepNanos / 2 : Long.MAX_VALUE;
      return onCook();
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> onCook() {
    checksum = Cooking.work(checksum + order.number(), Math.min(deadline, failAt), SLICE_NANOS);
    long now = System.nanoTime();
    if (now >= failAt) {
      throw new Accident(name + " dropped " + order.name());
    }
    if (now < deadline) {
      getContext().getSelf().tell(Cook.INSTANCE);
      return this;
    }
    station.tray().tell(new Tray.Plate(Trace.here(), name, order, now / 1e9));
    station.desk().tell(new OrderDesk.NextOrder(Trace.here(), name, Optional.of(order), deskReplies));
    order = null;
    return this;
  }
}
