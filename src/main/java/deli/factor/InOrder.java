package deli.factor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts results that arrive in any order back in sequence order (0, 1, 2, ...): each
 * {@link #put} returns the results whose turn has come. Pure; not thread-safe.
 */
final class InOrder<T> {
  private final Map<Long, T> early = new HashMap<>();
  private long next;

  /** Records result {@code seq} and returns, in order, every result now due. */
  List<T> put(long seq, T result) {
    if (seq < next || early.containsKey(seq)) {
      throw new IllegalArgumentException("result " + seq + " came twice");
    }
    if (seq != next) {
      early.put(seq, result);
      return List.of();
    }
    List<T> due = new ArrayList<>();
    due.add(result);
    next++;
    for (T t = early.remove(next); t != null; t = early.remove(next)) {
      due.add(t);
      next++;
    }
    return due;
  }

  /** Results held back, waiting for an earlier one. */
  int waiting() {
    return early.size();
  }
}
