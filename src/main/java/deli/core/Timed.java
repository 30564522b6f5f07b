package deli.core;

import java.util.function.BiFunction;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * An actor with timers, its logger named after its class before any timer runs. Pekko names an
 * actor's logger after the first class up the stack of its first {@code getLog()} that is not
 * Pekko-internal, and the timers log (at debug) as they start and fire: a timer started through
 * a key-less overload (a default method of the public javadsl interface) or fired before the
 * actor first logs names the logger {@code org.apache.pekko.actor.typed.javadsl.TimerScheduler}
 * or {@code org.apache.pekko.actor.ActorCell}, at Pekko's level (WARN), and the actor's INFO
 * lines are lost. deli's actors take their timers here, never from {@code Behaviors.withTimers}
 * (a test holds the sources to that).
 */
public final class Timed {
  private Timed() {}

  /** {@code Behaviors.setup} and {@code Behaviors.withTimers}, with the logger named after {@code owner}. */
  public static <T> Behavior<T> setup(Class<?> owner, BiFunction<ActorContext<T>, TimerScheduler<T>, Behavior<T>> factory) {
    return Behaviors.setup(
        ctx -> {
          ctx.setLoggerName(owner);
          return Behaviors.withTimers(timers -> factory.apply(ctx, timers));
        });
  }
}
