package deli.search;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
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
 * and keeps serving those it gives away until their new holder has them loaded ({@link HeldSlices}).
 * Its states: joining (searches wait for the node's own slices), waiting for the others' slices
 * to be listed, and serving.
 */
public final class SearchNode extends AbstractBehavior<DirectorySearch.Command> {
  /** The nodes serving the tree under {@code root}: they split its slices. */
  public static ServiceKey<DirectorySearch.Command> treeKey(String root) {
    return ServiceKey.create(DirectorySearch.Command.class, "deli-search-tree:" + root);
  }

  interface Private extends DirectorySearch.Command, NoSerializationVerificationNeeded {}

  // One adapter per message class: both subscriptions come through it.
  private record Listed(Receptionist.Listing listing) implements Private {}

  private record FromShard(SearchShard.LoadEvent message) implements Private, Traced.Adapted {}

  private record Catalogued(SliceCatalog catalog) implements Private {}

  private record Learned(ClusterQuery.Seen seen) implements Private {}

  private enum Resplit implements Private {
    INSTANCE
  }

  private enum StopWaiting implements Private {
    INSTANCE
  }

  /** A shard handed over has answered what was sent to it: it stops. */
  record Retired(ActorRef<SearchShard.Command> shard) implements Private {}

  private final SearchSettings settings;
  private final SearchClusterSettings cluster;
  private final String root;
  private final StashBuffer<DirectorySearch.Command> stash;
  private final TimerScheduler<DirectorySearch.Command> timers;
  private final TreeMembers members;
  private final ActorRef<ClusterQuery.Seen> learned;
  private final HeldSlices slices;
  private final ActorRef<TreeEvent> listener;
  private final Map<String, ClusterQuery.Tree> others = new LinkedHashMap<>();
  private final Set<ActorRef<ClusterQuery.Command>> inFlight = new HashSet<>();
  private SliceCatalog catalog;
  // When the split under way began; null once the node holds what it was given.
  private Long splitStarted;
  private long queries;

  /** The node's search of {@code settings.root()}; {@code listener} hears how loading goes. */
  public static Behavior<DirectorySearch.Command> create(
      SearchSettings settings, SearchClusterSettings cluster, ActorRef<TreeEvent> listener) {
    return Timed.setup(SearchNode.class, (ctx, timers) ->
                    Behaviors.withStash(
                        settings.stash(), stash -> new SearchNode(ctx, timers, stash, settings, cluster, listener)));
  }

  private SearchNode(
      ActorContext<DirectorySearch.Command> ctx,
      TimerScheduler<DirectorySearch.Command> timers,
      StashBuffer<DirectorySearch.Command> stash,
      SearchSettings settings,
      SearchClusterSettings cluster,
      ActorRef<TreeEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.cluster = cluster;
    // The root names the tree: the same directory given as another relative path is the same tree.
    this.root = java.nio.file.Path.of(settings.root()).toAbsolutePath().normalize().toString();
    this.listener = listener;
    this.stash = stash;
    this.timers = timers;
    this.members = new TreeMembers(Cluster.get(ctx.getSystem()), cluster.slices());
    this.slices =
        new HeldSlices(
            ctx, timers, settings, root, cluster.slices(), ctx.messageAdapter(SearchShard.LoadEvent.class, FromShard::new), listener);
    this.learned = ctx.messageAdapter(ClusterQuery.Seen.class, Learned::new);
    var receptionist = ctx.getSystem().receptionist();
    ServiceKey<DirectorySearch.Command> tree = treeKey(root);
    receptionist.tell(Receptionist.register(tree, ctx.getSelf()));
    ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, Listed::new);
    receptionist.tell(Receptionist.subscribe(tree, listings));
    receptionist.tell(Receptionist.subscribe(SearchShard.KEY, listings));
    catalogue();
  }

  // The catalog says what a missing slice holds: from the walk the node's first slices load from.
  private void catalogue() {
    getContext()
        .pipeToSelf(
            slices.firstWalk().thenApply(w -> SliceCatalog.of(root, w.paths(), cluster.slices())),
            (c, failure) -> new Catalogued(failure == null ? c : null));
  }

  /** Joining: searches wait until the node holds the slices the first split gives it. */
  @Override
  public Receive<DirectorySearch.Command> createReceive() {
    return receive(this::waitForSlices, this::afterJoining).build();
  }

  /**
   * Waiting for the others: the first searches wait until every slice of the tree is listed, so
   * that a cluster just started answers in full; a node lost meanwhile must not keep them waiting
   * for ever, hence the timer.
   */
  private Behavior<DirectorySearch.Command> waitingForOthers() {
    timers.startSingleTimer(StopWaiting.INSTANCE, settings.queryTimeout());
    return receive(this::waitForSlices, () -> splitStarted == null && covered() ? serve() : Behaviors.same())
        .onMessageEquals(StopWaiting.INSTANCE, this::serve)
        .build();
  }

  /** Serving: each search goes to every ready shard of every node. */
  private Behavior<DirectorySearch.Command> serving() {
    return receive(this::onSearch, Behaviors::same).build();
  }

  private Behavior<DirectorySearch.Command> afterJoining() {
    if (!members.splitYet() || splitStarted != null) {
      return Behaviors.same();
    }
    return covered() ? serve() : waitingForOthers();
  }

  private Behavior<DirectorySearch.Command> serve() {
    timers.cancel(StopWaiting.INSTANCE);
    return stash.unstashAll(serving());
  }

  /** What every state does; {@code then} says what follows news of membership or of the slices. */
  private ReceiveBuilder<DirectorySearch.Command> receive(
      Function<DirectorySearch.Search, Behavior<DirectorySearch.Command>> onSearch, Supplier<Behavior<DirectorySearch.Command>> then) {
    return newReceiveBuilder()
        .onMessage(DirectorySearch.Search.class, onSearch::apply)
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .onMessage(Listed.class, m -> {
          onListed(m.listing());
          return then.get();
        })
        .onMessage(FromShard.class, m -> {
          if (slices.onLoadEvent(m.message())) {
            settle();
          }
          return then.get();
        })
        .onMessageEquals(Resplit.INSTANCE, () -> {
          resplit();
          return then.get();
        })
        .onMessage(Catalogued.class, this::onCatalogued)
        .onMessage(Learned.class, this::onLearned)
        .onMessage(Retired.class, this::onRetired)
        .onSignal(Terminated.class, this::onTerminated);
  }

  private Behavior<DirectorySearch.Command> waitForSlices(DirectorySearch.Search s) {
    if (stash.isFull()) {
      s.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), s.query(), "too many searches wait for the tree to load", false));
    } else {
      stash.stash(s);
    }
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onSearch(DirectorySearch.Search s) {
    // The listing lags a little behind this node's own shards: they are asked in any case.
    Set<ActorRef<SearchShard.Command>> targets = new HashSet<>(members.listed());
    targets.addAll(slices.answering());
    Map<String, ClusterQuery.Tree> trees = new LinkedHashMap<>(others);
    ClusterQuery.Tree mine = others.get(root);
    trees.put(root, new ClusterQuery.Tree(cluster.slices(), catalog, mine == null ? Map.of() : mine.files()));
    ActorRef<ClusterQuery.Command> query =
        ClusterQuery.start(getContext(), s, new ArrayList<>(targets), trees, learned, settings.queryTimeout(), ++queries);
    inFlight.add(query);
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onTeardown(DirectorySearch.Teardown t) {
    t.replyTo().tell(new DirectorySearch.TornDown(Trace.here()));
    return Behaviors.stopped();
  }

  private void onListed(Receptionist.Listing listing) {
    if (!listing.isForKey(SearchShard.KEY)) {
      if (members.serving(listing.getServiceInstances(treeKey(root)))) {
        timers.startSingleTimer(Resplit.INSTANCE, cluster.settle());
      }
      return;
    }
    Set<ActorRef<SearchShard.Command>> gone = members.shards(listing.getServiceInstances(SearchShard.KEY));
    if (!gone.isEmpty()) {
      ClusterQuery.Unlisted unlisted = new ClusterQuery.Unlisted(Set.copyOf(gone));
      inFlight.forEach(q -> q.tell(unlisted));
    }
    slices.handOver(members.owners(), members.listed(), members::addressOf);
  }

  private void resplit() {
    List<Integer> mine = members.split();
    getContext().getLog().info("search: {} serve {}; this one holds slices {} of {}", members.nodes() == 1 ? "1 node" : members.nodes() + " nodes", root, mine, cluster.slices());
    splitStarted = System.nanoTime();
    slices.hold(mine);
    slices.handOver(members.owners(), members.listed(), members::addressOf);
    settle();
  }

  // Once the node holds what the split gave it, the listener hears so.
  private void settle() {
    List<Integer> owned = members.owned();
    if (splitStarted == null || !slices.settled().containsAll(owned)) {
      return;
    }
    LoadReport report = LoadReport.sum(slices.reports(owned));
    listener.tell(
        new TreeEvent.SlicesLoaded(
            Trace.here(), root, owned, cluster.slices(), members.nodes(), report, System.nanoTime() - splitStarted));
    splitStarted = null;
  }

  private boolean covered() {
    return members.covered(slices.settled());
  }

  private Behavior<DirectorySearch.Command> onRetired(Retired r) {
    getContext().stop(r.shard());
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onTerminated(Terminated t) {
    inFlight.remove(t.getRef());
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onCatalogued(Catalogued c) {
    catalog = c.catalog();
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onLearned(Learned l) {
    l.seen().trees().forEach(others::put);
    return Behaviors.same();
  }
}
