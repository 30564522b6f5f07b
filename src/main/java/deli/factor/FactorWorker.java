package deli.factor;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.List;
import java.util.function.LongFunction;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One of the pool's workers (the chapter's worker process): factors a batch of numbers and
 * answers with every number's factors, in order. It runs on the CPU dispatcher and holds its
 * thread for the whole batch. A batch that makes it throw is answered {@link Crashed} before
 * the exception escapes, so the pool learns at once and the worker's supervisor restarts it.
 */
public final class FactorWorker {
  public interface Command {}

  /** Factor {@code numbers}; {@code ticket} comes back in the answer. */
  public record Factor(Trace trace, long ticket, Numbers numbers, ActorRef<Answer> replyTo) implements Command, Traced {}

  /** What a worker answers. */
  public interface Answer extends Traced {
    long ticket();
  }

  /** Each number's prime factors, in the batch's order. */
  public record Factored(Trace trace, long ticket, List<Numbers> factors) implements Answer {}

  /** The worker threw while factoring the batch, and is being restarted. */
  public record Crashed(Trace trace, long ticket, String reason) implements Answer {}

  /**
   * Still at the batch, {@code done} numbers of it factored: said every {@link #NOTE_NANOS} at
   * most, so that a batch of hard numbers that takes longer than the batch timeout is not taken
   * for a lost one while its worker makes progress.
   */
  public record Working(Trace trace, long ticket, int done) implements Answer {}

  /** How often a worker says it is still working on a long batch. */
  static final long NOTE_NANOS = 500_000_000L;

  private FactorWorker() {}

  /** A worker that factors with {@code factoring} (tests inject one that fails). */
  public static Behavior<Command> create(LongFunction<long[]> factoring) {
    return Behaviors.receive(Command.class)
        .onMessage(
            Factor.class,
            m -> {
              Numbers numbers = m.numbers();
              Numbers[] factors = new Numbers[numbers.size()];
              long noted = System.nanoTime();
              try {
                for (int i = 0; i < factors.length; i++) {
                  factors[i] =
                      numbers.isBig(i) ? BigFactoring.factor(numbers.big(i)) : Numbers.owning(factoring.apply(numbers.get(i)));
                  if (i + 1 < factors.length && System.nanoTime() - noted >= NOTE_NANOS) {
                    noted = System.nanoTime();
                    m.replyTo().tell(new Working(Trace.here(), m.ticket(), i + 1));
                  }
                }
              } catch (RuntimeException e) {
                m.replyTo().tell(new Crashed(Trace.here(), m.ticket(), e.getClass().getSimpleName() + ": " + Failures.describe(e)));
                throw e;
              }
              m.replyTo().tell(new Factored(Trace.here(), m.ticket(), List.of(factors)));
              return Behaviors.same();
            })
        .build();
  }
}
