package deli.sleepers;

import deli.core.Timed;
import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The chapter's {@code random_sleep}: sleeps with a timer, never a thread, then says it is
 * refreshed and stops. Small enough for the functional style.
 */
public final class Sleeper {
  public interface Command {}

  private enum WakeUp implements Command {
    INSTANCE
  }

  /** Sent to the parent when the sleeper wakes. */
  public record Refreshed(Trace trace, int id, Duration delay) implements CborSerializable, Traced {}

  private Sleeper() {}

  public static Behavior<Command> create(int id, Duration delay, ActorRef<Refreshed> parent) {
    return Timed.setup(
        Sleeper.class,
        (ctx, timers) -> {
          timers.startSingleTimer(WakeUp.INSTANCE, delay);
          return Behaviors.receive(Command.class)
              .onMessageEquals(
                  WakeUp.INSTANCE,
                  () -> {
                    parent.tell(new Refreshed(Trace.here(), id, delay));
                    return Behaviors.stopped();
                  })
              .build();
        });
  }
}
