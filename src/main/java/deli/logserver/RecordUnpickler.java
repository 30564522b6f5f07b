package deli.logserver;

import deli.python.PyObjects;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 *   <li>a pickle that calls any Python callable or class outside the data types of
 *       {@link PickleTypes} ({@code os.system}, {@code builtins.eval}, ...) is refused, naming
 *       it; nothing is looked up. Pyrolite never executes anything; this makes the refusal say
 *       why, and keeps the values logging programs send as Python has them.
 * </ul>
 *
 * One instance per connection: it is not thread-safe.
 */
final class RecordUnpickler extends Unpickler {
  /** Python refuses to read ints of more decimal digits than this (sys.int_info). */
  static final int MAX_INT_DIGITS = 4300;

  private final PickleFrame frame = new PickleFrame();
  private final FastStack fast = new FastStack();

  /** The memo as an array (Pyrolite's is a HashMap of boxed ints: a sixth of the decoding time). */
  private Object[] memory = new Object[64];

  private int memoized;

  /** References to earlier objects in this pickle (memo gets, DUP): without any, nothing is shared. */
  private int shared;

  /** Reads one pickle from {@code bytes[from, to)}. */
  Object read(byte[] bytes, int from, int to) throws IOException {
    java.util.Arrays.fill(memory, 0, memoized, null);
    memoized = 0;
    shared = 0;
    frame.reset(bytes, from, to);
    return load(frame);
  }

  /** Pyrolite's loop, on {@link FastStack}. */
  @Override
  public Object load(InputStream in) throws IOException {
    fast.clear();
    stack = fast;
    input = in;
    while (true) {
      int key = in.read();
      if (key < 0) {
        throw new IOException("pickle data was truncated");
      }
      Object value = dispatch((short) key);
      if (value != NO_RETURN_VALUE) {
        return value;
      }
    }
  }

  private void memoPut(long index) throws IOException {
    if (index < 0 || index > frame.limit()) {
      throw new IOException("memo index " + index + " is out of range");
    }
    int i = (int) index;
    if (i >= memory.length) {
      // Equivalent mutant: growing by less than twice (never less than i + 1) only copies more often.
      memory = java.util.Arrays.copyOf(memory, Math.max(i + 1, memory.length * 2));
    }
    memory[i] = stack.peek();
    memoized = Math.max(memoized, i + 1);
  }

  /** Whether the last pickle read refers to an object more than once (a list repeating one, say). */
  boolean sharesObjects() {
    return shared > 0;
  }

  private Object memoGet(long index) throws IOException {
    shared++;
    if (index < 0 || index >= memoized || memory[(int) index] == null) {
      throw new IOException("Memo value not found at index " + index);
    }
    return memory[(int) index];
  }

  @Override
  protected Object dispatch(short key) throws PickleException, IOException {
    switch (key) {
      case '}' -> stack.add(new LinkedHashMap<>(32)); // a LogRecord has 20 to 30 keys
      case 'd' -> stack.add(dictOf(stack.pop_all_since_marker()));
      case 's' -> {
        Object value = stack.pop();
        Object k = stack.pop();
        mapOnTop().put(k, value);
      }
      case 'u' -> fast.setItems();
      case 'q' -> memoPut(frame.read());
      case 'r' -> memoPut(frame.uint32());
      case 'p' -> memoPut(Long.parseLong(frame.readLine().trim()));
      case 0x94 -> memoPut(memoized);
      case 'h' -> stack.add(memoGet(frame.read()));
      case 'j' -> stack.add(memoGet(frame.uint32()));
      case 'g' -> stack.add(memoGet(Long.parseLong(frame.readLine().trim())));
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
      case 0x8e -> {
        frame.claim(8);
        return super.dispatch(key);
      }
      case 0x96 -> { // protocol 5's BYTEARRAY8: a bytearray, not bytes
        frame.claim(8);
        super.dispatch(key);
        stack.add(new PyObjects.ByteArray((byte[]) stack.pop()));
      }
      case 'L' -> stack.add(frame.textLong());
      case 'I' -> stack.add(frame.textInt());
      case 'F' -> stack.add(pythonFloat(frame.readLine()));
      case 'c' -> stack.add(PickleTypes.global(frame.readLine(), frame.readLine()));
      case '2' -> { // DUP
        shared++;
        stack.add(stack.peek());
      }
      case 0x93 -> {
        Object name = stack.pop();
        Object module = stack.pop();
        if (!(module instanceof String) || !(name instanceof String)) {
          throw new PickleException("STACK_GLOBAL of something other than two str");
        }
        stack.add(PickleTypes.global((String) module, (String) name));
      }
      case 'R' -> {
        Object args = stack.pop();
        stack.add(PickleTypes.call(stack.pop(), args));
      }
      case 'i' -> {
        PyObjects.Global g = PickleTypes.global(frame.readLine(), frame.readLine());
        stack.add(PickleTypes.call(g, stack.pop_all_since_marker()));
      }
      case 'o' -> {
        List<Object> all = stack.pop_all_since_marker();
        if (all.isEmpty()) {
          throw new PickleException("OBJ with nothing to call");
        }
        stack.add(PickleTypes.call(all.get(0), all.subList(1, all.size())));
      }
      case 0x81 -> {
        Object args = stack.pop();
        stack.add(PickleTypes.newObject(stack.pop(), args));
      }
      case 0x92 -> {
        Object kwargs = stack.pop();
        Object args = stack.pop();
        if (!(kwargs instanceof Map<?, ?> k) || !k.isEmpty()) {
          throw new PickleException("NEWOBJ_EX with keyword arguments");
        }
        stack.add(PickleTypes.newObject(stack.pop(), args));
      }
      case 'b' -> {
        Object state = stack.pop();
        PickleTypes.build(stack.peek(), state);
      }
      case 0x8f -> stack.add(new PyObjects.Set(List.of(), false));
      case 0x90 -> {
        List<Object> items = stack.pop_all_since_marker();
        if (!(stack.peek() instanceof PyObjects.Set set)) {
          throw new PickleException("ADDITEMS on something other than a set");
        }
        set.addAll(items);
      }
      case 0x91 -> stack.add(new PyObjects.Set(stack.pop_all_since_marker(), true));
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
    if (items.size() % 2 != 0) {
      throw new PickleException("odd number of items for DICT");
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i += 2) {
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
}
