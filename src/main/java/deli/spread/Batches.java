package deli.spread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bookkeeping of one job spread over pools, with no actor in sight: its units cut into
 * batches, the batches waiting, those out at each pool (at most {@code window} per pool), and
 * which are answered. A batch is sent again when its pool is lost, fails it, or does not
 * answer in time, up to {@code attempts} sends; only the first answer for a batch is taken
 * and any later one dropped, so every unit is answered exactly once.
 *
 * @param <P> what a pool is (an actor ref; a name in tests)
 */
final class Batches<P> {
  /** A batch to send: its send id ({@code attempt << 32 | batch}), the pool, its units. */
  record Send<P>(long id, int batch, P pool, int from, int to) {}

  /**
   * The first answer to a batch, to be checked and then {@link #keep kept} or
   * {@link #refuse refused}; {@code pool} is null when the send had been given up on.
   */
  record Taken<P>(int batch, int from, int to, P pool) {}

  private record Out<P>(int batch, P pool) {}

  private final int units;
  private final int batchSize;
  private final int count;
  private final int window;
  private final int maxAttempts;
  private final boolean[] done;
  private final int[] attempts;
  private final ArrayDeque<Integer> queued = new ArrayDeque<>();
  private final Map<Long, Out<P>> out = new HashMap<>();
  private final Map<P, Integer> load = new HashMap<>();
  private final Map<P, Integer> answeredBy = new LinkedHashMap<>();
  // Where each batch sent again was last: another pool is tried first (it may be stuck).
  private final Map<Integer, P> lastAt = new HashMap<>();
  private int answered;
  private int next;

  /** {@code units} in batches of at most {@code batchSize}, and small enough that each of {@code pools} pools gets a full window. */
  Batches(int units, int pools, int batchSize, int window, int attempts) {
    this.units = units;
    long slots = (long) Math.max(1, pools) * window;
    this.batchSize = (int) Math.max(1, Math.min(batchSize, (units + slots - 1) / slots));
    this.count = (units + this.batchSize - 1) / this.batchSize;
    this.window = window;
    this.maxAttempts = attempts;
    this.done = new boolean[count];
    this.attempts = new int[count];
    for (int b = 0; b < count; b++) {
      queued.add(b);
    }
  }

  int batchSize() {
    return batchSize;
  }

  int count() {
    return count;
  }

  boolean hasQueued() {
    return !queued.isEmpty();
  }

  boolean complete() {
    return answered == count;
  }

  /** The batches each pool answered (those that counted). */
  Map<P, Integer> answeredBy() {
    return answeredBy;
  }

  /** Hands queued batches to the least loaded of {@code pools} while any has room in its window. */
  List<Send<P>> assign(List<P> pools) {
    List<Send<P>> sends = new ArrayList<>();
    while (!queued.isEmpty()) {
      int b = queued.peek();
      if (done[b]) {
        queued.poll();
        continue;
      }
      P pool = leastLoaded(pools, lastAt.get(b));
      if (pool == null) {
        break;
      }
      queued.poll();
      long id = ((long) ++attempts[b] << 32) | b;
      out.put(id, new Out<>(b, pool));
      load.merge(pool, 1, Integer::sum);
      sends.add(new Send<>(id, b, pool, from(b), to(b)));
    }
    return sends;
  }

  /** An answer to send {@code id}: its batch if that batch has no answer yet, else null (drop it). */
  Taken<P> take(long id) {
    Out<P> o = out.remove(id);
    if (o != null) {
      release(o.pool());
    }
    int b = (int) (id & 0xffffffffL);
    if (b >= count || done[b]) {
      return null;
    }
    return new Taken<>(b, from(b), to(b), o == null ? null : o.pool());
  }

  /** The taken answer counts: its batch is done. */
  void keep(Taken<P> t) {
    done[t.batch()] = true;
    answered++;
    if (t.pool() != null) {
      answeredBy.merge(t.pool(), 1, Integer::sum);
    }
  }

  /**
   * The taken answer does not count: its batch is queued again if {@code retry} and attempts
   * are left. Null, or why the job fails.
   */
  String refuse(Taken<P> t, String why, boolean retry) {
    if (!retry) {
      return why;
    }
    if (t.pool() == null) {
      return null;
    }
    lastAt.put(t.batch(), t.pool());
    return again(t.batch(), why);
  }

  /** Whether send {@code id} is out, waiting for its answer. */
  boolean isOut(long id) {
    return out.containsKey(id);
  }

  /** Send {@code id} got no answer in time: its batch is queued again. Null, or why the job fails. */
  String timedOut(long id, String why) {
    Out<P> o = out.remove(id);
    if (o == null) {
      return null; // that send was already answered or given up on
    }
    release(o.pool());
    lastAt.put(o.batch(), o.pool());
    return done[o.batch()] ? null : again(o.batch(), why);
  }

  /**
   * The sends out at pools no longer in {@code reachable}: each batch is queued again, ahead
   * of the others and lowest first, so that the answer is not held up by them.
   */
  List<Send<P>> lost(Collection<P> reachable) {
    Set<P> now = new HashSet<>(reachable);
    List<Long> ids = new ArrayList<>();
    out.forEach((id, o) -> {
      if (!now.contains(o.pool())) {
        ids.add(id);
      }
    });
    ids.sort(null);
    List<Send<P>> lost = new ArrayList<>();
    for (int i = ids.size() - 1; i >= 0; i--) {
      Out<P> o = out.remove(ids.get(i));
      if (!done[o.batch()]) {
        queued.addFirst(o.batch());
        lost.add(0, new Send<>(ids.get(i), o.batch(), o.pool(), from(o.batch()), to(o.batch())));
      }
    }
    load.keySet().retainAll(now);
    return lost;
  }

  /** The units of the first batch not answered ({@code {from, to}}), to name in a failure. */
  int[] firstMissing() {
    for (int b = 0; b < count; b++) {
      if (!done[b]) {
        return new int[] {from(b), to(b)};
      }
    }
    return new int[] {0, 0};
  }

  private int from(int b) {
    return b * batchSize;
  }

  private int to(int b) {
    return Math.min(units, (b + 1) * batchSize);
  }

  private String again(int b, String why) {
    if (attempts[b] >= maxAttempts) {
      return why + " (sent " + attempts[b] + " times)";
    }
    queued.addFirst(b);
    return null;
  }

  /** The least loaded of {@code pools} with room in its window, other than {@code avoid} if another has room. */
  private P leastLoaded(List<P> pools, P avoid) {
    P best = null;
    int bestLoad = window;
    boolean avoided = false;
    for (int i = 0; i < pools.size(); i++) {
      P p = pools.get((next + i) % pools.size());
      int l = load.getOrDefault(p, 0);
      if (p.equals(avoid)) {
        avoided = l < window;
        continue;
      }
      if (l < bestLoad) {
        best = p;
        bestLoad = l;
      }
    }
    next++;
    return best != null || !avoided ? best : avoid;
  }

  private void release(P pool) {
    load.computeIfPresent(pool, (p, l) -> l > 1 ? l - 1 : null);
  }
}
