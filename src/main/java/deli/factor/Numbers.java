package deli.factor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * An immutable list of longs kept in one {@code long[]}: the numbers of a batch, or the prime
 * factors of one number. Compact where {@code List<Long>} would box every element, and
 * serialized as a plain JSON (or CBOR) array.
 */
public final class Numbers {
  private static final Numbers EMPTY = new Numbers(new long[0]);

  private final long[] values;

  private Numbers(long[] values) {
    this.values = values;
  }

  /** A copy of {@code values}. */
  public static Numbers of(long... values) {
    return values.length == 0 ? EMPTY : new Numbers(values.clone());
  }

  /** {@code values} itself, which the caller hands over and must not change afterwards. */
  static Numbers owning(long[] values) {
    return values.length == 0 ? EMPTY : new Numbers(values);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Numbers fromJson(long[] values) {
    return owning(values);
  }

  @JsonValue
  private long[] json() {
    return values;
  }

  public int size() {
    return values.length;
  }

  public boolean isEmpty() {
    return values.length == 0;
  }

  public long get(int i) {
    return values[i];
  }

  /** The numbers from {@code from} (included) to {@code to} (excluded), copied. */
  public Numbers slice(int from, int to) {
    return owning(Arrays.copyOfRange(values, from, to));
  }

  public long[] toArray() {
    return values.clone();
  }

  public LongStream stream() {
    return Arrays.stream(values);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Numbers other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  /** {@code [2, 2, 3]}, or {@code [n numbers]} when long, to keep traces short. */
  @Override
  public String toString() {
    return values.length <= 8 ? Arrays.toString(values) : "[" + values.length + " numbers]";
  }
}
