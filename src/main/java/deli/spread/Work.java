package deli.spread;

import deli.trace.Trace;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One job as the spreading machinery sees it: {@link #units()} units of work (numbers to
 * factor, cells of a grid) that any pool can do a range of. A {@link SpreadJob} cuts them into
 * batches, asks pools for them with {@link #request}, and hands each first answer to
 * {@link #accept}; the program keeps the results. The job calls it from its own actor only,
 * one call at a time, so a work may hold mutable state.
 *
 * @param <C> what a pool is sent
 * @param <A> what a pool answers
 */
public interface Work<C, A> {
  /** How many units the job has. */
  int units();

  /** The type of the pool's answers (the job adapts them). */
  Class<A> answerType();

  /** Asks a pool for units {@code from..to-1}; the answer carries {@code sendId}. */
  C request(Trace trace, long sendId, int from, int to, ActorRef<A> replyTo);

  /** The send id an answer carries. */
  long sendId(A answer);

  /**
   * Whether {@code answer} only says that the pool is still at the request (a batch longer than
   * the batch timeout, progressing): its timeout starts again, nothing is taken.
   */
  default boolean working(A answer) {
    return false;
  }

  /**
   * Takes the first answer for units {@code from..to-1}: null when it is kept, else why it is
   * not (a failure the pool reported, or an answer that does not fit the request).
   */
  Failure accept(A answer, int from, int to);

  /** Every unit answered; {@code batchesByNode}: the batches each node answered. */
  void complete(Map<String, Integer> batchesByNode);

  /** The job failed, and why; no other call follows. */
  void fail(String why);

  /** Units {@code from..to-1}, as a failure names them ({@code numbers 1 to 17}). */
  String describe(int from, int to);

  /** What a pool must be sent once before the first request of this job (the data it works on). */
  default List<C> greet(Trace trace) {
    return List.of();
  }

  /** An answer that is not kept: sent again if {@code retry} and attempts are left, else the job fails. */
  record Failure(String reason, boolean retry) {
    public static Failure again(String reason) {
      return new Failure(reason, true);
    }

    public static Failure fatal(String reason) {
      return new Failure(reason, false);
    }
  }
}
