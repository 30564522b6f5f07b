package deli.factor;

import deli.trace.Trace;
import deli.trace.Tracing;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One {@link FactorPool.FactorAll} in progress, a short-lived child of the pool: it puts the
 * answers of the request's batches together in request order, answers once, and stops when
 * every batch has been answered (the pool answers every batch, so it never waits forever).
 */
final class FactorJob {
  private FactorJob() {}

  /** The request's numbers in batches of {@code size} (the last one shorter), answered to {@code job}. */
  static List<FactorPool.FactorBatch> batches(Numbers numbers, int size, ActorRef<FactorPool.BatchAnswer> job) {
    List<FactorPool.FactorBatch> out = new java.util.ArrayList<>();
    for (int from = 0, i = 0; from < numbers.size(); from += size, i++) {
      out.add(new FactorPool.FactorBatch(Trace.here(), i, numbers.slice(from, Math.min(numbers.size(), from + size)), job));
    }
    return out;
  }

  static Behavior<FactorPool.BatchAnswer> create(
      Trace trace, int count, int batchSize, int batches, ActorRef<FactorPool.AllAnswer> replyTo) {
    // The state lives inside setup: each incarnation (after a restart too) starts with its own.
    return Tracing.traced(
        FactorPool.BatchAnswer.class,
        trace,
        Behaviors.setup(
            ctx -> {
              Numbers[] results = new Numbers[count];
              int[] answered = {0};
              String[] failure = {null};
              return Behaviors.receive(FactorPool.BatchAnswer.class)
                  .onMessage(
                      FactorPool.BatchAnswer.class,
                      a -> {
                        if (a instanceof FactorPool.BatchWorking) {
                          return Behaviors.same(); // not an answer: the pool watches its batches' time
                        }
                        if (a instanceof FactorPool.BatchFactored f) {
                          int from = (int) f.batchId() * batchSize;
                          for (int i = 0; i < f.factors().size(); i++) {
                            results[from + i] = f.factors().get(i);
                          }
                        } else if (a instanceof FactorPool.BatchFailed b && failure[0] == null) {
                          failure[0] = b.reason();
                          long first = b.batchId() * batchSize + 1;
                          long last = Math.min(count, first + batchSize - 1);
                          replyTo.tell(
                              new FactorPool.AllFailed(Trace.here(), "numbers " + first + " to " + last + " not factored: " + b.reason()));
                        }
                        if (++answered[0] < batches) {
                          return Behaviors.same();
                        }
                        if (failure[0] == null) {
                          replyTo.tell(new FactorPool.AllFactored(Trace.here(), List.of(results)));
                        }
                        return Behaviors.stopped();
                      })
                  .build();
            }));
  }
}
