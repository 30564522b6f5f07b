package deli.tune;

import deli.core.Failures;
import deli.spread.SpreadSettings;
import deli.trace.Trace;
import deli.trace.Traced;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * One worker of a node's tuning pool, on the CPU dispatcher: scores a range of cells (a cell
 * is one distance and one testing sample) for every k of the grid at once, from one ordering of
 * the neighbours ({@link Neighbours}), and answers the job directly. The data set is the pool's,
 * shared read-only by every worker of the JVM.
 */
final class TuneWorker {
  /** Score cells {@code from..to-1} of {@code data} under {@code grid}. */
  record Score(Trace trace, long sendId, Dataset data, Grid grid, int from, int to, ActorRef<TunePool.CellsAnswer> replyTo)
      implements Traced {}

  private TuneWorker() {}

  static Behavior<Score> create(SpreadSettings spread) {
    return Behaviors.receive(Score.class)
        .onMessage(
            Score.class,
            m -> {
              spread.pause(m.to() - m.from());
              try {
                m.replyTo().tell(new TunePool.CellsScored(Trace.here(), m.sendId(), Cells.score(m.data(), m.grid(), m.from(), m.to())));
              } catch (DataError e) {
                m.replyTo().tell(new TunePool.CellsFailed(Trace.here(), m.sendId(), e.getMessage(), false));
              } catch (RuntimeException e) {
                m.replyTo().tell(new TunePool.CellsFailed(Trace.here(), m.sendId(), Failures.describe(e), true));
                throw e;
              }
              return Behaviors.same();
            })
        .build();
  }
}
