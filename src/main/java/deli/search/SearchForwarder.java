package deli.search;

import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The search of a cluster node that holds no tree: each {@link DirectorySearch.Search} goes to
 * the shards the other nodes hold (every shard listed under {@link SearchShard#KEY}) through a
 * {@link ClusterQuery}, as a node holding a tree sends it, so any node of the cluster answers.
 * What it learns of the trees from their answers names the parts missing from later ones. Only
 * when no node of the cluster holds a tree does a search fail, saying how to give one a tree.
 */
final class SearchForwarder extends AbstractBehavior<DirectorySearch.Command> {
  private interface Private extends DirectorySearch.Command, NoSerializationVerificationNeeded {}

  private record Listed(Receptionist.Listing listing) implements Private {}

  private record Learned(ClusterQuery.Seen seen) implements Private {}

  static final String NO_TREE =
      "no node of the cluster holds a search tree: start one with --search-root DIR (or set deli.search.serve.root)";

  private final Duration timeout;
  private final TreeMembers members;
  private final ActorRef<ClusterQuery.Seen> learned;
  private final Map<String, ClusterQuery.Tree> trees = new LinkedHashMap<>();
  private final Set<ActorRef<ClusterQuery.Command>> inFlight = new HashSet<>();
  private long queries;

  static Behavior<DirectorySearch.Command> create(Duration timeout) {
    return Behaviors.setup(ctx -> new SearchForwarder(ctx, timeout));
  }

  private SearchForwarder(ActorContext<DirectorySearch.Command> ctx, Duration timeout) {
    super(ctx);
    this.timeout = timeout;
    this.members = new TreeMembers(Cluster.get(ctx.getSystem()), 0);
    this.learned = ctx.messageAdapter(ClusterQuery.Seen.class, Learned::new);
    ctx.getSystem()
        .receptionist()
        .tell(Receptionist.subscribe(SearchShard.KEY, ctx.messageAdapter(Receptionist.Listing.class, Listed::new)));
  }

  @Override
  public Receive<DirectorySearch.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(DirectorySearch.Search.class, this::onSearch)
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Learned.class, this::onLearned)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<DirectorySearch.Command> onSearch(DirectorySearch.Search s) {
    if (members.listed().isEmpty()) {
      s.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), s.query(), NO_TREE, false));
      return this;
    }
    ActorRef<ClusterQuery.Command> query =
        ClusterQuery.start(getContext(), s, new ArrayList<>(members.listed()), new LinkedHashMap<>(trees), learned, timeout, ++queries);
    inFlight.add(query);
    return this;
  }

  private Behavior<DirectorySearch.Command> onListed(Listed m) {
    Set<ActorRef<SearchShard.Command>> gone = members.shards(m.listing().getServiceInstances(SearchShard.KEY));
    if (!gone.isEmpty()) {
      // Their node is unreachable: the queries under way answer without them.
      ClusterQuery.Unlisted unlisted = new ClusterQuery.Unlisted(Set.copyOf(gone));
      inFlight.forEach(q -> q.tell(unlisted));
    }
    return this;
  }

  private Behavior<DirectorySearch.Command> onLearned(Learned l) {
    trees.putAll(l.seen().trees());
    return this;
  }

  private Behavior<DirectorySearch.Command> onTerminated(Terminated t) {
    inFlight.remove(t.getRef());
    return this;
  }

  private Behavior<DirectorySearch.Command> onTeardown(DirectorySearch.Teardown t) {
    t.replyTo().tell(new DirectorySearch.TornDown(Trace.here()));
    return Behaviors.stopped();
  }
}
