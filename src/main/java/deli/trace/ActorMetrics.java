package deli.trace;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Always-on counters per actor class: messages handled, mailbox wait and handling time, kept by
 * every actor {@link Tracing} wraps, whether tracing is on or not, and read with
 * {@link #snapshot()} ({@code GET /metrics}, the live page).
 *
 * <p>Counting costs a plain store per message in the actor's own counters; no lock, no shared
 * atomic. Timings are sampled to stay that cheap, since a clock read costs as much as handling a
 * small message: an actor times the first message it handles in each 10 ms tick, and a thread
 * stamps the first message it sends in each tick with the time it was sent, so that its receiver
 * times its mailbox wait and its handling too. An actor that handles a few messages a second has
 * them all timed; one that handles a million, a few hundred. Counts are exact; sums and maxima
 * are over the timed messages, so a mean is {@code handlingNanos / timed}.
 */
public final class ActorMetrics {
  private static final ConcurrentHashMap<String, ClassCounters> CLASSES = new ConcurrentHashMap<>();

  private ActorMetrics() {}

  /**
   * What the actors of one class did since the node started.
   *
   * @param actorClass the actor's class, as {@code package.Class} under {@code deli} (say
   *     {@code philosophers.Fork}): the class its protocol is nested in
   * @param actors how many of them are alive now
   * @param handled messages handled (all of them)
   * @param waited messages whose mailbox wait was measured (those stamped when sent)
   * @param waitNanos their total mailbox wait, from send to the start of handling
   * @param maxWaitNanos the longest of those waits
   * @param timed messages whose handling was timed
   * @param handlingNanos their total handling time
   * @param maxHandlingNanos the longest of those handlings
   */
  public record ClassStats(
      String actorClass,
      int actors,
      long handled,
      long waited,
      long waitNanos,
      long maxWaitNanos,
      long timed,
      long handlingNanos,
      long maxHandlingNanos) {}

  /** Every actor class seen so far, by name. */
  public static List<ClassStats> snapshot() {
    List<ClassStats> out = new ArrayList<>();
    for (ClassCounters c : CLASSES.values()) {
      out.add(c.stats());
    }
    out.sort(Comparator.comparing(ClassStats::actorClass));
    return out;
  }

  /** The name counters go under for an actor speaking {@code protocol}: the class it is nested in. */
  static String classOf(Class<?> protocol) {
    Class<?> c = protocol;
    while (c.getEnclosingClass() != null) {
      c = c.getEnclosingClass();
    }
    String name = c.getName();
    return name.startsWith("deli.") ? name.substring("deli.".length()) : name;
  }

  /** Counters for a new actor of {@code actorClass}, counted until {@link #retire}. */
  static ActorCounters register(String actorClass) {
    ClassCounters c = CLASSES.computeIfAbsent(actorClass, ClassCounters::new);
    ActorCounters a = new ActorCounters(c);
    c.live.add(a);
    return a;
  }

  /** The actor stopped (or restarts with fresh counters): what it counted stays in its class. */
  static void retire(ActorCounters a) {
    a.owner.retire(a);
  }

  /** One actor class: the actors alive now, and the sums of those that stopped. */
  static final class ClassCounters {
    final String name;
    final Set<ActorCounters> live = ConcurrentHashMap.newKeySet();
    private final long[] retired = new long[7];

    ClassCounters(String name) {
      this.name = name;
    }

    synchronized void retire(ActorCounters a) {
      if (live.remove(a)) {
        a.addTo(retired);
      }
    }

    synchronized ClassStats stats() {
      long[] sum = retired.clone();
      int actors = 0;
      for (ActorCounters a : live) {
        a.addTo(sum);
        actors++;
      }
      return new ClassStats(name, actors, sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6]);
    }
  }
}
