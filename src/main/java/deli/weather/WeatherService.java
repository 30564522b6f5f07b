package deli.weather;

import deli.core.Failures;
import com.typesafe.config.Config;
import deli.core.CborSerializable;
import deli.core.Session;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node's weather service: fetches every zone from the configured base URL at start and
 * then every {@code node.refresh}, and answers with the latest advisories. A zone that
 * cannot be fetched keeps its last advisory and says why; a configuration that cannot be
 * read leaves the service up, saying so, rather than failing the node.
 */
public final class WeatherService extends AbstractBehavior<WeatherService.Command> {
  public interface Command extends CborSerializable {}

  /** Asks for the latest advisories. */
  public record GetAdvisories(Trace trace, ActorRef<Advisories> replyTo) implements Command, Traced {}

  /**
   * Fetches every zone now (or waits for the round under way) and answers when it is done:
   * for an operator who just fixed the network, and for tests.
   */
  public record RefreshNow(Trace trace, ActorRef<Advisories> replyTo) implements Command, Traced {}

  /**
   * The latest advisories.
   *
   * @param problem why the service fetches nothing (its configuration), or null
   * @param zones each zone as last seen, in zone order
   * @param lastRound the last round that finished, or null before the first
   * @param fetching whether a round is under way
   * @param nextRound when the next round starts, or null while one is under way
   */
  public record Advisories(
      Trace trace,
      String baseUrl,
      Duration refresh,
      String problem,
      List<AdvisoryBoard.Entry> zones,
      LastRound lastRound,
      boolean fetching,
      Instant nextRound)
      implements CborSerializable, Traced {
    public Advisories {
      zones = List.copyOf(zones);
    }
  }

  /** How the last round went. */
  public record LastRound(Instant finished, Duration took, int fetched, int failed) implements CborSerializable {}

  private record RoundEvent(WeatherEvent event) implements Command, Traced {
    @Override
    public Trace trace() {
      return event.trace();
    }
  }

  private enum Refresh implements Command {
    INSTANCE
  }

  private final TimerScheduler<Command> timers;
  private final WeatherSettings settings;
  private final String problem;
  private final String baseUrl;
  private final ForecastClient client;
  private final AdvisoryBoard board;
  private final ActorRef<WeatherEvent> rounds;
  private final List<ActorRef<Advisories>> waiting = new ArrayList<>();
  private LastRound lastRound;
  private boolean fetching;
  private Instant nextRound;
  private int round;

  /** The service for the settings in {@code config}, the node's {@code deli.weather}. */
  public static Behavior<Command> create(Config config) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new WeatherService(ctx, timers, config)));
  }

  private WeatherService(ActorContext<Command> ctx, TimerScheduler<Command> timers, Config config) {
    super(ctx);
    this.timers = timers;
    WeatherSettings read = null;
    String why = null;
    try {
      read = WeatherSettings.from(config);
    } catch (RuntimeException e) {
      why = "deli.weather is misconfigured: " + Failures.describe(e);
      ctx.getLog().error("weather service fetches nothing: {}", why);
    }
    this.settings = read;
    this.problem = why;
    this.baseUrl = config.getString("base-url");
    this.board = new AdvisoryBoard(read == null ? List.of() : read.zones());
    this.client = read == null ? null : new ForecastClient(ctx.getSystem(), read.concurrency(), read.timeout());
    this.rounds = ctx.messageAdapter(WeatherEvent.class, RoundEvent::new);
    if (read != null) {
      startRound();
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetAdvisories.class, this::onGet)
        .onMessage(RefreshNow.class, this::onRefreshNow)
        .onMessage(RoundEvent.class, this::onRoundEvent)
        .onMessageEquals(Refresh.INSTANCE, this::onRefresh)
        .build();
  }

  private void startRound() {
    round++;
    fetching = true;
    nextRound = null;
    getContext().spawn(ForecastRound.create(settings, client, Trace.start("weather-refresh"), rounds), "round-" + round);
  }

  private Behavior<Command> onGet(GetAdvisories g) {
    g.replyTo().tell(advisories());
    return this;
  }

  private Behavior<Command> onRefreshNow(RefreshNow r) {
    if (settings == null) {
      r.replyTo().tell(advisories());
      return this;
    }
    waiting.add(r.replyTo());
    if (!fetching) {
      timers.cancel(Refresh.INSTANCE);
      startRound();
    }
    return this;
  }

  private Advisories advisories() {
    return new Advisories(
        Trace.here(),
        baseUrl,
        settings == null ? Duration.ZERO : settings.refresh(),
        problem,
        board.entries(),
        lastRound,
        fetching,
        nextRound);
  }

  private Behavior<Command> onRoundEvent(RoundEvent m) {
    if (m.event() instanceof ForecastRound.RoundDone done) {
      Instant now = Instant.now();
      board.update(done.outcomes(), now);
      int failed = done.failed().size();
      lastRound = new LastRound(now, done.took(), done.outcomes().size() - failed, failed);
      if (failed > 0) {
        getContext()
            .getLog()
            .warn(
                "weather: {} of {} zones failed from {}, the first: {}",
                failed,
                done.outcomes().size(),
                baseUrl,
                done.failed().get(0).failure());
      }
      fetching = false;
      Duration wait = settings.refresh().minus(done.took());
      wait = wait.isNegative() ? Duration.ZERO : wait;
      nextRound = now.plus(wait);
      timers.startSingleTimer(Refresh.INSTANCE, wait);
      Advisories latest = advisories();
      waiting.forEach(w -> w.tell(latest));
      waiting.clear();
    }
    return this;
  }

  private Behavior<Command> onRefresh() {
    startRound();
    return this;
  }
}
