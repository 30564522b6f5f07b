package deli.factor;

import deli.python.PythonRandom;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
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
  /**
   * Up to {@code max} numbers in input order, the errors met among them, whether the input is
   * over, and how much of it has been read (0 to 1; -1 when unknown).
   */
  public record Chunk(Numbers numbers, List<String> errors, boolean last, double fraction) {
    public Chunk {
      errors = List.copyOf(errors);
    }
  }

  /** Digits beyond this many may not fit in a long. */
  private static final int LONG_DIGITS = 18;

  /** The next chunk of at most {@code max} numbers and errors. */
  public abstract Chunk next(int max) throws IOException;

  @Override
  public void close() throws IOException {}

  /**
   * Adds the number {@code token} stands for to {@code out}, when it is written as GNU
   * {@code factor} accepts one: spaces, an optional {@code +}, then digits only (any count, 0
   * and 1 included).
   *
   * @return false, adding nothing, when it is not such a number
   */
  public static boolean parseInto(String token, Numbers.Builder out) {
    int i = 0;
    while (i < token.length() && token.charAt(i) == ' ') {
      i++;
    }
    if (i < token.length() && token.charAt(i) == '+') {
      i++;
    }
    if (i == token.length()) {
      return false;
    }
    for (int j = i; j < token.length(); j++) {
      char c = token.charAt(j);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    if (token.length() - i <= LONG_DIGITS) {
      out.add(Long.parseLong(token, i, token.length(), 10));
    } else {
      out.add(new BigInteger(token.substring(i)));
    }
    return true;
  }

  /** GNU factor's line for a token it refuses, quoted as GNU quotes it in a UTF-8 locale. */
  public static String refusal(String token) {
    byte[] bytes = token.getBytes(StandardCharsets.UTF_8);
    return refusal(bytes, 0, bytes.length);
  }

  static String refusal(byte[] bytes, int from, int to) {
    return "\u2018" + GnuQuote.escape(bytes, from, to) + "\u2019 is not a valid positive integer";
  }

  /** The command line's numbers; a bad one is named as it was given. */
  public static NumberSource ofArguments(List<String> args) {
    List<String> tokens = List.copyOf(args);
    return new NumberSource() {
      private int i;

      @Override
      public Chunk next(int max) {
        Numbers.Builder numbers = new Numbers.Builder(Math.min(max, tokens.size() - i));
        List<String> errors = new ArrayList<>();
        while (i < tokens.size() && numbers.size() + errors.size() < max) {
          if (!parseInto(tokens.get(i), numbers)) {
            errors.add(refusal(tokens.get(i)));
          }
          i++;
        }
        boolean last = i == tokens.size();
        return new Chunk(numbers.build(), errors, last, tokens.isEmpty() ? 1 : (double) i / tokens.size());
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
   * Numbers from {@code in} as GNU {@code factor} reads them: tokens separated by spaces, tabs
   * and newlines (blank lines are nothing), each a number or an error. {@code size} (bytes; 0
   * when unknown) gives the fraction read. The bytes are read as they are, so that a bad token
   * is quoted byte for byte as GNU quotes it.
   */
  public static NumberSource ofStream(InputStream in, long size) {
    return new NumberSource() {
      private final byte[] buffer = new byte[1 << 16];
      private int at;
      private int end;
      private long read;
      private byte[] token = new byte[64];
      private boolean done;

      @Override
      public Chunk next(int max) throws IOException {
        Numbers.Builder numbers = new Numbers.Builder(max);
        List<String> errors = new ArrayList<>();
        int length = 0;
        while (!done && numbers.size() + errors.size() < max) {
          if (at == end) {
            end = in.read(buffer);
            at = 0;
            if (end < 0) {
              done = true;
              end = 0;
              if (length > 0) {
                token(length, numbers, errors);
              }
              break;
            }
            read += end;
          }
          byte b = buffer[at++];
          if (b == ' ' || b == '\n' || b == '\t') {
            if (length > 0) {
              token(length, numbers, errors);
              length = 0;
            }
          } else {
            if (length == token.length) {
              token = Arrays.copyOf(token, 2 * length);
            }
            token[length++] = b;
          }
        }
        // A chunk fills up only as a token ends (length is 0 then): none is ever cut in two.
        double fraction = done ? 1 : size > 0 ? Math.min(1, (double) read / size) : -1;
        return new Chunk(numbers.build(), errors, done, fraction);
      }

      /** The token in token[0, length): digits (a long when 18 or fewer), or an error. */
      private void token(int length, Numbers.Builder numbers, List<String> errors) {
        int i = token[0] == '+' ? 1 : 0;
        boolean digits = i < length;
        long value = 0;
        for (int j = i; j < length && digits; j++) {
          int d = token[j] - '0';
          digits = d >= 0 && d <= 9;
          value = value * 10 + d;
        }
        if (!digits) {
          errors.add(refusal(token, 0, length));
        } else if (length - i <= LONG_DIGITS) {
          numbers.add(value);
        } else {
          numbers.add(new BigInteger(new String(token, i, length - i, StandardCharsets.US_ASCII)));
        }
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

}
