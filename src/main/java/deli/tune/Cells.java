package deli.tune;

import deli.spread.Work;
import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A tuning job as {@link Work} to spread: its units are cells, one per testing sample and
 * distance ({@code cell = t * distances + d}: a testing sample's distances side by side, so a
 * batch reads each pair of samples once for all of them, {@link IntSums}), each scored for every
 * k at once. Messages carry the range of cells to score, never the data: a pool is sent the data
 * once per job ({@link #greet}). Answers are added up per distance; when every cell of a
 * distance is in, that distance's trials are done and go to the listener, as the book prints
 * each trial when it completes (with this order, the distances complete together, at the last
 * testing sample; {@link Listener#cells} tells the progress before).
 */
public final class Cells implements Work<TunePool.Command, TunePool.CellsAnswer> {
  /** Where a job's results go, called from the job's actor. */
  public interface Listener {
    /** Trials done (every k of one distance). */
    void trials(List<Trial> done);

    /** Every trial is done; the batches each node answered. */
    void complete(Map<String, Integer> batchesByNode);

    /**
     * The job failed: {@code why}; {@code dataError} is the data's fault when that is the
     * cause (a Sorensen sum of zero, naming the file, line and column), else null.
     */
    void fail(String why, String dataError);

    /** Cells answered so far, of {@code total}: the progress, after each answer kept. */
    default void cells(int done, int total) {}
  }

  /** The most characters of CSV in one {@link TunePool.Prepare} (a remote message stays well under artery's 256 KiB frame). */
  static final int PART_CHARS = 60_000;

  private final String job;
  private final TuneData data;
  private final Grid grid;
  private final int tested;
  private final Listener listener;
  private final int[][] correct;
  private final int[] cellsLeft;
  private String dataError;
  private int answered;

  /** Job {@code job} (a name unique in the cluster) of {@code grid} on {@code data}, which has {@code tested} testing samples. */
  public Cells(String job, TuneData data, Grid grid, int tested, Listener listener) {
    this.job = job;
    this.data = data;
    this.grid = grid;
    this.tested = tested;
    this.listener = listener;
    this.correct = new int[grid.distances().size()][grid.ks().size()];
    this.cellsLeft = new int[grid.distances().size()];
    java.util.Arrays.fill(cellsLeft, tested);
  }

  /**
   * How many testing samples of cells {@code from..to-1} each k classifies right: for each
   * distance of the grid, in order, one count per k (zeros for a distance the range does not
   * touch). On data in ints each testing sample's sums are computed once for all its distances.
   */
  static int[] score(Dataset data, Grid grid, int from, int to) {
    List<Distance> distances = grid.distances();
    int count = distances.size();
    int ks = grid.ks().size();
    int[] out = new int[count * ks];
    int[] kArray = grid.ksArray();
    Neighbours[] scorers = new Neighbours[count];
    IntSums sums = Neighbours.inInts(data) ? new IntSums(data, distances) : null;
    for (int cell = from; cell < to; cell++) {
      int d = cell % count;
      if (scorers[d] == null) {
        scorers[d] = new Neighbours(data, distances.get(d), kArray);
      }
      scorers[d].score(cell / count, sums, out, d * ks);
    }
    return out;
  }

  /** How many of cells {@code from..to-1} are of distance {@code d} of {@code count}. */
  private static int cellsOf(int d, int count, int from, int to) {
    return Math.floorDiv(to - 1 - d, count) - Math.floorDiv(from - 1 - d, count);
  }

  @Override
  public int units() {
    return grid.distances().size() * tested;
  }

  @Override
  public Class<TunePool.CellsAnswer> answerType() {
    return TunePool.CellsAnswer.class;
  }

  @Override
  public List<TunePool.Command> greet(Trace trace) {
    List<TunePool.Command> parts = new ArrayList<>();
    String csv = data.csv();
    if (csv == null || csv.length() <= PART_CHARS) {
      parts.add(new TunePool.Prepare(trace, job, data, grid, 1, 1));
      return parts;
    }
    int count = (csv.length() + PART_CHARS - 1) / PART_CHARS;
    for (int i = 0; i < count; i++) {
      String part = csv.substring(i * PART_CHARS, Math.min(csv.length(), (i + 1) * PART_CHARS));
      parts.add(new TunePool.Prepare(trace, job, TuneData.csv(data.source(), part, data.testEvery()), grid, i + 1, count));
    }
    return parts;
  }

  @Override
  public TunePool.Command request(Trace trace, long sendId, int from, int to, ActorRef<TunePool.CellsAnswer> replyTo) {
    return new TunePool.ScoreCells(trace, sendId, job, from, to, replyTo);
  }

  @Override
  public long sendId(TunePool.CellsAnswer answer) {
    return answer.sendId();
  }

  @Override
  public Failure accept(TunePool.CellsAnswer answer, int from, int to) {
    if (answer instanceof TunePool.CellsFailed f) {
      if (!f.retry()) {
        dataError = f.reason();
      }
      return new Failure(f.reason(), f.retry());
    }
    int[] counts = ((TunePool.CellsScored) answer).correct();
    int ks = grid.ks().size();
    int count = grid.distances().size();
    if (counts.length != count * ks) {
      return Failure.again("a pool answered " + counts.length + " counts for " + describe(from, to));
    }
    List<Trial> done = new ArrayList<>();
    for (int d = 0; d < count; d++) {
      int cells = cellsOf(d, count, from, to);
      if (cells == 0) {
        continue;
      }
      for (int i = 0; i < ks; i++) {
        correct[d][i] += counts[d * ks + i];
      }
      cellsLeft[d] -= cells;
      if (cellsLeft[d] == 0) {
        for (int i = 0; i < ks; i++) {
          done.add(new Trial(grid.ks().get(i), grid.distances().get(d), correct[d][i], tested));
        }
      }
    }
    answered += to - from;
    listener.cells(answered, units());
    if (!done.isEmpty()) {
      listener.trials(done);
    }
    return null;
  }

  @Override
  public void complete(Map<String, Integer> batchesByNode) {
    listener.complete(batchesByNode);
  }

  @Override
  public void fail(String why) {
    listener.fail(why, dataError);
  }

  @Override
  public String describe(int from, int to) {
    if (to <= from) {
      return "no cells";
    }
    int count = grid.distances().size();
    Distance d0 = grid.distances().get(from % count);
    Distance d1 = grid.distances().get((to - 1) % count);
    return "cells " + d0 + " sample " + (from / count + 1) + " to " + d1 + " sample " + ((to - 1) / count + 1);
  }
}
