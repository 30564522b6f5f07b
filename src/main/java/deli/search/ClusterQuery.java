package deli.search;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One query over a cluster: sends it to every ready shard of every node, gathers their matches
 * (one per slice: during a handover two shards may hold the same slice), and answers with the
 * merged matches and the parts of each known tree that no shard answered for. A shard that
 * stops, or whose node becomes unreachable, is not waited for: the query answers without it
 * rather than at the timeout.
 */
final class ClusterQuery extends AbstractBehavior<ClusterQuery.Command> {
  interface Command {}

  private record FromShard(SearchShard.Reply message) implements Command, Traced.Adapted {}

  private enum Timeout implements Command {
    INSTANCE
  }

  /** These shards are no longer listed (their node is unreachable, or they stopped): their answers are not awaited. */
  record Unlisted(java.util.Set<ActorRef<SearchShard.Command>> shards) implements Command {}

  /** A tree the asking node knows of: its slices and, when it can walk it, what they hold. */
  record Tree(int slices, SliceCatalog catalog, Map<Integer, Integer> files) {}

  /** What the query learned of the trees that answered, for the next queries. */
  record Seen(Map<String, Tree> trees) {}

  private final DirectorySearch.Search search;
  private final Map<String, Tree> trees;
  private final ActorRef<Seen> seen;
  private final long start = System.nanoTime();
  private final Duration timeout;
  private final List<ActorRef<SearchShard.Command>> targets;
  private final TreeSet<Integer> pending = new TreeSet<>();
  private final Map<String, Map<Integer, SearchShard.Matches>> answers = new LinkedHashMap<>();
  private final Map<String, Map<Integer, String>> failed = new HashMap<>();

  /**
   * Spawns and watches the query for {@code search} (child {@code "query-" + id}), traced as the
   * search is: the same for a node that holds slices and for one that only forwards.
   */
  static ActorRef<Command> start(
      ActorContext<?> ctx,
      DirectorySearch.Search search,
      List<ActorRef<SearchShard.Command>> shards,
      Map<String, Tree> trees,
      ActorRef<Seen> learned,
      Duration timeout,
      long id) {
    ActorRef<Command> query =
        ctx.spawn(Tracing.traced(Command.class, search.trace(), create(search, shards, trees, learned, timeout)), "query-" + id);
    ctx.watch(query);
    return query;
  }

  static Behavior<Command> create(
      DirectorySearch.Search search,
      List<ActorRef<SearchShard.Command>> shards,
      Map<String, Tree> trees,
      ActorRef<Seen> seen,
      Duration timeout) {
    return Timed.setup(ClusterQuery.class, (ctx, timers) -> new ClusterQuery(ctx, timers, search, shards, trees, seen, timeout));
  }

  private ClusterQuery(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      DirectorySearch.Search search,
      List<ActorRef<SearchShard.Command>> shards,
      Map<String, Tree> trees,
      ActorRef<Seen> seen,
      Duration timeout) {
    super(ctx);
    this.search = search;
    this.trees = trees;
    this.seen = seen;
    this.timeout = timeout;
    this.targets = List.copyOf(shards);
    ActorRef<SearchShard.Reply> replies = ctx.messageAdapter(SearchShard.Reply.class, FromShard::new);
    // The query id names the target, so that a lost shard's answer is not awaited.
    for (int i = 0; i < targets.size(); i++) {
      pending.add(i);
      ctx.watch(targets.get(i));
      targets.get(i).tell(new SearchShard.Query(Trace.here(), i, search.query(), replies));
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromShard.class, this::onReply)
        .onMessage(Unlisted.class, this::onUnlisted)
        .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onReply(FromShard m) {
    SearchShard.Reply reply = m.message();
    if (!pending.remove((int) reply.id())) {
      return this;
    }
    if (reply instanceof SearchShard.QueryFailed f) {
      if (f.badQuery()) {
        search.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), search.query(), f.reason(), true));
        return Behaviors.stopped();
      }
      String root = onlyTree();
      if (root != null) {
        failed.computeIfAbsent(root, r -> new HashMap<>()).put(f.slice(), f.reason());
      }
    } else {
      SearchShard.Matches matches = (SearchShard.Matches) reply;
      answers.computeIfAbsent(matches.root(), r -> new TreeMap<>()).putIfAbsent(matches.slice(), matches);
    }
    return pending.isEmpty() ? answer() : this;
  }

  // A failed shard's tree, when there is no doubt which: a failure says its slice, not its root.
  private String onlyTree() {
    return trees.size() == 1 ? trees.keySet().iterator().next() : null;
  }

  private Behavior<Command> onUnlisted(Unlisted u) {
    for (int i = 0; i < targets.size(); i++) {
      if (u.shards().contains(targets.get(i))) {
        pending.remove(i);
      }
    }
    return pending.isEmpty() ? answer() : this;
  }

  private Behavior<Command> onTerminated(Terminated t) {
    int i = targets.indexOf(t.getRef());
    if (i >= 0 && pending.remove(i) && pending.isEmpty()) {
      return answer();
    }
    return this;
  }

  private Behavior<Command> onTimeout() {
    getContext().getLog().warn("query {} got no answer from {} shards within {} ms", search.query().text(), pending.size(), timeout.toMillis());
    return answer();
  }

  private Behavior<Command> answer() {
    Map<String, Tree> known = new LinkedHashMap<>(trees);
    Map<String, Tree> learned = new LinkedHashMap<>();
    for (var e : answers.entrySet()) {
      Tree was = known.get(e.getKey());
      Map<Integer, Integer> files = new TreeMap<>(was == null ? Map.of() : was.files());
      int slices = 0;
      for (SearchShard.Matches m : e.getValue().values()) {
        files.put(m.slice(), m.matches().files());
        slices = m.slices();
      }
      Tree now = new Tree(slices, was == null ? null : was.catalog(), Map.copyOf(files));
      known.put(e.getKey(), now);
      learned.put(e.getKey(), now);
    }
    seen.tell(new Seen(Map.copyOf(learned)));
    boolean several = known.size() > 1;
    List<SearchShard.Matches> all = new ArrayList<>();
    List<DirectorySearch.MissingPart> parts = new ArrayList<>();
    List<Integer> missing = new ArrayList<>();
    int slices = 0;
    for (var e : known.entrySet()) {
      String root = e.getKey();
      Tree tree = e.getValue();
      slices += tree.slices();
      Map<Integer, SearchShard.Matches> got = answers.getOrDefault(root, Map.of());
      for (SearchShard.Matches m : got.values()) {
        all.add(several ? ClusterQuery.rooted(m) : m);
      }
      for (int s = 0; s < tree.slices(); s++) {
        if (!got.containsKey(s)) {
          missing.add(s);
          parts.add(part(root, tree, s, failed.getOrDefault(root, Map.of()).get(s)));
        }
      }
    }
    DirectorySearch.Found merged = QueryAggregator.merge(Trace.here(), search.query(), all, List.of(), slices, System.nanoTime() - start);
    search
        .replyTo()
        .tell(
            new DirectorySearch.Found(
                merged.trace(),
                merged.query(),
                merged.files(),
                merged.lines(),
                merged.hits(),
                merged.nanos(),
                merged.scanNanos(),
                missing,
                slices,
                parts));
    return Behaviors.stopped();
  }

  private static DirectorySearch.MissingPart part(String root, Tree tree, int slice, String failure) {
    SliceCatalog c = tree.catalog();
    int files = c != null && c.slices() == tree.slices() ? c.files().get(slice) : tree.files().getOrDefault(slice, -1);
    List<String> samples = c != null && c.slices() == tree.slices() ? c.samples().get(slice) : List.of();
    return new DirectorySearch.MissingPart(
        root, slice, tree.slices(), files, samples, failure != null ? failure : "no reachable node holds it loaded");
  }

  // With several trees, paths relative to each root would collide: they name the root too.
  private static SearchShard.Matches rooted(SearchShard.Matches m) {
    String prefix = m.root().endsWith("/") ? m.root() : m.root() + "/";
    List<FileHits> hits = m.matches().hits().stream().map(h -> h.under(prefix)).toList();
    ShardMatches r = new ShardMatches(m.matches().files(), m.matches().lines(), hits, m.matches().nanos());
    return new SearchShard.Matches(m.trace(), m.id(), m.root(), m.slice(), m.slices(), r);
  }
}
