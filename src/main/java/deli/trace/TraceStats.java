package deli.trace;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a trace's spans add up to ({@code deli trace --stats}): per actor, messages in and out and
 * the mailbox wait and handling time (mean, p50, p99, max); per message type, counts; and the
 * critical path, the longest chain of causes from a root to its last consequence.
 */
public final class TraceStats {
  private TraceStats() {}

  /** One actor's figures; times in nanoseconds (NaN-free: zero when nothing was timed). */
  public record Actor(String actor, long in, long out, Times mailboxWait, Times handling) {}

  /** Mean, median, 99th percentile and maximum, in nanoseconds, over {@code count} samples. */
  public record Times(long count, long mean, long p50, long p99, long max) {
    static Times of(long[] values, int n) {
      if (n == 0) {
        return new Times(0, 0, 0, 0, 0);
      }
      long[] v = Arrays.copyOf(values, n);
      Arrays.sort(v);
      long sum = 0;
      for (long x : v) {
        sum += x;
      }
      return new Times(n, sum / n, v[(n - 1) / 2], v[(int) Math.ceil(n * 0.99) - 1], v[n - 1]);
    }
  }

  /** The longest chain of causes: its spans from the root, and its time from the root's start to the last one's end. */
  public record Path(List<TraceLine> spans, long nanos) {}

  /** The lines of the subtree under span {@code spanId} (itself included) of trace {@code traceId}. */
  public static List<TraceLine> subtree(List<TraceLine> lines, String traceId, String spanId) {
    Map<String, List<TraceLine>> children = new HashMap<>();
    TraceLine top = null;
    for (TraceLine l : lines) {
      if (!l.traceId().equals(traceId)) {
        continue;
      }
      if (l.spanId().equals(spanId)) {
        top = l;
      }
      if (!l.parentId().isEmpty()) {
        children.computeIfAbsent(l.parentId(), k -> new ArrayList<>()).add(l);
      }
    }
    List<TraceLine> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    if (top != null) {
      out.add(top);
    }
    todo.add(spanId);
    while (!todo.isEmpty()) {
      String s = todo.poll();
      if (!seen.add(s)) {
        continue;
      }
      for (TraceLine c : children.getOrDefault(s, List.of())) {
        out.add(c);
        todo.add(c.spanId());
      }
    }
    return out;
  }

  /** Per actor, in order of messages received (most first). */
  public static List<Actor> actors(List<TraceLine> lines) {
    Map<String, String> receiverOfSpan = new HashMap<>();
    for (TraceLine l : lines) {
      if (!l.spanId().isEmpty()) {
        receiverOfSpan.put(l.spanId(), key(l));
      }
    }
    Map<String, long[]> counts = new LinkedHashMap<>(); // in, out
    Map<String, LongList> waits = new HashMap<>();
    Map<String, LongList> tooks = new HashMap<>();
    for (TraceLine l : lines) {
      String a = key(l);
      counts.computeIfAbsent(a, k -> new long[2])[0]++;
      String sender = l.parentId().isEmpty() ? null : receiverOfSpan.get(l.parentId());
      if (sender != null) {
        counts.computeIfAbsent(sender, k -> new long[2])[1]++;
      }
      if (l.waitNanos() >= 0) {
        waits.computeIfAbsent(a, k -> new LongList()).add(l.waitNanos());
      }
      if (l.tookNanos() >= 0) {
        tooks.computeIfAbsent(a, k -> new LongList()).add(l.tookNanos());
      }
    }
    List<Actor> out = new ArrayList<>();
    counts.forEach((a, c) -> out.add(new Actor(a, c[0], c[1], times(waits.get(a)), times(tooks.get(a)))));
    out.sort(Comparator.comparingLong(Actor::in).reversed().thenComparing(Actor::actor));
    return out;
  }

  private static Times times(LongList l) {
    return l == null ? Times.of(new long[0], 0) : Times.of(l.values, l.size);
  }

  private static String key(TraceLine l) {
    return TraceDiagram.name(l.receiver(), l.node(), !"local".equals(l.node()));
  }

  /** Messages per type, most first. */
  public static Map<String, Long> types(List<TraceLine> lines) {
    Map<String, Long> counts = new HashMap<>();
    for (TraceLine l : lines) {
      counts.merge(l.type(), 1L, Long::sum);
    }
    Map<String, Long> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * The critical path: of all chains of causes (a root, a message it caused, one that caused, ...),
   * the one from whose root's start to whose last span's end is longest. Iterative: a dinner's
   * chain is a million spans deep.
   */
  public static Path criticalPath(List<TraceLine> lines) {
    List<TraceLine> spans = TraceExport.spans(lines);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < spans.size(); i++) {
      index.put(spans.get(i).spanId(), i);
    }
    int n = spans.size();
    int[] parent = new int[n];
    int[] childCount = new int[n];
    for (int i = 0; i < n; i++) {
      Integer p = spans.get(i).parentId().isEmpty() ? null : index.get(spans.get(i).parentId());
      parent[i] = p == null || p == i ? -1 : p;
      if (parent[i] >= 0) {
        childCount[parent[i]]++;
      }
    }
    // Latest end reachable from each span and the child it goes through: leaves first, then up.
    long[] latest = new long[n];
    int[] via = new int[n];
    Arrays.fill(via, -1);
    Deque<Integer> ready = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      latest[i] = nanos(spans.get(i).end());
      if (childCount[i] == 0) {
        ready.add(i);
      }
    }
    while (!ready.isEmpty()) {
      int i = ready.poll();
      int p = parent[i];
      if (p < 0) {
        continue;
      }
      if (latest[i] > latest[p] || (via[p] < 0 && latest[i] == latest[p])) {
        latest[p] = latest[i];
        via[p] = i;
      }
      if (--childCount[p] == 0) {
        ready.add(p);
      }
    }
    int best = -1;
    long bestNanos = -1;
    for (int i = 0; i < n; i++) {
      if (parent[i] < 0) {
        long d = latest[i] - nanos(spans.get(i).sent());
        if (d > bestNanos) {
          bestNanos = d;
          best = i;
        }
      }
    }
    List<TraceLine> path = new ArrayList<>();
    for (int i = best; i >= 0 && path.size() <= n; i = via[i]) {
      path.add(spans.get(i));
    }
    return new Path(path, Math.max(0, bestNanos));
  }

  private static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  /** The report {@code deli trace --stats} prints. */
  public static String report(String traceId, List<TraceLine> lines) {
    StringBuilder b = new StringBuilder();
    b.append("trace ").append(traceId).append(": ").append(lines.size()).append(" messages\n\n");
    List<Actor> actors = actors(lines);
    Map<String, Long> types = types(lines);
    // As wide as the longest name: a cluster's actors carry their node (name@host:port).
    int w = 32;
    for (Actor a : actors) {
      w = Math.max(w, a.actor().length());
    }
    for (String t : types.keySet()) {
      w = Math.max(w, t.length());
    }
    String row = "%-" + w + "s %9s %9s  %-31s  %s%n";
    b.append(String.format(Locale.ROOT, row, "actor", "in", "out", "mailbox wait mean/p50/p99/max", "handling mean/p50/p99/max"));
    for (Actor a : actors) {
      b.append(String.format(Locale.ROOT, row, a.actor(), a.in(), a.out(), times(a.mailboxWait()), times(a.handling())));
    }
    b.append("\n").append(String.format(Locale.ROOT, "%-" + w + "s %9s%n", "message type", "count"));
    for (Map.Entry<String, Long> e : types.entrySet()) {
      b.append(String.format(Locale.ROOT, "%-" + w + "s %9d%n", e.getKey(), e.getValue()));
    }
    Path p = criticalPath(lines);
    if (!p.spans().isEmpty()) {
      b.append("\ncritical path: ").append(p.spans().size()).append(" messages, ").append(duration(p.nanos())).append('\n');
      List<TraceLine> s = p.spans();
      java.time.Instant start = s.get(0).sent();
      for (int i = 0; i < s.size(); i++) {
        if (s.size() > 12 && i == 8) {
          b.append("  ... ").append(s.size() - 12).append(" more\n");
          i = s.size() - 4;
        }
        TraceLine l = s.get(i);
        b.append(String.format(Locale.ROOT, "  +%-10s %-24s -> %s%n",
            duration(nanos(l.time()) - nanos(start)), l.type(), key(l)));
      }
    }
    return b.toString();
  }

  private static String times(Times t) {
    if (t.count() == 0) {
      return "-";
    }
    return duration(t.mean()) + "/" + duration(t.p50()) + "/" + duration(t.p99()) + "/" + duration(t.max());
  }

  /** {@code 850ns}, {@code 12.3us}, {@code 4.56ms}, {@code 1.234s}. */
  static String duration(long nanos) {
    if (nanos < 1_000) {
      return nanos + "ns";
    }
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.2fms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.3fs", nanos / 1e9);
  }

  /** A growable array of longs: a million timings without boxing. */
  private static final class LongList {
    long[] values = new long[16];
    int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }
  }
}
