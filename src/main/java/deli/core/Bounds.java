package deli.core;

import java.util.Locale;

/**
 * The values a number may take, worded once for the help, the command line and HTTP alike:
 * {@code "--count must be 0 to 1,000,000, not 5000000"} on the command line is
 * {@code "count must be 0 to 1,000,000, not 5000000"} over HTTP.
 *
 * @param min the least value allowed
 * @param max the greatest value allowed, or the first refused when {@code belowMax}
 * @param belowMax whether {@code max} itself is refused (a chance that must stay below 1)
 */
public record Bounds(double min, double max, boolean belowMax) {
  public static Bounds of(long min, long max) {
    return new Bounds(min, max, false);
  }

  /** From {@code min} up to, but not including, {@code max}. */
  public static Bounds below(double min, double max) {
    return new Bounds(min, max, true);
  }

  public boolean contains(double v) {
    return v >= min && (belowMax ? v < max : v <= max);
  }

  /** As the help says it: {@code 0 to 1,000,000}, or {@code 0 to below 1}. */
  public String describe() {
    return number(min) + " to " + (belowMax ? "below " : "") + number(max);
  }

  /** The value, or an {@link IllegalArgumentException} in the one wording, naming {@code name}. */
  public double check(String name, double v) {
    if (!contains(v)) {
      throw new IllegalArgumentException(name + " must be " + describe() + ", not " + number(v));
    }
    return v;
  }

  /** {@link #check(String, double)} for a whole number. */
  public long check(String name, long v) {
    if (!contains(v)) {
      throw new IllegalArgumentException(name + " must be " + describe() + ", not " + v);
    }
    return v;
  }

  /** A bound as deli's messages write it: 1024 and 9999 plain, 10,000 and up in thousands. */
  public static String number(double n) {
    if (n == Math.rint(n) && Math.abs(n) < 1e18) {
      long l = (long) n;
      return Math.abs(l) < 10_000 ? Long.toString(l) : String.format(Locale.ROOT, "%,d", l);
    }
    return Double.toString(n);
  }
}
