package deli.chefs;

import deli.core.CborSerializable;
import deli.core.Dispatchers;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One run of the chapter's deli: an order desk, a tray and the chefs, supervised so a chef
 * that fails is restarted and its order made by someone. It tells the listener of every plate
 * and, once all are made, of the day's summary, then stops.
 */
public final class Kitchen extends AbstractBehavior<Kitchen.Command> {
  /** The dispatcher for CPU-bound work, sized to the cores (reference.conf). */

  public interface Command {}

  private record Plated(Tray.AllPlated message) implements Command, Traced.Adapted {}

  private record Reported(OrderDesk.DeskReport message) implements Command, Traced.Adapted {}

  /** What a kitchen tells its listener. */
  public interface Event extends CborSerializable, Traced {}

  /** A chef made an order; {@code at} is the chef's monotonic clock in seconds. */
  public record PlateMade(Trace trace, String chef, Order order, double at) implements Event {}

  /**
   * Every order is made: the plates in the order they landed, the orders that went back to
   * the desk because their chef failed, plates made twice (always 0), and the wall time.
   */
  public record KitchenClosed(
      Trace trace, List<String> chefs, List<Tray.Plate> plates, int returned, int duplicates, long nanos)
      implements Event {
    public KitchenClosed {
      chefs = List.copyOf(chefs);
      plates = List.copyOf(plates);
    }
  }

  private final ChefsSettings settings;
  private final ActorRef<Event> listener;
  private final ActorRef<OrderDesk.Command> desk;
  private final long start = System.nanoTime();
  private Tray.AllPlated plated;

  public static Behavior<Command> create(ChefsSettings settings, Trace trace, ActorRef<Event> listener) {
    return Tracing.traced(Command.class, trace, Behaviors.setup(ctx -> new Kitchen(ctx, settings, trace, listener)));
  }

  private Kitchen(ActorContext<Command> ctx, ChefsSettings settings, Trace trace, ActorRef<Event> listener) {
    super(ctx);
    this.settings = settings;
    this.listener = listener;
    List<Order> orders = new ArrayList<>(settings.orders().size());
    for (String name : settings.orders()) {
      orders.add(new Order(orders.size(), name));
    }
    ActorRef<Tray.Command> tray =
        ctx.spawn(
            Tracing.traced(
                Tray.Command.class,
                trace,
                Tray.create(orders.size(), listener, ctx.messageAdapter(Tray.AllPlated.class, Plated::new))),
            "tray");
    desk = ctx.spawn(Tracing.traced(OrderDesk.Command.class, trace, OrderDesk.create(orders)), "desk");
    long seed = settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong());
    SplittableRandom seeds = new SplittableRandom(seed);
    List<String> chefs = settings.chefs();
    Chef.Station station = new Chef.Station(desk, tray, settings.prep(), settings.failRate());
    for (int i = 0; i < chefs.size(); i++) {
      Behavior<Chef.Command> chef =
          Tracing.traced(Chef.Command.class, trace, Chef.create(chefs.get(i), station, seeds.split()));
      // An injected accident is expected: the desk logs the returned order, so no stack trace.
      Behavior<Chef.Command> supervised =
          Behaviors.supervise(
                  Behaviors.supervise(chef)
                      .onFailure(Chef.Accident.class, SupervisorStrategy.restart().withLoggingEnabled(false)))
              .onFailure(Exception.class, SupervisorStrategy.restart());
      ctx.spawn(supervised, "chef-" + (i + 1), Dispatchers.cpu());
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Plated.class, this::onPlated)
        .onMessage(Reported.class, this::onReported)
        .build();
  }

  private Behavior<Command> onPlated(Plated m) {
    plated = m.message();
    desk.tell(new OrderDesk.Report(Trace.here(), getContext().messageAdapter(OrderDesk.DeskReport.class, Reported::new)));
    return this;
  }

  private Behavior<Command> onReported(Reported m) {
    listener.tell(
        new KitchenClosed(
            Trace.here(),
            settings.chefs(),
            plated.plates(),
            m.message().returned(),
            plated.duplicates(),
            System.nanoTime() - start));
    return Behaviors.stopped();
  }
}
