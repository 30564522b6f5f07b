package deli.tune;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The hyperparameters to try: every k of {@code ks} (ascending) with every distance of
 * {@code distances} (in the order given), the book's {@code range(1, 41, 2)} x ED, MD, CD, SD.
 */
public record Grid(List<Integer> ks, List<Distance> distances) {
  /** The most k values one grid may hold. */
  public static final int MAX_KS = 100_000;

  public Grid {
    ks = List.copyOf(ks);
    distances = List.copyOf(distances);
    if (ks.isEmpty()) {
      throw new IllegalArgumentException("no k to try");
    }
    for (int i = 0; i < ks.size(); i++) {
      if (ks.get(i) < 1 || (i > 0 && ks.get(i) <= ks.get(i - 1))) {
        throw new IllegalArgumentException("the k values must ascend from 1 or more: " + ks);
      }
    }
    if (distances.isEmpty()) {
      throw new IllegalArgumentException("no distance to try");
    }
    if (new HashSet<>(distances).size() != distances.size()) {
      throw new IllegalArgumentException("a distance is named twice: " + distances);
    }
  }

  /** {@code range(from, to + 1, step)} x {@code distances}. */
  public static Grid of(int from, int to, int step, List<Distance> distances) {
    if (from < 1) {
      throw new IllegalArgumentException("k must be at least 1, not " + from);
    }
    if (to < from) {
      throw new IllegalArgumentException("k's range " + from + ".." + to + " is empty");
    }
    if (step < 1) {
      throw new IllegalArgumentException("step must be at least 1, not " + step);
    }
    if ((to - from) / step + 1 > MAX_KS) {
      throw new IllegalArgumentException("k's range holds more than " + MAX_KS + " values");
    }
    List<Integer> ks = new ArrayList<>();
    for (long k = from; k <= to; k += step) {
      ks.add((int) k);
    }
    return new Grid(ks, distances);
  }

  /**
   * The grid of {@code k} ({@code FROM..TO}, or one value), {@code step} and {@code distances}
   * ({@code ED,MD}) as a user writes them; an IllegalArgumentException names the option as
   * {@code names} spells it (the flag, or the request's field).
   */
  public static Grid parse(String k, int step, List<String> distances, Names names) {
    String[] ends = k.split("\\.\\.", -1);
    int from;
    int to;
    try {
      if (ends.length > 2) {
        throw new NumberFormatException();
      }
      from = Integer.parseInt(ends[0].strip());
      to = ends.length == 1 ? from : Integer.parseInt(ends[1].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(names.k() + " takes FROM..TO, such as 1..39, not '" + k + "'");
    }
    List<Distance> chosen = new ArrayList<>();
    for (String name : distances) {
      try {
        chosen.add(Distance.named(name.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(names.distances() + ": " + e.getMessage());
      }
    }
    if (from < 1) {
      throw new IllegalArgumentException(names.k() + " must start at 1 or more, not " + from);
    }
    if (to < from) {
      throw new IllegalArgumentException(names.k() + ": " + to + " is below " + from);
    }
    if (step < 1) {
      throw new IllegalArgumentException(names.step() + " must be 1 or more, not " + step);
    }
    if ((to - from) / step + 1 > MAX_KS) {
      throw new IllegalArgumentException(names.k() + " holds more than " + MAX_KS + " values");
    }
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException(names.distances() + " names no distance");
    }
    if (new HashSet<>(chosen).size() != chosen.size()) {
      throw new IllegalArgumentException(names.distances() + " names a distance twice");
    }
    return of(from, to, step, chosen);
  }

  /** How the options are spelled where the grid comes from: {@code --k} on the command line, {@code k} in a request. */
  public record Names(String k, String step, String distances) {
    public static final Names FLAGS = new Names("--k", "--step", "--distances");
    public static final Names FIELDS = new Names("k", "step", "distances");
  }

  /** The largest k: the training samples needed. */
  public int maxK() {
    return ks.get(ks.size() - 1);
  }

  public int trials() {
    return ks.size() * distances.size();
  }

  int[] ksArray() {
    return ks.stream().mapToInt(Integer::intValue).toArray();
  }
}
