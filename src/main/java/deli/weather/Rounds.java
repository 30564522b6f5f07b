package deli.weather;

import deli.trace.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The periodic round of {@link WeatherWatch} and {@link WeatherService}: a {@link ForecastRound}
 * every {@code every}, never two at once (a round that takes longer than the interval is followed
 * at once by the next), each round's outcomes taken into one {@link AdvisoryBoard}. It lives
 * inside the actor that owns it and works through that actor's context and timers; the actor
 * passes on the rounds' events ({@link #finished}) and its timer's message ({@link #start}).
 *
 * @param <C> the owning actor's protocol
 */
final class Rounds<C> {
  private final ActorContext<C> ctx;
  private final TimerScheduler<C> timers;
  private final C tick;
  private final ActorRef<WeatherEvent> events;
  private final WeatherSettings settings;
  private final ForecastClient client;
  private final Duration every;
  private final AdvisoryBoard board;
  private int round;
  private boolean fetching;
  private Instant next;

  /**
   * Rounds of {@code settings.zones()}, whose events go to {@code events} (the owner's adapter)
   * and whose next start is {@code tick}, sent to the owner by its timers.
   */
  Rounds(
      ActorContext<C> ctx,
      TimerScheduler<C> timers,
      C tick,
      ActorRef<WeatherEvent> events,
      WeatherSettings settings,
      ForecastClient client,
      Duration every) {
    this.ctx = ctx;
    this.timers = timers;
    this.tick = tick;
    this.events = events;
    this.settings = settings;
    this.client = client;
    this.every = every;
    this.board = new AdvisoryBoard(settings.zones());
  }

  /** Starts a round now, under {@code trace}, unless one is under way. */
  void start(Trace trace) {
    if (fetching) {
      return;
    }
    timers.cancel(tick);
    round++;
    fetching = true;
    next = null;
    ctx.spawn(ForecastRound.create(settings, client, trace, events), "round-" + round);
  }

  /** Takes a finished round's outcomes in, times the next one, and says what changed (in zone order). */
  List<AdvisoryBoard.Change> finished(ForecastRound.RoundDone done, Instant now) {
    List<AdvisoryBoard.Change> changes = board.update(done.outcomes(), now);
    fetching = false;
    Duration wait = every.minus(done.took());
    wait = wait.isNegative() ? Duration.ZERO : wait;
    next = now.plus(wait);
    timers.startSingleTimer(tick, wait);
    return changes;
  }

  /** The rounds started so far, the one under way included; the first is 1. */
  int round() {
    return round;
  }

  boolean fetching() {
    return fetching;
  }

  /** When the next round starts; null while one is under way. */
  Instant next() {
    return next;
  }

  /** Every zone as last seen, in zone order. */
  List<AdvisoryBoard.Entry> entries() {
    return board.entries();
  }
}
