package deli.weather;

import deli.core.Timed;
import com.typesafe.config.Config;
import deli.core.CborSerializable;
import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The node's weather service: fetches every zone from the configured base URL at start and
 * then every {@code node.refresh}, and answers with the latest advisories. A zone that
 * cannot be fetched keeps its last advisory and says why; a configuration that cannot be
 * read leaves the service up, saying so, rather than failing the node. Its states: reading its
 * settings (the zones file, on the blocking dispatcher), serving, or misconfigured.
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

  private record RoundEvent(WeatherEvent message) implements Command, Traced.Adapted {}

  private enum Refresh implements Command {
    INSTANCE
  }

  private record Configured(WeatherSettings settings) implements Command, NoSerializationVerificationNeeded {}

  private record Misconfigured(String why) implements Command {}

  /** Questions that wait while the settings are read, at most; they take a moment only. */
  static final int WAITING_FOR_SETTINGS = 1000;

  private final String baseUrl;
  private final Rounds<Command> rounds;
  private final List<ActorRef<Advisories>> waiting = new ArrayList<>();
  private final Duration refresh;
  private LastRound lastRound;

  /**
   * The service for the settings in {@code config}, the node's {@code deli.weather}, read (the
   * zones file with them) on the blocking dispatcher; questions wait for them.
   */
  public static Behavior<Command> create(Config config) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withStash(
                WAITING_FOR_SETTINGS,
                stash -> {
                  // Shown as configured, as the operator wrote it.
                  String baseUrl = config.getString("base-url");
                  ctx.pipeToSelf(
                      CompletableFuture.supplyAsync(
                          () -> WeatherSettings.from(config), ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking())),
                      (settings, failure) ->
                          failure == null ? new Configured(settings) : new Misconfigured(Failures.describe(unwrapped(failure))));
                  return reading(ctx, stash, baseUrl);
                }));
  }

  /** The service for {@code settings}, serving at once. */
  public static Behavior<Command> create(WeatherSettings settings) {
    return serving(settings, settings.baseUrl());
  }

  private static Throwable unwrapped(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  private static Behavior<Command> reading(ActorContext<Command> ctx, StashBuffer<Command> stash, String baseUrl) {
    return Behaviors.receive(Command.class)
        .onMessage(Configured.class, c -> stash.unstashAll(serving(c.settings(), baseUrl)))
        .onMessage(
            Misconfigured.class,
            m -> {
              String problem = "deli.weather is misconfigured: " + m.why();
              ctx.getLog().error("weather service fetches nothing: {}", problem);
              return stash.unstashAll(misconfigured(baseUrl, problem));
            })
        .onAnyMessage(
            m -> {
              if (!stash.isFull()) {
                stash.stash(m);
              } else if (m instanceof GetAdvisories g) {
                g.replyTo().tell(problem(baseUrl, "the weather service is still reading deli.weather"));
              } else if (m instanceof RefreshNow r) {
                r.replyTo().tell(problem(baseUrl, "the weather service is still reading deli.weather"));
              }
              return Behaviors.same();
            })
        .build();
  }

  private static Advisories problem(String baseUrl, String problem) {
    return new Advisories(Trace.here(), baseUrl, Duration.ZERO, problem, List.of(), null, false, null);
  }

  private static Behavior<Command> misconfigured(String baseUrl, String problem) {
    return Behaviors.receive(Command.class)
        .onMessage(
            GetAdvisories.class,
            g -> {
              g.replyTo().tell(problem(baseUrl, problem));
              return Behaviors.same();
            })
        .onMessage(
            RefreshNow.class,
            r -> {
              r.replyTo().tell(problem(baseUrl, problem));
              return Behaviors.same();
            })
        .build();
  }

  private static Behavior<Command> serving(WeatherSettings settings, String baseUrl) {
    return Timed.setup(WeatherService.class, (ctx, timers) -> new WeatherService(ctx, timers, settings, baseUrl));
  }

  private WeatherService(ActorContext<Command> ctx, TimerScheduler<Command> timers, WeatherSettings settings, String baseUrl) {
    super(ctx);
    this.baseUrl = baseUrl;
    this.refresh = settings.refresh();
    ForecastClient client = ForecastClient.of(ctx.getSystem(), settings);
    ActorRef<WeatherEvent> events = ctx.messageAdapter(WeatherEvent.class, RoundEvent::new);
    this.rounds = new Rounds<>(ctx, timers, Refresh.INSTANCE, events, settings, client, settings.refresh());
    rounds.start(Trace.start("weather-refresh"));
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

  private Behavior<Command> onGet(GetAdvisories g) {
    g.replyTo().tell(advisories());
    return this;
  }

  private Behavior<Command> onRefreshNow(RefreshNow r) {
    waiting.add(r.replyTo());
    // A round under way answers it when done.
    rounds.start(Trace.start("weather-refresh"));
    return this;
  }

  private Advisories advisories() {
    return new Advisories(Trace.here(), baseUrl, refresh, null, rounds.entries(), lastRound, rounds.fetching(), rounds.next());
  }

  private Behavior<Command> onRoundEvent(RoundEvent m) {
    if (m.message() instanceof ForecastRound.RoundDone done) {
      Instant now = Instant.now();
      rounds.finished(done, now);
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
      Advisories latest = advisories();
      waiting.forEach(w -> w.tell(latest));
      waiting.clear();
    }
    return this;
  }

  private Behavior<Command> onRefresh() {
    rounds.start(Trace.start("weather-refresh"));
    return this;
  }
}
