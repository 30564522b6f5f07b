package deli.factor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * An immutable list of non-negative integers kept in one {@code long[]}: the numbers of a batch,
 * or the prime factors of one number. Compact where {@code List<Long>} would box every element.
 * A value beyond a long (GNU factor takes any size) is kept as a BigInteger beside the array,
 * which stays null while every value fits, so the common case costs nothing more. Serialized
 * as a plain JSON (or CBOR) array of numbers, the big ones with all their digits.
 */
@JsonSerialize(using = Numbers.Writer.class)
@JsonDeserialize(using = Numbers.Reader.class)
public final class Numbers {
  private static final Numbers EMPTY = new Numbers(new long[0], null);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final long[] values;
  /** Null, or one entry per value: the value where it is beyond a long, else null. */
  private final BigInteger[] big;

  private Numbers(long[] values, BigInteger[] big) {
    this.values = values;
    this.big = big;
  }

  /** A copy of {@code values}. */
  public static Numbers of(long... values) {
    return values.length == 0 ? EMPTY : new Numbers(values.clone(), null);
  }

  /** The values, each kept as a long where it fits. */
  public static Numbers ofBig(BigInteger... values) {
    Builder b = new Builder(values.length);
    for (BigInteger v : values) {
      b.add(v);
    }
    return b.build();
  }

  /** {@code values} itself, which the caller hands over and must not change afterwards. */
  static Numbers owning(long[] values) {
    return values.length == 0 ? EMPTY : new Numbers(values, null);
  }

  public int size() {
    return values.length;
  }

  public boolean isEmpty() {
    return values.length == 0;
  }

  /** Whether value {@code i} is beyond a long: then {@link #big} gives it, not {@link #get}. */
  public boolean isBig(int i) {
    return big != null && big[i] != null;
  }

  /** Whether every number can be factored (a peer may send anything): null, or why not. */
  public String whyNotFactorable() {
    int i = firstNegative();
    return i < 0 ? null : "number " + (i + 1) + " is " + big(i) + ": it is negative";
  }

  /** The index of the first negative value (a peer may send anything), or -1. */
  public int firstNegative() {
    for (int i = 0; i < values.length; i++) {
      if (isBig(i) ? big[i].signum() < 0 : values[i] < 0) {
        return i;
      }
    }
    return -1;
  }

  /** Whether some value is beyond a long. */
  public boolean anyBig() {
    return big != null;
  }

  /**
   * Value {@code i}, which must fit in a long.
   *
   * @throws ArithmeticException when it is beyond a long
   */
  public long get(int i) {
    if (isBig(i)) {
      throw new ArithmeticException(big[i] + " is beyond a long");
    }
    return values[i];
  }

  /** Value {@code i}, of any size. */
  public BigInteger big(int i) {
    return isBig(i) ? big[i] : BigInteger.valueOf(values[i]);
  }

  /** Appends value {@code i}'s decimal digits. */
  public StringBuilder appendTo(StringBuilder out, int i) {
    return isBig(i) ? out.append(big[i]) : out.append(values[i]);
  }

  /** The numbers from {@code from} (included) to {@code to} (excluded), copied. */
  public Numbers slice(int from, int to) {
    long[] v = Arrays.copyOfRange(values, from, to);
    if (big == null) {
      return owning(v);
    }
    BigInteger[] b = Arrays.copyOfRange(big, from, to);
    return new Numbers(v, Arrays.stream(b).anyMatch(x -> x != null) ? b : null);
  }

  /**
   * The values as longs.
   *
   * @throws ArithmeticException when one is beyond a long
   */
  public long[] toArray() {
    if (big != null) {
      throw new ArithmeticException("some numbers are beyond a long");
    }
    return values.clone();
  }

  /** The values as longs (see {@link #toArray}). */
  public LongStream stream() {
    return Arrays.stream(toArray());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Numbers other && Arrays.equals(values, other.values) && Arrays.equals(big, other.big);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(values) + Arrays.hashCode(big);
  }

  /** {@code [2, 2, 3]}, or {@code [n numbers]} when long, to keep traces short. */
  @Override
  public String toString() {
    if (values.length > 8) {
      return "[" + values.length + " numbers]";
    }
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      appendTo(i == 0 ? s : s.append(", "), i);
    }
    return s.append(']').toString();
  }

  /** Numbers added one at a time, longs where they fit. */
  public static final class Builder {
    private long[] values;
    private BigInteger[] big;
    private int size;

    public Builder(int capacity) {
      values = new long[Math.max(4, capacity)];
    }

    public Builder add(long value) {
      if (size == values.length) {
        grow();
      }
      values[size++] = value;
      return this;
    }

    public Builder add(BigInteger value) {
      if (value.signum() >= 0 && value.compareTo(LONG_MAX) <= 0) {
        return add(value.longValue());
      }
      if (size == values.length) {
        grow();
      }
      if (big == null) {
        big = new BigInteger[values.length];
      }
      big[size] = value;
      values[size++] = -1;
      return this;
    }

    public int size() {
      return size;
    }

    private void grow() {
      values = Arrays.copyOf(values, 2 * values.length);
      if (big != null) {
        big = Arrays.copyOf(big, values.length);
      }
    }

    public Numbers build() {
      if (size == 0) {
        return EMPTY;
      }
      return new Numbers(Arrays.copyOf(values, size), big == null ? null : Arrays.copyOf(big, size));
    }
  }

  /** A plain array of numbers: longs as today, the big ones as integers with every digit. */
  static final class Writer extends JsonSerializer<Numbers> {
    @Override
    public void serialize(Numbers n, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartArray(n, n.size());
      for (int i = 0; i < n.size(); i++) {
        if (n.isBig(i)) {
          gen.writeNumber(n.big[i]);
        } else {
          gen.writeNumber(n.values[i]);
        }
      }
      gen.writeEndArray();
    }
  }

  /** Reads what {@link Writer} writes, streaming: no tree, no boxing for the longs. */
  static final class Reader extends JsonDeserializer<Numbers> {
    @Override
    public Numbers deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (!p.isExpectedStartArrayToken()) {
        return (Numbers) ctx.handleUnexpectedToken(Numbers.class, p);
      }
      Builder b = new Builder(16);
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_NUMBER_INT) {
          return (Numbers) ctx.handleUnexpectedToken(Numbers.class, p);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          b.add(p.getBigIntegerValue());
        } else {
          b.add(p.getLongValue());
        }
      }
      return b.build();
    }
  }
}
