package deli.tune;

/**
 * The book's k-NN, scored for every k at once. For one distance and one testing sample the
 * training samples are ordered once, as the book's {@code sorted()} orders its (distance,
 * sample) pairs: by distance, then by the training sample's features left to right, then by
 * its label. Only the first max-k of that order are kept (a bounded insertion: the rest is never
 * sorted), and each k in the grid reads its vote off the same prefix: counting votes nearest
 * first, a tie goes to the label seen first, as {@code Counter.most_common()} does.
 *
 * <p>Comparisons are Python's float comparisons ({@code -0.0 == 0.0}); data holds no NaN.
 */
public final class Neighbours {
  private final Dataset data;
  private final Distance distance;
  private final int[] ks;
  private final int maxK;
  private final double[] dist;
  private final double[] scratch;
  private final int[] nearest;
  private final int[] votes;
  private final int[] firstSeen;
  /** ED on ints: a copy of the sums of squares, for {@link #kthSmallest}. */
  private int[] squares;
  /** Whether the distances are computed in ints: every feature of both sides a small integer (see {@link #orderInts}). */
  private final boolean ints;

  /** A scorer for {@code ks} (ascending, at least 1, at most the training samples); one per thread. */
  public Neighbours(Dataset data, Distance distance, int[] ks) {
    this.data = data;
    this.distance = distance;
    this.ks = ks.clone();
    for (int i = 0; i < ks.length; i++) {
      if (ks[i] < 1 || (i > 0 && ks[i] <= ks[i - 1])) {
        throw new IllegalArgumentException("k must ascend from 1: " + java.util.Arrays.toString(ks));
      }
    }
    this.maxK = ks[ks.length - 1];
    if (maxK > data.training().size()) {
      throw new IllegalArgumentException("k " + maxK + " is more than the " + data.training().size() + " training samples");
    }
    this.dist = new double[data.training().size()];
    this.scratch = new double[data.features()];
    this.nearest = new int[maxK];
    this.votes = new int[data.labels().size()];
    this.firstSeen = new int[data.labels().size()];
    this.ints = inInts(data);
  }

  /** Whether this scorer computes in ints ({@link #orderInts}). */
  boolean inInts() {
    return ints;
  }

  /** Whether distances on {@code data} are computed in ints: every feature of both sides a small integer, each sum exact in an int. */
  static boolean inInts(Dataset data) {
    Dataset.Samples train = data.training();
    Dataset.Samples test = data.testing();
    long most = 2L * Math.max(train.intMax, test.intMax);
    return train.ints != null && test.ints != null && data.features() * most * most < Integer.MAX_VALUE;
  }

  /**
   * How many of testing samples {@code from..to-1} each k classifies right ({@code correct[i]}
   * for {@code ks[i]}). A Sorensen denominator of zero, where Python raises
   * ZeroDivisionError, is a {@link DataError} naming both lines.
   */
  public int[] score(int from, int to) {
    int[] correct = new int[ks.length];
    IntSums sums = ints ? new IntSums(data, java.util.List.of(distance)) : null;
    for (int t = from; t < to; t++) {
      score(t, sums, correct, 0);
    }
    return correct;
  }

  /**
   * Adds testing sample {@code t}'s votes to {@code correct[at + i]} for {@code ks[i]}; on data
   * in ints, {@code sums} holds t's sums for this distance ({@link IntSums#of(int)}, called
   * here), else it is not read.
   */
  void score(int t, IntSums sums, int[] correct, int at) {
    if (ints) {
      sums.of(t);
      orderInts(t, sums.of(distance));
    } else if (distance != Distance.SD) {
      orderBounded(t);
    } else {
      distances(t);
      order();
    }
    vote(data.testing().label[t], correct, at);
  }

  /**
   * {@link #order} for ED, MD and CD, which skips the training samples that cannot enter the
   * k nearest so far. MD and CD stop adding as soon as the partial sum (or maximum) passes the
   * k-th distance: their terms are not negative, so a partial result never exceeds the whole
   * one, and the skipped samples are exactly those the full computation would not keep. ED
   * computes the exact {@code math.hypot}, its cost, only for the samples whose plain sum of
   * squares does not lie clearly beyond the k-th distance: that sum is within n x 2^-53 of the
   * true square (trusted only well inside the double range), far inside the 10^-9 margin.
   */
  private void orderBounded(int t) {
    Dataset.Samples train = data.training();
    int n = data.features();
    double[] a = train.x;
    double[] b = data.testing().x;
    int bi = t * n;
    int size = 0;
    double kth = Double.POSITIVE_INFINITY;
    double bound = Double.POSITIVE_INFINITY;
    for (int i = 0; i < dist.length; i++) {
      int ai = i * n;
      if (size == maxK && beyond(a, ai, b, bi, n, kth, bound)) {
        continue;
      }
      dist[i] = distance.between(a, ai, b, bi, n, scratch);
      size = insert(i, size);
      if (size == maxK) {
        kth = dist[nearest[maxK - 1]];
        bound = kth * kth * (1 + 1e-9);
      }
    }
  }

  /**
   * {@link #order} when every feature is an integer small enough that each distance's sums are
   * exact in ints ({@code n x (2 max)^2} fits), from those sums ({@code sums[i]} for training
   * sample i, {@link IntSums}): Python's float sums of such numbers are exact too, so the int
   * sums are its values, bit for bit (SD's quotient is the same division of the same two
   * numbers). A sample farther than the k-th so far is skipped. ED takes the exact
   * {@code math.hypot} of the samples not skipped; the square of a sample skipped is an exact
   * integer beyond the k-th distance's square with a margin far wider than hypot's rounding.
   * Sorensen's denominator is the two samples' sums added ({@code intSums}), checked for zero
   * before anything is skipped, so the first zero is reported as {@link #distances} reports it.
   *
   * <p>ED first finds the k-th smallest sum of squares, and takes {@code math.hypot} only of the
   * samples at or below it (about k, where a scan would take it of every sample nearer than the
   * k-th so far: 4 to 5 times as many on digits). Exact: of two different integer sums S < T
   * below 2^31, sqrt(T) exceeds sqrt(S) by a factor of at least 1 + 2^-33, far more than
   * hypot's error of under an ulp, so hypot orders unequal sums as the sums order; only samples
   * of equal sums need hypot (and then rank) to order them.
   */
  private void orderInts(int t, int[] sums) {
    Dataset.Samples train = data.training();
    int n = data.features();
    int[] a = train.ints;
    int[] b = data.testing().ints;
    long[] rowSums = train.intSums;
    long testSum = data.testing().intSums[t];
    int bi = t * n;
    int size = 0;
    double kth = Double.POSITIVE_INFINITY;
    double bound = Double.POSITIVE_INFINITY;
    long most = distance == Distance.ED && maxK < dist.length ? kthSmallest(sums, maxK) : Long.MAX_VALUE;
    for (int i = 0; i < dist.length; i++) {
      double d;
      switch (distance) {
        case ED -> {
          if (sums[i] > most || (size == maxK && sums[i] > bound)) {
            continue;
          }
          d = Hypot.norm(scratch, n, IntDistances.absDiffs(a, i * n, b, bi, n, scratch));
        }
        case MD, CD -> {
          d = sums[i];
          if (size == maxK && d > kth) {
            continue;
          }
        }
        default -> {
          long den = rowSums[i] + testSum;
          if (den == 0) {
            throw zeroSorensen(t, i);
          }
          d = sums[i] / (double) den;
          if (size == maxK && d > kth) {
            continue;
          }
        }
      }
      dist[i] = d;
      size = insert(i, size);
      if (size == maxK) {
        kth = dist[nearest[maxK - 1]];
        bound = kth * kth * (1 + 1e-9);
      }
    }
  }

  /** The {@code k}-th smallest of {@code values} (k from 1), by quickselect on a copy. */
  private int kthSmallest(int[] values, int k) {
    if (squares == null) {
      squares = new int[values.length];
    }
    int[] v = squares;
    System.arraycopy(values, 0, v, 0, values.length);
    int lo = 0;
    int hi = v.length - 1;
    int want = k - 1;
    while (lo < hi) {
      int pivot = v[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (v[i] < pivot) {
          i++;
        }
        while (v[j] > pivot) {
          j--;
        }
        if (i <= j) {
          int swap = v[i];
          v[i++] = v[j];
          v[j--] = swap;
        }
      }
      if (want <= j) {
        hi = j;
      } else if (want >= i) {
        lo = i;
      } else {
        break;
      }
    }
    return v[want];
  }

  /** Whether training sample {@code a[ai..]} is surely farther than {@code kth} (ED: its square beyond {@code bound}). */
  private boolean beyond(double[] a, int ai, double[] b, int bi, int n, double kth, double bound) {
    switch (distance) {
      case ED -> {
        double squares = 0.0;
        for (int f = 0; f < n; f++) {
          double d = a[ai + f] - b[bi + f];
          squares += d * d;
        }
        return squares > bound && squares < 1e300 && squares > 1e-280;
      }
      case MD -> {
        double sum = 0.0;
        for (int f = 0; f < n; f++) {
          sum += Math.abs(a[ai + f] - b[bi + f]);
          if (sum > kth) {
            return true;
          }
        }
        return false;
      }
      default -> {
        for (int f = 0; f < n; f++) {
          if (Math.abs(a[ai + f] - b[bi + f]) > kth) {
            return true;
          }
        }
        return false;
      }
    }
  }

  private void distances(int t) {
    Dataset.Samples train = data.training();
    int n = data.features();
    double[] b = data.testing().x;
    int bi = t * n;
    for (int i = 0; i < dist.length; i++) {
      double d = distance.between(train.x, i * n, b, bi, n, scratch);
      if (Double.isNaN(d)) {
        throw zeroSorensen(t, i);
      }
      dist[i] = d;
    }
  }

  private DataError zeroSorensen(int t, int i) {
    return new DataError(
        data.source() + ":" + data.testing().line[t] + ": column 1: the Sorensen distance to line " + data.training().line[i]
            + " divides by zero (the features of both rows add up to 0)");
  }

  /** Keeps the first maxK training samples in the book's order, nearest first, in {@code nearest}. */
  private void order() {
    int size = 0;
    for (int i = 0; i < dist.length; i++) {
      size = insert(i, size);
    }
  }

  /**
   * Puts training sample {@code i} among the {@code size} nearest kept so far, if it belongs
   * there (a bounded insertion: at most maxK are kept); returns how many are kept now.
   */
  private int insert(int i, int size) {
    if (size == maxK) {
      if (!before(i, nearest[maxK - 1])) {
        return size;
      }
      size--;
    }
    int at = size;
    while (at > 0 && before(i, nearest[at - 1])) {
      nearest[at] = nearest[at - 1];
      at--;
    }
    nearest[at] = i;
    return size + 1;
  }

  /**
   * Whether training sample i sorts before j: by distance, then features, then label (Python's
   * tuple order); the last two are the sample's rank, ordered once per data set.
   */
  private boolean before(int i, int j) {
    double di = dist[i];
    double dj = dist[j];
    if (di != dj) {
      return di < dj;
    }
    int[] rank = data.training().rank;
    return rank[i] < rank[j];
  }

  /** Counts votes nearest first; at each k of the grid the leader is the class, ties to the first seen. */
  private void vote(int truth, int[] correct, int at) {
    java.util.Arrays.fill(votes, 0);
    int[] label = data.training().label;
    int leader = -1;
    int next = 0;
    for (int rank = 0; rank < maxK; rank++) {
      int l = label[nearest[rank]];
      if (votes[l]++ == 0) {
        firstSeen[l] = rank;
      }
      // Only l's count grew, so the leader is the old one or l.
      if (leader < 0 || votes[l] > votes[leader] || (votes[l] == votes[leader] && firstSeen[l] < firstSeen[leader])) {
        leader = l;
      }
      if (ks[next] == rank + 1) {
        if (leader == truth) {
          correct[at + next]++;
        }
        next++;
      }
    }
  }
}
