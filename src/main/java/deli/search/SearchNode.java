package deli.search;

import deli.python.Fnmatch;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * A node's share of the search in a cluster. The tree under the node's root is cut into a fixed
 * number of slices; the nodes that serve the same root (listed under its {@link #treeKey}) split
 * them with {@link SliceAssignment}, each computing the same split from the same listing, and
 * each loads only its own slices into {@link SearchShard}s. A search to any node goes to every
 * ready shard of every node ({@link SearchShard#KEY}) through a {@link ClusterQuery}, which names
 * the slices no shard answered for. When the nodes serving the tree change (a node is lost or
 * joins), the split is computed again once membership settles: a node loads the slices it gains,
 * and keeps serving those it gives away until their new holder has them loaded.
 */
public final class SearchNode extends AbstractBehavior<DirectorySearch.Command> {
  /** The nodes serving the tree under {@code root}: they split its slices. */
  public static ServiceKey<DirectorySearch.Command> treeKey(String root) {
    return ServiceKey.create(DirectorySearch.Command.class, "deli-search-tree:" + root);
  }

  private interface Private extends DirectorySearch.Command, NoSerializationVerificationNeeded {}

  // One adapter per message class: both subscriptions come through it.
  private record Listed(Receptionist.Listing listing) implements Private {}

  private record FromShard(SearchShard.LoadEvent event) implements Private, Traced {
    @Override
    public Trace trace() {
      return event.trace();
    }
  }

  private record Catalogued(SliceCatalog catalog) implements Private {}

  private record Learned(ClusterQuery.Seen seen) implements Private {}

  private enum Resplit implements Private {
    INSTANCE
  }

  private enum StopWaiting implements Private {
    INSTANCE
  }

  private record Retired(ActorRef<SearchShard.Command> shard) implements Private {}

  /** A shard handed over answers the queries already sent to it for this long, then stops. */
  static final java.time.Duration RETIRE_AFTER = java.time.Duration.ofSeconds(5);

  private final SearchSettings settings;
  private final SearchClusterSettings cluster;
  private final String root;
  private final ActorRef<DirectorySearch.Event> listener;
  private final StashBuffer<DirectorySearch.Command> stash;
  private final TimerScheduler<DirectorySearch.Command> timers;
  private final Address self;
  private final ActorRef<SearchShard.LoadEvent> loadEvents;
  private final ActorRef<ClusterQuery.Seen> learned;
  /** The shards this node holds, by slice: its own, and those it hands over. */
  private final Map<Integer, ActorRef<SearchShard.Command>> held = new TreeMap<>();
  private final Map<Integer, LoadReport> ready = new TreeMap<>();
  private final Set<Integer> handingOver = new HashSet<>();
  private final Set<Integer> unloadable = new HashSet<>();
  private final Map<String, ClusterQuery.Tree> others = new LinkedHashMap<>();
  private final Set<ActorRef<ClusterQuery.Command>> inFlight = new HashSet<>();
  private Set<ActorRef<SearchShard.Command>> listed = Set.of();
  private List<String> members = List.of();
  private List<String> owners = List.of();
  private SliceCatalog catalog;
  private boolean split;
  private boolean ownLoaded;
  private boolean open;
  private long splitAt;
  private long spawned;
  private long queries;

  /** The node's search of {@code settings.root()}; {@code listener} hears how loading goes. */
  public static Behavior<DirectorySearch.Command> create(
      SearchSettings settings, SearchClusterSettings cluster, ActorRef<DirectorySearch.Event> listener) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    Behaviors.withStash(
                        settings.stash(), stash -> new SearchNode(ctx, timers, stash, settings, cluster, listener))));
  }

  private SearchNode(
      ActorContext<DirectorySearch.Command> ctx,
      TimerScheduler<DirectorySearch.Command> timers,
      StashBuffer<DirectorySearch.Command> stash,
      SearchSettings settings,
      SearchClusterSettings cluster,
      ActorRef<DirectorySearch.Event> listener) {
    super(ctx);
    this.settings = settings;
    this.cluster = cluster;
    // The root names the tree: the same directory given as another relative path is the same tree.
    this.root = java.nio.file.Path.of(settings.root()).toAbsolutePath().normalize().toString();
    this.listener = listener;
    this.stash = stash;
    this.timers = timers;
    this.self = Cluster.get(ctx.getSystem()).selfMember().address();
    this.loadEvents = ctx.messageAdapter(SearchShard.LoadEvent.class, FromShard::new);
    this.learned = ctx.messageAdapter(ClusterQuery.Seen.class, Learned::new);
    var receptionist = ctx.getSystem().receptionist();
    ServiceKey<DirectorySearch.Command> tree = treeKey(root);
    receptionist.tell(Receptionist.register(tree, ctx.getSelf()));
    ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
    receptionist.tell(Receptionist.subscribe(tree, listings));
    receptionist.tell(Receptionist.subscribe(SearchShard.KEY, listings));
    catalogue();
  }

  // The catalog says what a missing slice holds; walking the tree is blocking I/O.
  private void catalogue() {
    ShardSpec spec = spec(0);
    var blocking = getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    List<String> paths =
                        SourceTree.walk(java.nio.file.Path.of(spec.root()), Fnmatch.of(spec.pattern()), spec.skipPatterns(), (p, why) -> {});
                    return SliceCatalog.of(spec.root(), paths, cluster.slices());
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                },
                blocking),
            (c, failure) -> new Catalogued(failure == null ? c : null));
  }

  @Override
  public Receive<DirectorySearch.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DirectorySearch.Search.class, this::onSearch)
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .onMessage(Listed.class, this::onListed)
        .onMessage(FromShard.class, this::onShard)
        .onMessage(Catalogued.class, this::onCatalogued)
        .onMessage(Learned.class, this::onLearned)
        .onMessageEquals(Resplit.INSTANCE, this::onResplit)
        .onMessageEquals(StopWaiting.INSTANCE, this::open)
        .onMessage(Retired.class, this::onRetired)
        .onSignal(org.apache.pekko.actor.typed.Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<DirectorySearch.Command> onSearch(DirectorySearch.Search s) {
    if (!open) {
      if (stash.isFull()) {
        s.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), s.query(), "too many searches wait for the tree to load", false));
      } else {
        stash.stash(s);
      }
      return this;
    }
    // The listing lags a little behind this node's own shards: they are asked in any case.
    Set<ActorRef<SearchShard.Command>> targets = new HashSet<>(listed);
    ready.keySet().forEach(slice -> targets.add(held.get(slice)));
    unloadable.forEach(slice -> targets.add(held.get(slice)));
    Map<String, ClusterQuery.Tree> trees = new LinkedHashMap<>(others);
    ClusterQuery.Tree mine = others.get(root);
    trees.put(root, new ClusterQuery.Tree(cluster.slices(), catalog, mine == null ? Map.of() : mine.files()));
    long id = ++queries;
    ActorRef<ClusterQuery.Command> query =
        getContext()
            .spawn(
                Tracing.traced(
                    ClusterQuery.Command.class,
                    s.trace(),
                    ClusterQuery.create(s, new ArrayList<>(targets), trees, learned, settings.queryTimeout())),
                "query-" + id);
    getContext().watch(query);
    inFlight.add(query);
    return this;
  }

  private Behavior<DirectorySearch.Command> onTeardown(DirectorySearch.Teardown t) {
    t.replyTo().tell(new DirectorySearch.TornDown(Trace.here()));
    return Behaviors.stopped();
  }

  private Behavior<DirectorySearch.Command> onListed(Listed m) {
    return m.listing().isForKey(SearchShard.KEY) ? onShards(m.listing()) : onMembers(m.listing());
  }

  private Behavior<DirectorySearch.Command> onMembers(Receptionist.Listing listing) {
    List<String> now = new ArrayList<>();
    for (ActorRef<DirectorySearch.Command> node : listing.getServiceInstances(treeKey(root))) {
      now.add(addressOf(node).toString());
    }
    if (!now.contains(self.toString())) {
      // This node's own registration has not come back yet.
      return this;
    }
    now.sort(null);
    if (!now.equals(members)) {
      members = List.copyOf(now);
      timers.startSingleTimer(Resplit.INSTANCE, cluster.settle());
    }
    return this;
  }

  private Address addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return a.hasLocalScope() ? self : a;
  }

  private Behavior<DirectorySearch.Command> onResplit() {
    owners = SliceAssignment.owners(cluster.slices(), members);
    List<Integer> mine = new ArrayList<>();
    for (int s = 0; s < owners.size(); s++) {
      if (owners.get(s).equals(self.toString())) {
        mine.add(s);
      }
    }
    getContext().getLog().info("search: {} nodes serve {}; this one holds slices {} of {}", members.size(), root, mine, cluster.slices());
    split = true;
    splitAt = System.nanoTime();
    for (int s : mine) {
      handingOver.remove(s);
      if (!held.containsKey(s)) {
        spawnShard(s);
      }
    }
    for (int s : held.keySet()) {
      if (!mine.contains(s)) {
        handingOver.add(s);
      }
    }
    handOver();
    return checkLoaded();
  }

  private void spawnShard(int slice) {
    // The name says the slice (other nodes read it to see a slice handed over) and is never reused.
    ActorRef<SearchShard.Command> ref =
        Shards.spawn(getContext(), settings, spec(slice), loadEvents, null, "slice-" + slice + "-" + (++spawned));
    held.put(slice, ref);
  }

  private ShardSpec spec(int slice) {
    ShardSpec s = settings.spec(slice, cluster.slices());
    return new ShardSpec(root, s.pattern(), s.skip(), slice, s.slices(), s.index(), s.chunkBytes(), s.maxFileBytes());
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

  // A slice given away is dropped once its new holder lists a loaded shard for it.
  private void handOver() {
    for (int s : List.copyOf(handingOver)) {
      String owner = owners.get(s);
      boolean taken =
          listed.stream().anyMatch(ref -> sliceOf(ref) == s && addressOf(ref).toString().equals(owner) && !ref.equals(held.get(s)));
      if (taken) {
        // Unlisted at once; queries already sent to it still get its answer.
        ActorRef<SearchShard.Command> shard = held.remove(s);
        shard.tell(SearchShard.Retire.INSTANCE);
        timers.startSingleTimer(new Retired(shard), new Retired(shard), RETIRE_AFTER);
        ready.remove(s);
        unloadable.remove(s);
        handingOver.remove(s);
        getContext().getLog().info("search: slice {} handed over to {}", s, owner);
      }
    }
  }

  private Behavior<DirectorySearch.Command> onShards(Receptionist.Listing listing) {
    Set<ActorRef<SearchShard.Command>> now = Set.copyOf(listing.getServiceInstances(SearchShard.KEY));
    Set<ActorRef<SearchShard.Command>> gone = new HashSet<>(listed);
    gone.removeAll(now);
    listed = now;
    // Only shards on a node that is unreachable or gone: a shard handed over still answers.
    var state = Cluster.get(getContext().getSystem()).state();
    Set<Address> reachable = new HashSet<>();
    state.getMembers().forEach(member -> reachable.add(member.address()));
    state.getUnreachable().forEach(member -> reachable.remove(member.address()));
    gone.removeIf(ref -> reachable.contains(addressOf(ref)));
    if (!gone.isEmpty()) {
      ClusterQuery.Unlisted unlisted = new ClusterQuery.Unlisted(Set.copyOf(gone));
      inFlight.forEach(q -> q.tell(unlisted));
    }
    handOver();
    return !open && !split && ownLoaded && covered() ? open() : this;
  }

  private Behavior<DirectorySearch.Command> onShard(FromShard m) {
    SearchShard.LoadEvent e = m.event();
    if (!held.containsKey(e.slice())) {
      return this;
    }
    if (e instanceof SearchShard.Ready r) {
      unloadable.remove(e.slice());
      boolean again = ready.put(e.slice(), r.report()) != null;
      if (again) {
        listener.tell(new DirectorySearch.ShardReloaded(Trace.here(), e.slice(), r.report()));
      }
      return checkLoaded();
    } else if (e instanceof SearchShard.Unloadable u) {
      // The shard stays: it answers queries with the reason, and the answer names the slice.
      if (unloadable.isEmpty()) {
        listener.tell(new DirectorySearch.TreeUnloadable(Trace.here(), u.reason()));
      }
      unloadable.add(e.slice());
      return checkLoaded();
    }
    return this;
  }

  // Searches wait until the node holds what the split gave it, the first time only.
  private Behavior<DirectorySearch.Command> checkLoaded() {
    Set<Integer> settled = new HashSet<>(ready.keySet());
    settled.addAll(unloadable);
    if (!split || !settled.containsAll(owned())) {
      return this;
    }
    List<LoadReport> reports = owned().stream().filter(ready::containsKey).map(ready::get).toList();
    listener.tell(
        new DirectorySearch.SlicesLoaded(
            Trace.here(), root, owned(), cluster.slices(), members.size(), LoadReport.sum(reports), System.nanoTime() - splitAt));
    split = false;
    if (!ownLoaded) {
      ownLoaded = true;
      // The other nodes' shards are listed a little later; a node lost meanwhile must not keep
      // searches waiting for ever.
      timers.startSingleTimer(StopWaiting.INSTANCE, settings.queryTimeout());
    }
    return !open && covered() ? open() : this;
  }

  // The first searches wait until every slice of the tree is listed, so that a cluster just
  // started answers in full.
  private boolean covered() {
    Set<Integer> have = new HashSet<>(ready.keySet());
    have.addAll(unloadable);
    for (ActorRef<SearchShard.Command> ref : listed) {
      if (members.contains(addressOf(ref).toString())) {
        have.add(sliceOf(ref));
      }
    }
    have.remove(-1);
    return have.size() >= cluster.slices();
  }

  private Behavior<DirectorySearch.Command> open() {
    if (open) {
      return this;
    }
    open = true;
    timers.cancel(StopWaiting.INSTANCE);
    return stash.unstashAll(this);
  }

  private List<Integer> owned() {
    List<Integer> mine = new ArrayList<>();
    for (int s = 0; s < owners.size(); s++) {
      if (owners.get(s).equals(self.toString())) {
        mine.add(s);
      }
    }
    return mine;
  }

  private Behavior<DirectorySearch.Command> onRetired(Retired r) {
    getContext().stop(r.shard());
    return this;
  }

  private Behavior<DirectorySearch.Command> onTerminated(org.apache.pekko.actor.typed.Terminated t) {
    inFlight.remove(t.getRef());
    return this;
  }

  private Behavior<DirectorySearch.Command> onCatalogued(Catalogued c) {
    catalog = c.catalog();
    return this;
  }

  private Behavior<DirectorySearch.Command> onLearned(Learned l) {
    l.seen().trees().forEach(others::put);
    return this;
  }
}
