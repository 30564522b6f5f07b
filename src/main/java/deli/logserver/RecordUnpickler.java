package deli.logserver;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Pyrolite's unpickler, made fit for pickles from strangers:
 *
 * <ul>
 *   <li>dicts keep their keys in the order the pickle set them, as Python's do (Pyrolite's
 *       {@code HashMap} would shuffle them);
 *   <li>strings are read as Python reads them: strict UTF-8 that lets lone surrogates through
 *       ({@code surrogatepass}), so invalid bytes are an error, not a silent U+FFFD;
 *   <li>no length prefix may claim more bytes than the frame holds (Pyrolite would allocate
 *       the claimed size first: a 10-byte frame could ask for 2 GB);
 *   <li>text ints longer than Python's own limit (4300 digits) are refused, as Python does;
 *   <li>a pickle that names any Python callable or class outside a few plain data types
 *       ({@code os.system}, {@code builtins.eval}, ...) is refused before anything is looked
 *       up. Pyrolite never executes anything; this makes the refusal say why.
 * </ul>
 *
 * One instance per connection: it is not thread-safe.
 */
final class RecordUnpickler extends Unpickler {
  /** The globals a log record may carry: values Pyrolite turns into plain data. */
  private static final Set<String> SAFE_GLOBALS =
      Set.of(
          "datetime.datetime",
          "datetime.date",
          "datetime.time",
          "datetime.timedelta",
          "decimal.Decimal",
          "builtins.set",
          "builtins.frozenset",
          "builtins.bytearray",
          "builtins.complex",
          "__builtin__.set",
          "__builtin__.frozenset",
          "__builtin__.bytearray",
          "__builtin__.complex");

  /** Python refuses to read ints of more decimal digits than this (sys.int_info). */
  static final int MAX_INT_DIGITS = 4300;

  private final FrameInput frame = new FrameInput();

  /** Reads one pickle from {@code bytes[from, to)}. */
  Object read(byte[] bytes, int from, int to) throws IOException {
    memo.clear();
    frame.reset(bytes, from, to);
    return load(frame);
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case '}' -> stack.add(new LinkedHashMap<>());
      case 'd' -> stack.add(dictOf(stack.pop_all_since_marker()));
      case 's' -> {
        Object value = stack.pop();
        Object k = stack.pop();
        mapOnTop().put(k, value);
      }
      case 'u' -> {
        List<Object> items = stack.pop_all_since_marker();
        Map<Object, Object> map = mapOnTop();
        for (int i = 0; i + 1 < items.size(); i += 2) {
          map.put(items.get(i), items.get(i + 1));
        }
      }
      case 'X' -> stack.add(frame.utf8(frame.length(4)));
      case 0x8c -> stack.add(frame.utf8(frame.length(1)));
      case 0x8d -> stack.add(frame.utf8(frame.length(8)));
      case 'T', 'B' -> {
        frame.claim(4);
        return super.dispatch(key);
      }
      case 0x8b -> {
        frame.claim(4);
        return super.dispatch(key);
      }
      case 0x8e, 0x96 -> {
        frame.claim(8);
        return super.dispatch(key);
      }
      case 'I', 'L' -> {
        if (frame.lineLength() > MAX_INT_DIGITS + 3) {
          throw new BadInput(BadInput.Reason.NOT_PICKLE, "an int of more than " + MAX_INT_DIGITS + " digits, which Python refuses");
        }
        return super.dispatch(key);
      }
      case 'F' -> stack.add(pythonFloat(frame.readLine()));
      case 'c', 'i' -> {
        refuseUnsafe(frame.peekLine(0), frame.peekLine(1));
        return super.dispatch(key);
      }
      case 0x93 -> {
        Object name = stack.pop();
        Object module = stack.pop();
        refuseUnsafe(String.valueOf(module), String.valueOf(name));
        stack.add(module);
        stack.add(name);
        return super.dispatch(key);
      }
      default -> {
        return super.dispatch(key);
      }
    }
    return NO_RETURN_VALUE;
  }

  /** Python's float() of a protocol-0 float: Java's parser plus inf, -inf and nan. */
  private static Double pythonFloat(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
    double sign = t.startsWith("-") ? -1 : 1;
    if (body.equals("inf") || body.equals("infinity")) {
      return sign * Double.POSITIVE_INFINITY;
    }
    if (body.equals("nan")) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new net.razorvine.pickle.PickleException("could not convert string to float: '" + text + "'");
    }
  }

  private static Map<Object, Object> dictOf(List<Object> items) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < items.size(); i += 2) {
      map.put(items.get(i), items.get(i + 1));
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> mapOnTop() {
    if (stack.size() == 0 || !(stack.peek() instanceof Map)) {
      throw new PickleException("SETITEM on something other than a dict");
    }
    return (Map<Object, Object>) stack.peek();
  }

  private static void refuseUnsafe(String module, String name) {
    String global = module + "." + name;
    if (!SAFE_GLOBALS.contains(global)) {
      throw new BadInput(BadInput.Reason.UNSAFE, "the pickle calls " + global + ", which a log record never does");
    }
  }

  /**
   * The frame as Pyrolite reads it: an unsynchronised stream over an array (the JDK's
   * {@code ByteArrayInputStream} locks on every byte), with the checks above.
   */
  static final class FrameInput extends InputStream {
    private byte[] bytes;
    private int pos;
    private int limit;

    void reset(byte[] b, int from, int to) {
      bytes = b;
      pos = from;
      limit = to;
    }

    @Override
    public int read() {
      return pos < limit ? bytes[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      int n = Math.min(len, limit - pos);
      if (n <= 0) {
        return -1;
      }
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return limit - pos;
    }

    /** Reads a little-endian length of {@code size} bytes and checks the frame holds that much. */
    int length(int size) throws IOException {
      if (limit - pos < size) {
        throw new IOException("pickle data was truncated");
      }
      long n = 0;
      for (int i = 0; i < size; i++) {
        n |= (long) (bytes[pos + i] & 0xff) << (8 * i);
      }
      pos += size;
      if (n < 0 || n > limit - pos) {
        throw new IOException("pickle data was truncated (a length of " + Long.toUnsignedString(n) + " bytes)");
      }
      return (int) n;
    }

    /** Checks, without reading it, that the length prefix ahead claims no more than the frame holds. */
    void claim(int size) throws IOException {
      int at = pos;
      length(size);
      pos = at;
    }

    /** The bytes up to the next newline, not counting it (the text opcodes' argument). */
    int lineLength() {
      int i = pos;
      while (i < limit && bytes[i] != '\n') {
        i++;
      }
      return i - pos;
    }

    /** Reads up to the next newline (consumed, not returned), as ASCII. */
    String readLine() {
      int n = lineLength();
      String s = new String(bytes, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
      pos = Math.min(limit, pos + n + 1);
      return s;
    }

    /** The {@code index}-th line ahead, as ASCII, without reading it. */
    String peekLine(int index) {
      int start = pos;
      for (int skip = 0; skip < index; skip++) {
        while (start < limit && bytes[start] != '\n') {
          start++;
        }
        start++;
      }
      int end = Math.min(start, limit);
      while (end < limit && bytes[end] != '\n') {
        end++;
      }
      return start >= limit ? "" : new String(bytes, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code n} bytes as Python does with 'utf-8', 'surrogatepass'. */
    String utf8(int n) throws IOException {
      int end = pos + n;
      boolean ascii = true;
      for (int i = pos; i < end; i++) {
        if (bytes[i] < 0) {
          ascii = false;
          break;
        }
      }
      String s;
      if (ascii) {
        s = new String(bytes, pos, n, java.nio.charset.StandardCharsets.ISO_8859_1);
      } else {
        s = Utf8.decode(bytes, pos, end);
      }
      pos = end;
      return s;
    }
  }
}
