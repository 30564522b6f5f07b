package deli.chefs;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Where the plates land. It tells the listener of each plate as it comes, and the kitchen
 * when every order is on the tray; a plate for an order already served is counted apart.
 */
public final class Tray extends AbstractBehavior<Tray.Command> {

  public interface Command {}

  /** A finished order; {@code at} is the chef's monotonic clock in seconds. */
  public record Plate(Trace trace, String chef, Order order, double at) implements Command, Traced {}

  /** Every order is on the tray. */
  public record AllPlated(Trace trace, List<Plate> plates, int duplicates)
      implements Traced {
    public AllPlated {
      plates = List.copyOf(plates);
    }
  }

  private final int expected;
  private final ActorRef<Kitchen.Event> listener;
  private final ActorRef<AllPlated> kitchen;
  private final List<Plate> plates = new ArrayList<>();
  private final BitSet served = new BitSet();
  private int duplicates;

  public static Behavior<Command> create(
      int expected, ActorRef<Kitchen.Event> listener, ActorRef<AllPlated> kitchen) {
    return Behaviors.setup(ctx -> new Tray(ctx, expected, listener, kitchen));
  }

  private Tray(
      ActorContext<Command> ctx,
      int expected,
      ActorRef<Kitchen.Event> listener,
      ActorRef<AllPlated> kitchen) {
    super(ctx);
    this.expected = expected;
    this.listener = listener;
    this.kitchen = kitchen;
    if (expected == 0) {
      kitchen.tell(new AllPlated(Trace.here(), List.of(), 0));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Plate.class, this::onPlate).build();
  }

  private Behavior<Command> onPlate(Plate p) {
    if (served.get(p.order().number())) {
      duplicates++;
      getContext().getLog().error("{} made order {} a second time", p.chef(), p.order());
      return this;
    }
    served.set(p.order().number());
    plates.add(p);
    listener.tell(new Kitchen.PlateMade(Trace.here(), p.chef(), p.order(), p.at()));
    if (plates.size() == expected) {
      kitchen.tell(new AllPlated(Trace.here(), plates, duplicates));
    }
    return this;
  }
}
