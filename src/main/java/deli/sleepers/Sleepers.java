package deli.sleepers;

import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The chapter's {@code sleepers()} with {@code asyncio.gather}: starts N sleepers at once and
 * waits for all of them, so the whole takes about the longest delay, not the sum.
 */
public final class Sleepers extends AbstractBehavior<Sleepers.Command> {

  public interface Command {}

  private record Woke(Sleeper.Refreshed message) implements Command, Traced.Adapted {}

  /** What the sleepers tell their listener. */
  public interface Event extends CborSerializable, Traced {}

  /** The sleepers are created; their delays, by id. */
  public record Started(Trace trace, List<Duration> delays) implements Event {
    public Started {
      delays = List.copyOf(delays);
    }
  }

  public record Awakened(Trace trace, int id) implements Event {}

  /** All awake: the wall time, the longest delay and the sum of the delays. */
  public record AllAwake(Trace trace, int count, long wallNanos, Duration longest, Duration total)
      implements Event {}

  private final ActorRef<Event> listener;
  private final long start = System.nanoTime();
  private final int count;
  private final Duration longest;
  private final Duration total;
  private int awake;

  public static Behavior<Command> create(SleepersSettings settings, Trace trace, ActorRef<Event> listener) {
    return Tracing.traced(
        Command.class, trace, Behaviors.setup(ctx -> new Sleepers(ctx, settings, trace, listener)));
  }

  private Sleepers(
      ActorContext<Command> ctx, SleepersSettings settings, Trace trace, ActorRef<Event> listener) {
    super(ctx);
    this.listener = listener;
    this.count = settings.count();
    SplittableRandom random =
        new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
    List<Duration> delays = new ArrayList<>(count);
    Duration max = Duration.ZERO;
    Duration sum = Duration.ZERO;
    for (int i = 0; i < count; i++) {
      Duration d = settings.delay().draw(random);
      delays.add(d);
      max = d.compareTo(max) > 0 ? d : max;
      sum = sum.plus(d);
    }
    this.longest = max;
    this.total = sum;
    listener.tell(new Started(Trace.here(), delays));
    ActorRef<Sleeper.Refreshed> woke = ctx.messageAdapter(Sleeper.Refreshed.class, Woke::new);
    for (int i = 0; i < count; i++) {
      ctx.spawn(Tracing.traced(Sleeper.Command.class, trace, Sleeper.create(i, delays.get(i), woke)), "sleeper-" + i);
    }
    if (count == 0) {
      finish();
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder().onMessage(Woke.class, this::onWoke).build();
  }

  private Behavior<Command> onWoke(Woke m) {
    listener.tell(new Awakened(Trace.here(), m.message().id()));
    awake++;
    if (awake == count) {
      finish();
      return Behaviors.stopped();
    }
    return this;
  }

  private void finish() {
    listener.tell(new AllAwake(Trace.here(), count, System.nanoTime() - start, longest, total));
  }
}
