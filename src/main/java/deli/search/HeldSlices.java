package deli.search;

import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The slices a {@link SearchNode} holds: a {@link SearchShard} for each slice the split gives the
 * node, and each slice it gave away until the new holder lists a loaded shard for it. It lives
 * inside the node's actor, spawning and stopping shards through the actor's context; the node
 * follows membership and tells it what to hold.
 */
final class HeldSlices {
  /** A shard handed over answers the queries already sent to it for this long, then stops. */
  static final Duration RETIRE_AFTER = Duration.ofSeconds(5);

  private final ActorContext<DirectorySearch.Command> ctx;
  private final TimerScheduler<DirectorySearch.Command> timers;
  private final SearchSettings settings;
  private final String root;
  private final int slices;
  private final ActorRef<SearchShard.LoadEvent> loadEvents;
  private final ActorRef<TreeEvent> listener;
  private final Map<Integer, ActorRef<SearchShard.Command>> held = new TreeMap<>();
  private final Map<Integer, LoadReport> ready = new TreeMap<>();
  private final Set<Integer> handingOver = new HashSet<>();
  private final Set<Integer> unloadable = new HashSet<>();
  private long spawned;
  // The node's first walk of the tree, for its catalog and the first slices it loads.
  private CompletableFuture<SourceTree.Walk> firstWalk;

  HeldSlices(
      ActorContext<DirectorySearch.Command> ctx,
      TimerScheduler<DirectorySearch.Command> timers,
      SearchSettings settings,
      String root,
      int slices,
      ActorRef<SearchShard.LoadEvent> loadEvents,
      ActorRef<TreeEvent> listener) {
    this.ctx = ctx;
    this.timers = timers;
    this.settings = settings;
    this.root = root;
    this.slices = slices;
    this.loadEvents = loadEvents;
    this.listener = listener;
  }

  /** The node's first walk of the tree (started on the first call): one walk for the catalog and the first split's slices. */
  CompletableFuture<SourceTree.Walk> firstWalk() {
    if (firstWalk == null) {
      firstWalk = Shards.walk(ctx, spec(0));
    }
    return firstWalk;
  }

  /** Holds {@code mine}: loads the slices gained, all from one walk of the tree; the others are handed over once taken. */
  void hold(List<Integer> mine) {
    CompletableFuture<SourceTree.Walk> walk = null;
    for (int s : mine) {
      handingOver.remove(s);
      if (!held.containsKey(s)) {
        if (walk == null) {
          // The first split loads from the walk the catalog came from; later ones see the tree as it is then.
          walk = spawned == 0 ? firstWalk() : Shards.walk(ctx, spec(0));
        }
        // The name says the slice (other nodes read it to see a slice handed over) and is never reused.
        held.put(s, Shards.spawn(ctx, settings, spec(s), walk, loadEvents, null, "slice-" + s + "-" + (++spawned)));
      }
    }
    for (int s : held.keySet()) {
      if (!mine.contains(s)) {
        handingOver.add(s);
      }
    }
  }

  /** The slice {@code slice} of the tree, as its shard loads it. */
  ShardSpec spec(int slice) {
    ShardSpec s = settings.spec(slice, slices);
    return new ShardSpec(root, s.pattern(), s.skip(), slice, s.slices(), s.index(), s.chunkBytes(), s.maxFileBytes());
  }

  /**
   * Drops each slice given away whose new owner ({@code owners}, by slice) lists a loaded shard
   * for it in {@code listed}; {@code addressOf} says which node a shard is on.
   */
  void handOver(List<String> owners, Set<ActorRef<SearchShard.Command>> listed, Function<ActorRef<?>, String> addressOf) {
    for (int s : List.copyOf(handingOver)) {
      String owner = owners.get(s);
      boolean taken = listed.stream().anyMatch(ref -> sliceOf(ref) == s && addressOf.apply(ref).equals(owner) && !ref.equals(held.get(s)));
      if (taken) {
        // Unlisted at once; queries already sent to it still get its answer.
        ActorRef<SearchShard.Command> shard = held.remove(s);
        shard.tell(SearchShard.Retire.INSTANCE);
        timers.startSingleTimer(new SearchNode.Retired(shard), new SearchNode.Retired(shard), RETIRE_AFTER);
        ready.remove(s);
        unloadable.remove(s);
        handingOver.remove(s);
        ctx.getLog().info("search: slice {} handed over to {}", s, owner);
      }
    }
  }

  /** A shard's news; true when one of the slices held became ready or unloadable. */
  boolean onLoadEvent(SearchShard.LoadEvent e) {
    if (!held.containsKey(e.slice())) {
      return false;
    }
    if (e instanceof SearchShard.Ready r) {
      unloadable.remove(e.slice());
      if (ready.put(e.slice(), r.report()) != null) {
        listener.tell(new TreeEvent.ShardReloaded(Trace.here(), e.slice(), r.report()));
      }
      return true;
    } else if (e instanceof SearchShard.Unloadable u) {
      // The shard stays: it answers queries with the reason, and the answer names the slice.
      if (unloadable.isEmpty()) {
        listener.tell(new TreeEvent.TreeUnloadable(Trace.here(), u.reason()));
      }
      unloadable.add(e.slice());
      return true;
    }
    return false;
  }

  /** The slices held that are loaded, or known not to load. */
  Set<Integer> settled() {
    Set<Integer> settled = new HashSet<>(ready.keySet());
    settled.addAll(unloadable);
    return settled;
  }

  /** The reports of those of {@code slices} that are loaded. */
  List<LoadReport> reports(List<Integer> slices) {
    return slices.stream().filter(ready::containsKey).map(ready::get).toList();
  }

  /** The shards that answer queries: loaded, or saying why they cannot. */
  List<ActorRef<SearchShard.Command>> answering() {
    List<ActorRef<SearchShard.Command>> shards = new ArrayList<>();
    settled().forEach(slice -> shards.add(held.get(slice)));
    return shards;
  }

  /** The slice a shard's actor holds, from its name ({@code slice-S-N}); -1 if it is not one. */
  static int sliceOf(ActorRef<?> shard) {
    String[] parts = shard.path().name().split("-");
    try {
      return parts.length == 3 && parts[0].equals("slice") ? Integer.parseInt(parts[1]) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
