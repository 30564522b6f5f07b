package deli.weather;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * {@code deli weather --watch}: fetches every zone again every interval and passes on only
 * what changed. The first round is passed on whole, as a one-shot run prints it; a round
 * that takes longer than the interval is followed at once by the next one, never overlapped.
 */
public final class WeatherWatch extends AbstractBehavior<WeatherWatch.Command> {
  public interface Command {}

  private record RoundEvent(WeatherEvent message) implements Command, Traced.Adapted {}

  private enum NextRound implements Command {
    INSTANCE
  }

  /** A later round changed these zones (in zone order); {@code round} counts from 1. */
  public record Changed(Trace trace, int round, Instant at, List<AdvisoryBoard.Change> changes) implements WeatherEvent {
    public Changed {
      changes = List.copyOf(changes);
    }
  }

  private final Trace trace;
  private final ActorRef<WeatherEvent> listener;
  private final Rounds<Command> rounds;

  /** A watch with its own client over the system's connection pools. */
  public static Behavior<Command> create(WeatherSettings settings, Trace trace, ActorRef<WeatherEvent> listener) {
    return ForecastClient.withOwnClient(settings, client -> create(settings, client, trace, listener));
  }

  public static Behavior<Command> create(
      WeatherSettings settings, ForecastClient client, Trace trace, ActorRef<WeatherEvent> listener) {
    return Tracing.traced(
        Command.class,
        trace,
        Timed.setup(WeatherWatch.class, (ctx, timers) -> new WeatherWatch(ctx, timers, settings, client, trace, listener)));
  }

  private WeatherWatch(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      WeatherSettings settings,
      ForecastClient client,
      Trace trace,
      ActorRef<WeatherEvent> listener) {
    super(ctx);
    this.trace = trace;
    this.listener = listener;
    ActorRef<WeatherEvent> events = ctx.messageAdapter(WeatherEvent.class, RoundEvent::new);
    this.rounds = new Rounds<>(ctx, timers, NextRound.INSTANCE, events, settings, client, settings.watch());
    rounds.start(trace);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(RoundEvent.class, this::onRoundEvent)
        .onMessageEquals(NextRound.INSTANCE, this::onNextRound)
        .build();
  }

  private Behavior<Command> onRoundEvent(RoundEvent m) {
    int round = rounds.round();
    if (round == 1) {
      listener.tell(m.message());
    }
    if (m.message() instanceof ForecastRound.RoundDone done) {
      Instant now = Instant.now();
      List<AdvisoryBoard.Change> changes = rounds.finished(done, now);
      if (round > 1 && !changes.isEmpty()) {
        listener.tell(new Changed(Trace.here(), round, now, changes));
      }
    }
    return this;
  }

  private Behavior<Command> onNextRound() {
    rounds.start(trace);
    return this;
  }
}
