package deli.philosophers;

import deli.service.Live;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * A dinner's pictures for the node's live page: every {@code sample-every} the dinner starts a
 * {@link TableLook} (one at a time: a look still out skips the tick), and each look's answer is
 * published as a {@link DinnerView}, as is the dinner's end. The pace is the sample's, not the
 * dinner's, so watching costs the same however fast the philosophers eat.
 */
final class DinnerLive {
  /** The event the page draws. */
  static final String TOPIC = "dinner";

  private final ActorContext<?> ctx;
  private final PhilosophersSettings settings;
  private final Trace trace;
  private final long start;
  private boolean looking;
  private long looks;

  DinnerLive(ActorContext<?> ctx, PhilosophersSettings settings, Trace trace, long start) {
    this.ctx = ctx;
    this.settings = settings;
    this.trace = trace;
    this.start = start;
  }

  /** Asks the table once, unless a look is still out. */
  void look(
      List<ActorRef<Philosopher.Command>> philosophers,
      List<ActorRef<Fork.Command>> forks,
      ActorRef<Footman.Command> footman,
      ActorRef<TableLook.Seen> replyTo) {
    if (looking) {
      return;
    }
    looking = true;
    // A table too large to draw is shown by its totals: no one is asked.
    boolean drawn = settings.faculty() <= DinnerView.MAX_DRAWN;
    ctx.spawn(
        Tracing.traced(
            TableLook.Command.class,
            trace,
            TableLook.create(
                drawn ? List.copyOf(philosophers) : List.of(),
                drawn ? forks : List.of(),
                drawn ? footman : null,
                settings.sample().multipliedBy(4),
                replyTo)),
        "look-" + (++looks),
        DispatcherSelector.sameAsParent());
  }

  /** Publishes what a look saw. */
  void seen(TableLook.Seen seen, Servings servings) {
    looking = false;
    publish("dining", servings, seen.doing(), seen.forks(), seen.footman(), false);
  }

  /** Publishes the end: {@code done}, or {@code deadlock} with the forks the watchdog saw. */
  void ended(String how, Servings servings, List<Fork.State> forks) {
    publish(how, servings, null, forks, null, true);
  }

  private void publish(
      String state, Servings servings, List<Philosopher.Doing> doing, List<Fork.State> forks, Footman.State footman, boolean last) {
    double seconds = (System.nanoTime() - start) / 1e9;
    DinnerView view = DinnerView.of(trace.id(), state, settings, servings.meals(), seconds,
        settings.faculty() <= DinnerView.MAX_DRAWN ? servings.mealsEach() : List.of(), doing, forks, footman);
    Live.publish(ctx.getSystem(), TOPIC, trace.id(), view, last);
  }

  static boolean wanted(PhilosophersSettings settings) {
    return !settings.sample().isZero();
  }

  static Duration every(PhilosophersSettings settings) {
    return settings.sample();
  }
}
