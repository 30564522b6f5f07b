package deli.factor;

import deli.python.PythonRandom;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where {@code deli factor}'s numbers come from (arguments, a file or stdin, or seeded random
 * draws), read a chunk at a time, each token checked: a bad one becomes an error message for
 * its line and reading goes on. Reading a stream blocks: do it on the blocking dispatcher.
 */
public abstract class NumberSource implements Closeable {
  /** What a number must be, for the error messages. */
  static final String RANGE = "deli factors 2 to " + Factoring.MAX;

  /**
   * Up to {@code max} numbers in input order, the errors met among them, whether the input is
   * over, and how much of it has been read (0 to 1; -1 when unknown).
   */
  public record Chunk(Numbers numbers, List<String> errors, boolean last, double fraction) {
    public Chunk {
      errors = List.copyOf(errors);
    }
  }

  /** The next chunk of at most {@code max} numbers and errors. */
  public abstract Chunk next(int max) throws IOException;

  @Override
  public void close() throws IOException {}

  /**
   * The number a token stands for, written as GNU {@code factor} accepts it (digits, an
   * optional {@code +}).
   *
   * @throws IllegalArgumentException with a message for the user when it is not 2 to 2⁶³-1
   */
  public static long parse(String token) {
    int start = token.startsWith("+") ? 1 : 0;
    if (start == token.length()) {
      throw new IllegalArgumentException("'" + token + "' is not a positive integer");
    }
    long value = 0;
    boolean overflow = false;
    for (int i = start; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("'" + token + "' is not a positive integer");
      }
      int digit = c - '0';
      if (overflow || value > (Long.MAX_VALUE - digit) / 10) {
        overflow = true;
      } else {
        value = value * 10 + digit;
      }
    }
    if (overflow) {
      throw new IllegalArgumentException(token.substring(start).replaceFirst("^0+", "") + " is too large: " + RANGE);
    }
    if (value < 2) {
      throw new IllegalArgumentException(value + " has no prime factors: " + RANGE);
    }
    return value;
  }

  /** The command line's numbers; a bad one is named as it was given. */
  public static NumberSource ofArguments(List<String> args) {
    List<String> tokens = List.copyOf(args);
    return new NumberSource() {
      private int i;

      @Override
      public Chunk next(int max) {
        long[] numbers = new long[Math.min(max, tokens.size() - i)];
        int n = 0;
        List<String> errors = new ArrayList<>();
        while (i < tokens.size() && n + errors.size() < max) {
          try {
            numbers[n] = parse(tokens.get(i));
            n++;
          } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
          }
          i++;
        }
        boolean last = i == tokens.size();
        return new Chunk(Numbers.owning(Arrays.copyOf(numbers, n)), errors, last, tokens.isEmpty() ? 1 : (double) i / tokens.size());
      }
    };
  }

  /**
   * {@code count} numbers drawn uniformly from [low, high] as CPython's
   * {@code random.randint} draws them after {@code random.seed(seed)}.
   */
  public static NumberSource random(long count, long seed, long low, long high) {
    PythonRandom random = new PythonRandom(seed);
    return new NumberSource() {
      private long drawn;

      @Override
      public Chunk next(int max) {
        int n = (int) Math.min(max, count - drawn);
        long[] numbers = new long[n];
        for (int i = 0; i < n; i++) {
          numbers[i] = random.randint(low, high);
        }
        drawn += n;
        return new Chunk(Numbers.owning(numbers), List.of(), drawn == count, count == 0 ? 1 : (double) drawn / count);
      }
    };
  }

  /**
   * Whitespace-separated numbers from {@code in}, any number per line, as GNU {@code factor}
   * reads them; an empty line is an error. Errors are named {@code name:line}. {@code size}
   * (bytes; 0 when unknown) gives the fraction read.
   */
  public static NumberSource ofStream(InputStream in, String name, long size) {
    CountingStream counted = new CountingStream(in);
    BufferedReader reader = new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    return new NumberSource() {
      private long line;
      private String pending; // a line cut by the end of the last chunk
      private int pendingAt;
      private boolean done;

      @Override
      public Chunk next(int max) throws IOException {
        long[] numbers = new long[max];
        int n = 0;
        List<String> errors = new ArrayList<>();
        while (!done && n + errors.size() < max) {
          if (pending == null) {
            pending = reader.readLine();
            pendingAt = 0;
            if (pending == null) {
              done = true;
              break;
            }
            line++;
            if (pending.isBlank()) {
              errors.add(name + ":" + line + ": empty line");
              pending = null;
              continue;
            }
          }
          // The line's tokens, as many as the chunk still takes.
          String s = pending;
          int i = pendingAt;
          while (n + errors.size() < max) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
              i++;
            }
            if (i == s.length()) {
              break;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
              i++;
            }
            String token = s.substring(start, i);
            try {
              numbers[n] = parse(token);
              n++;
            } catch (IllegalArgumentException e) {
              errors.add(name + ":" + line + ": " + e.getMessage());
            }
          }
          pendingAt = i;
          while (pendingAt < s.length() && Character.isWhitespace(s.charAt(pendingAt))) {
            pendingAt++;
          }
          if (pendingAt == s.length()) {
            pending = null;
          }
        }
        double fraction = done ? 1 : size > 0 ? Math.min(1, (double) counted.count / size) : -1;
        return new Chunk(Numbers.owning(Arrays.copyOf(numbers, n)), errors, done, fraction);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }

  /** Counts the bytes read through it, for progress. */
  private static final class CountingStream extends FilterInputStream {
    volatile long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
