package deli.logserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.UnpickleStack;

/**
 * Pyrolite's unpickling stack on a plain array, reused from one pickle to the next, with the
 * dict opcodes done in place: Pyrolite's SETITEMS copies the items since the mark into a list,
 * reverses it and puts them into a temporary HashMap first.
 */
final class FastStack extends UnpickleStack {
  private static final long serialVersionUID = 1L;

  private Object[] items = new Object[64];
  private int size;
  private int[] marks = new int[16];
  private int markCount;

  @Override
  public void add(Object o) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = o;
  }

  @Override
  public void add_mark() {
    if (markCount == marks.length) {
      marks = Arrays.copyOf(marks, markCount * 2);
    }
    marks[markCount++] = size;
    add(MARKER);
  }

  @Override
  public Object pop() {
    if (size == 0) {
      throw new PickleException("the pickle pops an empty stack");
    }
    Object o = items[--size];
    items[size] = null;
    return o;
  }

  @Override
  public List<Object> pop_all_since_marker() {
    int mark = mark();
    List<Object> result = new ArrayList<>(size - mark - 1);
    for (int i = mark + 1; i < size; i++) {
      result.add(items[i]);
    }
    truncate(mark);
    return result;
  }

  @Override
  public Object peek() {
    if (size == 0) {
      throw new PickleException("the pickle reads an empty stack");
    }
    return items[size - 1];
  }

  @Override
  public void trim() {
    // an array reused from pickle to pickle has nothing to trim
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public void clear() {
    truncate(0);
    markCount = 0;
  }

  /** SETITEMS: the key-value pairs since the mark go into the dict below it, in order. */
  void setItems() {
    int mark = mark();
    if (mark == 0 || !(items[mark - 1] instanceof Map)) {
      throw new PickleException("SETITEMS on something other than a dict");
    }
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) items[mark - 1];
    if ((size - mark - 1) % 2 != 0) {
      throw new PickleException("odd number of items for SETITEMS");
    }
    for (int i = mark + 1; i < size; i += 2) {
      map.put(items[i], items[i + 1]);
    }
    truncate(mark);
  }

  /** The topmost mark's position, taken off the marks. */
  private int mark() {
    while (markCount > 0) {
      int at = marks[--markCount];
      if (at < size && items[at] == MARKER) {
        return at;
      }
      // a mark popped without POP_MARK (by POP, say) is gone from the stack: skip it
    }
    throw new PickleException("the pickle has no mark on its stack");
  }

  /** Drops everything from {@code at} up. */
  private void truncate(int at) {
    Arrays.fill(items, at, size, null);
    size = at;
  }
}
