package deli.tune;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The book's four distances between a training sample {@code a} and a testing sample
 * {@code b}, computed as its Python computes them (3.11): {@code sum()} adds left to right from
 * 0, {@code max()} keeps the first of equals, ED is {@code math.hypot} ({@link Hypot}).
 */
public enum Distance {
  /** Euclidean: {@code math.hypot(*(a_i - b_i))}. */
  ED,
  /** Manhattan: {@code sum(|a_i - b_i|)}. */
  MD,
  /** Chebyshev: {@code max(|a_i - b_i|)}. */
  CD,
  /** Sorensen: {@code sum(|a_i - b_i|) / sum(a_i + b_i)} (Bray-Curtis on positive data). */
  SD;

  /** The names, as a usage line lists them: {@code ED, MD, CD, SD}. */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The distance called {@code name}, or an IllegalArgumentException naming the choices. */
  public static Distance named(String name) {
    for (Distance d : values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException("no distance '" + name + "' (the distances are " + names() + ")");
  }

  /**
   * The distance from training sample {@code a} (features {@code a[ai..ai+n)}) to testing
   * sample {@code b} ({@code b[bi..bi+n)}); {@code scratch} holds at least n doubles. A Sorensen
   * denominator of zero gives NaN (Python raises ZeroDivisionError: the caller reports it).
   */
  double between(double[] a, int ai, double[] b, int bi, int n, double[] scratch) {
    switch (this) {
      case ED -> {
        double max = 0.0;
        for (int i = 0; i < n; i++) {
          double x = Math.abs(a[ai + i] - b[bi + i]);
          scratch[i] = x;
          if (x > max) {
            max = x;
          }
        }
        return Hypot.norm(scratch, n, max);
      }
      case MD -> {
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
          sum += Math.abs(a[ai + i] - b[bi + i]);
        }
        return sum;
      }
      case CD -> {
        double max = Math.abs(a[ai] - b[bi]);
        for (int i = 1; i < n; i++) {
          double x = Math.abs(a[ai + i] - b[bi + i]);
          if (x > max) {
            max = x;
          }
        }
        return max;
      }
      default -> {
        double num = 0.0;
        double den = 0.0;
        for (int i = 0; i < n; i++) {
          double x = a[ai + i];
          double y = b[bi + i];
          num += Math.abs(x - y);
          den += x + y;
        }
        return den == 0.0 ? Double.NaN : num / den;
      }
    }
  }
}
