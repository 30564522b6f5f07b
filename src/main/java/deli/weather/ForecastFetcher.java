package deli.weather;

import deli.core.Timed;
import deli.core.CborSerializable;
import deli.core.Durations;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The chapter's {@code MarineWX} for one zone: fetches its forecast, each attempt bounded by
 * the timeout, retrying transient failures with backoff, and tells its parent the
 * {@link Outcome}. An attempt that timed out may still answer later: the fetcher waits for
 * that answer before it stops, so nothing arrives at a stopped actor.
 */
public final class ForecastFetcher extends AbstractBehavior<ForecastFetcher.Command> {
  public interface Command {}

  /** The zone's outcome, for the parent; {@code index} is the zone's place in the round. */
  public record Finished(Trace trace, int index, Outcome outcome) implements CborSerializable, Traced {}

  private record Answered(int attempt, ForecastClient.Answer answer, Throwable error) implements Command {}

  private record AttemptTimedOut(int attempt) implements Command {}

  private enum Retry implements Command {
    INSTANCE
  }

  private enum GiveUpWaiting implements Command {
    INSTANCE
  }

  private static final Object ATTEMPT_TIMER = "attempt";

  private final TimerScheduler<Command> timers;
  private final Zone zone;
  private final int index;
  private final String url;
  private final String authority;
  private final ForecastClient client;
  private final WeatherSettings settings;
  private final ActorRef<Finished> parent;
  private final long start = System.nanoTime();
  private int attempt;
  private int outstanding;
  private boolean done;

  public static Behavior<Command> create(
      Zone zone, int index, String url, ForecastClient client, WeatherSettings settings, ActorRef<Finished> parent) {
    return Timed.setup(ForecastFetcher.class, (ctx, timers) -> new ForecastFetcher(ctx, timers, zone, index, url, client, settings, parent));
  }

  private ForecastFetcher(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      Zone zone,
      int index,
      String url,
      ForecastClient client,
      WeatherSettings settings,
      ActorRef<Finished> parent) {
    super(ctx);
    this.timers = timers;
    this.zone = zone;
    this.index = index;
    this.url = url;
    this.authority = authority(url);
    this.client = client;
    this.settings = settings;
    this.parent = parent;
    attempt();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(AttemptTimedOut.class, this::onAttemptTimedOut)
        .onMessageEquals(Retry.INSTANCE, this::onRetry)
        .onMessageEquals(GiveUpWaiting.INSTANCE, Behaviors::stopped)
        .build();
  }

  private void attempt() {
    attempt++;
    outstanding++;
    int n = attempt;
    timers.startSingleTimer(ATTEMPT_TIMER, new AttemptTimedOut(n), settings.timeout());
    getContext().pipeToSelf(client.get(url), (answer, error) -> new Answered(n, answer, error));
  }

  private Behavior<Command> onAnswered(Answered a) {
    outstanding--;
    if (done || a.attempt() != attempt) {
      // The late answer of an attempt that timed out.
      return done && outstanding == 0 ? Behaviors.stopped() : this;
    }
    timers.cancel(ATTEMPT_TIMER);
    if (a.error() != null) {
      return failed(Failures.of(a.error(), authority, settings.timeout()), Optional.empty());
    }
    Failures.Judged judged = Failures.judge(zone, a.answer());
    if (judged.failure() != null) {
      return failed(judged.failure(), a.answer().retryAfter());
    }
    return finish(new Outcome.Fetched(zone, judged.advisory(), attempt, took()));
  }

  private Behavior<Command> onAttemptTimedOut(AttemptTimedOut t) {
    if (done || t.attempt() != attempt) {
      return this;
    }
    return failed(Failures.timedOut(settings.timeout()), Optional.empty());
  }

  private Behavior<Command> onRetry() {
    attempt();
    return this;
  }

  private Behavior<Command> failed(Failure failure, Optional<Duration> retryAfter) {
    if (failure.isTransient() && attempt <= settings.retries()) {
      Duration wait = settings.backoff().delay(attempt, retryAfter, ThreadLocalRandom.current());
      getContext().getLog().debug("{} attempt {}: {}; retrying in {}", url, attempt, failure, Durations.format(wait));
      timers.startSingleTimer(Retry.INSTANCE, wait);
      return this;
    }
    return finish(new Outcome.Failed(zone, failure, attempt, took()));
  }

  private Behavior<Command> finish(Outcome outcome) {
    done = true;
    parent.tell(new Finished(Trace.here(), index, outcome));
    if (outstanding == 0) {
      return Behaviors.stopped();
    }
    // The pool closes an idle connection after the timeout, so the late answer comes soon.
    timers.startSingleTimer(GiveUpWaiting.INSTANCE, settings.timeout().multipliedBy(2).plusSeconds(5));
    return this;
  }

  private Duration took() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code host:port} of a URL, for messages. */
  static String authority(String url) {
    java.net.URI uri = java.net.URI.create(url);
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    return uri.getHost() + ":" + port;
  }
}
