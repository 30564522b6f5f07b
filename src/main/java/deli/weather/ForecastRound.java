package deli.weather;

import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One fetch of every zone, the chapter's {@code task_main} with {@code gather}: a
 * {@link ForecastFetcher} per zone, at most {@code concurrency} of them at work at once (a
 * new one starts as one finishes). Outcomes are passed on in zone order as soon as the zones
 * before them are in, then the whole round; the round stops once its fetchers have.
 */
public final class ForecastRound extends AbstractBehavior<ForecastRound.Command> {
  public interface Command {}

  private record ZoneDone(ForecastFetcher.Finished message) implements Command, Traced.Adapted {}

  /** The outcomes of the zones from {@code from} on, in zone order. */
  public record Forecasts(Trace trace, int from, List<Outcome> outcomes) implements WeatherEvent {
    public Forecasts {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** Every zone is in: all outcomes in zone order, and the round's wall time. */
  public record RoundDone(Trace trace, String baseUrl, List<Outcome> outcomes, Duration took) implements WeatherEvent {
    public RoundDone {
      outcomes = List.copyOf(outcomes);
    }

    public List<Outcome.Failed> failed() {
      return outcomes.stream().filter(o -> o instanceof Outcome.Failed).map(o -> (Outcome.Failed) o).toList();
    }

    public int fetched() {
      return outcomes.size() - failed().size();
    }
  }

  private final WeatherSettings settings;
  private final ForecastClient client;
  private final Trace trace;
  private final ActorRef<WeatherEvent> listener;
  private final ActorRef<ForecastFetcher.Finished> replies;
  private final List<Zone> zones;
  private final Outcome[] outcomes;
  private final long start = System.nanoTime();
  private int started;
  private int finished;
  private int reported;
  private int alive;

  /** A round with its own client over the system's connection pools. */
  public static Behavior<Command> create(WeatherSettings settings, Trace trace, ActorRef<WeatherEvent> listener) {
    return ForecastClient.withOwnClient(settings, client -> create(settings, client, trace, listener));
  }

  public static Behavior<Command> create(
      WeatherSettings settings, ForecastClient client, Trace trace, ActorRef<WeatherEvent> listener) {
    return Tracing.traced(
        Command.class, trace, Behaviors.setup(ctx -> new ForecastRound(ctx, settings, client, trace, listener)));
  }

  private ForecastRound(
      ActorContext<Command> ctx, WeatherSettings settings, ForecastClient client, Trace trace, ActorRef<WeatherEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.client = client;
    this.trace = trace;
    this.listener = listener;
    this.zones = settings.zones();
    this.outcomes = new Outcome[zones.size()];
    this.replies = ctx.messageAdapter(ForecastFetcher.Finished.class, ZoneDone::new);
    while (started < zones.size() && started < settings.concurrency()) {
      startNext();
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ZoneDone.class, this::onZoneDone)
        .onSignal(Terminated.class, this::onFetcherStopped)
        .build();
  }

  private void startNext() {
    int i = started++;
    Zone zone = zones.get(i);
    ActorRef<ForecastFetcher.Command> fetcher =
        getContext()
            .spawn(
                Tracing.traced(
                    ForecastFetcher.Command.class,
                    trace,
                    ForecastFetcher.create(zone, i, zone.url(settings.baseUrl()), client, settings, replies)),
                "fetcher-" + zone.code().toLowerCase(Locale.ROOT));
    getContext().watch(fetcher);
    alive++;
  }

  private Behavior<Command> onZoneDone(ZoneDone m) {
    outcomes[m.message().index()] = m.message().outcome();
    finished++;
    if (started < zones.size()) {
      startNext();
    }
    int from = reported;
    while (reported < outcomes.length && outcomes[reported] != null) {
      reported++;
    }
    if (reported > from) {
      listener.tell(new Forecasts(Trace.here(), from, new ArrayList<>(Arrays.asList(outcomes).subList(from, reported))));
    }
    if (finished == zones.size()) {
      listener.tell(new RoundDone(Trace.here(), settings.baseUrl(), Arrays.asList(outcomes), took()));
    }
    return this;
  }

  private Behavior<Command> onFetcherStopped(Terminated t) {
    alive--;
    return alive == 0 && finished == zones.size() ? Behaviors.stopped() : this;
  }

  private Duration took() {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
