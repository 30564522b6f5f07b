package deli.cluster;

import deli.factor.Numbers;
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
 * The bookkeeping of one factor job spread over pools, with no actor in sight: the numbers cut
 * into batches, the batches waiting, those out at each pool (at most {@code window} per pool),
 * the answers in request order. A batch is sent again when its pool is lost, fails it, or does
 * not answer in time, up to {@code attempts} sends; the first answer for a batch is kept and
 * any later one dropped, so every number is answered exactly once.
 *
 * @param <P> what a pool is (an actor ref; a name in tests)
 */
final class Batches<P> {
  /** A batch to send: its send id ({@code attempt << 32 | batch}), the pool, the numbers. */
  record Send<P>(long id, int batch, P pool, Numbers numbers) {}

  private record Out<P>(int batch, P pool) {}

  private final Numbers numbers;
  private final int batchSize;
  private final int count;
  private final int window;
  private final int maxAttempts;
  private final Numbers[] results;
  private final boolean[] done;
  private final int[] attempts;
  private final ArrayDeque<Integer> queued = new ArrayDeque<>();
  private final Map<Long, Out<P>> out = new HashMap<>();
  private final Map<P, Integer> load = new HashMap<>();
  private final Map<P, Integer> answeredBy = new LinkedHashMap<>();
  private int answered;
  private int next;

  /**
   * {@code numbers} in batches of at most {@code batchSize}, and small enough that each of
   * {@code pools} pools gets a full window.
   */
  Batches(Numbers numbers, int pools, int batchSize, int window, int attempts) {
    this.numbers = numbers;
    long slots = (long) Math.max(1, pools) * window;
    this.batchSize = (int) Math.max(1, Math.min(batchSize, (numbers.size() + slots - 1) / slots));
    this.count = (numbers.size() + this.batchSize - 1) / this.batchSize;
    this.window = window;
    this.maxAttempts = attempts;
    this.results = new Numbers[numbers.size()];
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

  /** Every number's factors, in request order, once {@link #complete}. */
  List<Numbers> results() {
    return List.of(results);
  }

  /** The batches each pool answered (those that counted). */
  Map<P, Integer> answeredBy() {
    return answeredBy;
  }

  /** Hands queued batches to the least loaded of {@code pools} while any has room in its window. */
  List<Send<P>> assign(List<P> pools) {
    List<Send<P>> sends = new ArrayList<>();
    while (!queued.isEmpty()) {
      P pool = leastLoaded(pools);
      if (pool == null) {
        break;
      }
      int b = queued.poll();
      if (done[b]) {
        continue;
      }
      long id = ((long) ++attempts[b] << 32) | b;
      out.put(id, new Out<>(b, pool));
      load.merge(pool, 1, Integer::sum);
      int from = b * batchSize;
      sends.add(new Send<>(id, b, pool, numbers.slice(from, Math.min(numbers.size(), from + batchSize))));
    }
    return sends;
  }

  /**
   * An answer to send {@code id}: kept if its batch has none yet. Null, or why the job fails:
   * an answer of the wrong size counts as a failure of that send.
   */
  String factored(long id, List<Numbers> factors) {
    Out<P> o = out.remove(id);
    if (o != null) {
      release(o.pool());
    }
    int b = batchOf(id);
    if (b < 0 || done[b]) {
      return null;
    }
    int from = b * batchSize;
    if (factors.size() != Math.min(batchSize, numbers.size() - from)) {
      return o == null ? null : again(b, "a pool answered " + factors.size() + " numbers for a batch of " + (Math.min(batchSize, numbers.size() - from)));
    }
    for (int i = 0; i < factors.size(); i++) {
      results[from + i] = factors.get(i);
    }
    done[b] = true;
    answered++;
    if (o != null) {
      answeredBy.merge(o.pool(), 1, Integer::sum);
    }
    return null;
  }

  /** Send {@code id} failed or got no answer in time: its batch is queued again. Null, or why the job fails. */
  String failed(long id, String why) {
    Out<P> o = out.remove(id);
    if (o == null) {
      return null; // that send was already given up on
    }
    release(o.pool());
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
        lost.add(0, new Send<>(ids.get(i), o.batch(), o.pool(), null));
      }
    }
    load.keySet().retainAll(now);
    return lost;
  }

  /** {@code numbers A to B}: the first batch not answered, to name in a failure. */
  String firstMissing() {
    for (int b = 0; b < count; b++) {
      if (!done[b]) {
        long first = (long) b * batchSize + 1;
        return "numbers " + first + " to " + Math.min(numbers.size(), first + batchSize - 1);
      }
    }
    return "no numbers";
  }

  private String again(int b, String why) {
    if (attempts[b] >= maxAttempts) {
      return why + " (sent " + attempts[b] + " times)";
    }
    queued.addFirst(b);
    return null;
  }

  private int batchOf(long id) {
    int b = (int) (id & 0xffffffffL);
    return b < count ? b : -1;
  }

  private P leastLoaded(List<P> pools) {
    P best = null;
    int bestLoad = window;
    for (int i = 0; i < pools.size(); i++) {
      P p = pools.get((next + i) % pools.size());
      int l = load.getOrDefault(p, 0);
      if (l < bestLoad) {
        best = p;
        bestLoad = l;
      }
    }
    next++;
    return best;
  }

  private void release(P pool) {
    load.computeIfPresent(pool, (p, l) -> l > 1 ? l - 1 : null);
  }
}
