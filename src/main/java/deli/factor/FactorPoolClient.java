package deli.factor;

import deli.core.DeliException;
import deli.trace.Trace;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The chapter's {@code Pool} API over a {@link FactorPool} actor, for code outside actors (the
 * HTTP edge, tests, a Java program): {@code mapAsync} and {@code applyAsync} return a
 * CompletionStage at once; {@code close} and {@code terminate} stop the pool as the chapter's
 * do. Inside actors, send {@link FactorPool.FactorAll} or {@link FactorPool.FactorBatch} instead.
 */
public final class FactorPoolClient {
  /** A request the pool could not carry out (it failed twice, or the pool is closed). */
  public static final class NotFactored extends DeliException {
    public NotFactored(String message) {
      super(message);
    }
  }

  private final ActorSystem<?> system;
  private final ActorRef<FactorPool.Command> pool;
  private final Duration timeout;

  public FactorPoolClient(ActorSystem<?> system, ActorRef<FactorPool.Command> pool, Duration timeout) {
    this.system = system;
    this.pool = pool;
    this.timeout = timeout;
  }

  /** The chapter's {@code map_async}: every number's prime factors, in order, later. */
  public CompletionStage<List<Numbers>> mapAsync(Trace trace, Numbers numbers) {
    return AskPattern.<FactorPool.Command, FactorPool.AllAnswer>ask(
            pool, replyTo -> new FactorPool.FactorAll(trace, numbers, replyTo), timeout, system.scheduler())
        .thenCompose(
            answer ->
                answer instanceof FactorPool.AllFactored f
                    ? CompletableFuture.completedFuture(f.factors())
                    : CompletableFuture.failedFuture(new NotFactored(((FactorPool.AllFailed) answer).reason())));
  }

  public CompletionStage<List<Numbers>> mapAsync(long... numbers) {
    return mapAsync(Trace.start("api"), Numbers.of(numbers));
  }

  /** The chapter's {@code map}: blocks the calling thread, so never call it inside an actor. */
  public List<Numbers> map(long... numbers) {
    return mapAsync(numbers).toCompletableFuture().join();
  }

  /** The chapter's {@code apply_async}: one number, queued behind the work already there. */
  public CompletionStage<Numbers> applyAsync(long number) {
    return mapAsync(Trace.start("api"), Numbers.of(number)).thenApply(l -> l.get(0));
  }

  /** Refuses new work, lets queued work finish; completes when the pool has stopped. */
  public CompletionStage<FactorPool.Stopped> close() {
    return AskPattern.ask(pool, replyTo -> new FactorPool.Close(Trace.start("api"), replyTo), timeout, system.scheduler());
  }

  /** Refuses new and queued work (it fails), lets running batches finish; completes when stopped. */
  public CompletionStage<FactorPool.Stopped> terminate() {
    return AskPattern.ask(pool, replyTo -> new FactorPool.Terminate(Trace.start("api"), replyTo), timeout, system.scheduler());
  }
}
