package deli.tune;

import java.util.Collection;

/**
 * For one testing sample at a time, the exact int sums a set of distances reads, for every
 * training sample: the sums of absolute differences (MD, and SD's numerator), of squares (ED's
 * order) and the largest difference (CD). When the set reads more than one kind, one pass over
 * the two samples computes all three ({@link IntDistances#all}). Only for data whose every
 * feature is a small integer ({@link Neighbours#inInts}); one per thread.
 */
final class IntSums {
  private final Dataset data;
  private final boolean manhattan;
  private final boolean squares;
  private final boolean chebyshev;
  private final int[] manhattans;
  private final int[] squareSums;
  private final int[] maxima;
  private int tested = -1;

  /** The sums {@code distances} read, over {@code data}'s training samples. */
  IntSums(Dataset data, Collection<Distance> distances) {
    this.data = data;
    boolean man = distances.contains(Distance.MD) || distances.contains(Distance.SD);
    boolean sq = distances.contains(Distance.ED);
    boolean cheb = distances.contains(Distance.CD);
    boolean several = (man ? 1 : 0) + (sq ? 1 : 0) + (cheb ? 1 : 0) > 1;
    this.manhattan = man || several;
    this.squares = sq || several;
    this.chebyshev = cheb || several;
    int rows = data.training().size();
    this.manhattans = manhattan ? new int[rows] : null;
    this.squareSums = squares ? new int[rows] : null;
    this.maxima = chebyshev ? new int[rows] : null;
  }

  /** Computes the sums for testing sample {@code t} (nothing when they are t's already). */
  void of(int t) {
    if (t == tested) {
      return;
    }
    int n = data.features();
    int[] a = data.training().ints;
    int[] b = data.testing().ints;
    int bi = t * n;
    int rows = data.training().size();
    if (manhattan && squares && chebyshev) {
      for (int i = 0; i < rows; i++) {
        IntDistances.all(a, i * n, b, bi, n, manhattans, squareSums, maxima, i);
      }
    } else if (manhattan) {
      for (int i = 0; i < rows; i++) {
        manhattans[i] = IntDistances.manhattan(a, i * n, b, bi, n);
      }
    } else if (squares) {
      for (int i = 0; i < rows; i++) {
        squareSums[i] = IntDistances.squares(a, i * n, b, bi, n);
      }
    } else {
      for (int i = 0; i < rows; i++) {
        maxima[i] = IntDistances.chebyshev(a, i * n, b, bi, n);
      }
    }
    tested = t;
  }

  /** The sums {@code distance} reads, for the testing sample last given to {@link #of}. */
  int[] of(Distance distance) {
    return switch (distance) {
      case ED -> squareSums;
      case CD -> maxima;
      default -> manhattans;
    };
  }
}
