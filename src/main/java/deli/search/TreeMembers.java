package deli.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Who serves one tree in a cluster, and who holds which slice: the nodes listed under the tree's
 * key, the split {@link SliceAssignment} computes from them (every node computes the same), and
 * the shards listed across the cluster. The part of {@link SearchNode} that follows membership.
 */
final class TreeMembers {
  private final Cluster cluster;
  private final Address self;
  private final int slices;
  private Set<ActorRef<SearchShard.Command>> listed = Set.of();
  private List<String> members = List.of();
  private List<String> owners = List.of();

  TreeMembers(Cluster cluster, int slices) {
    this.cluster = cluster;
    this.self = cluster.selfMember().address();
    this.slices = slices;
  }

  /** The node an actor is on, as the split names nodes. */
  String addressOf(ActorRef<?> ref) {
    Address a = ref.path().address();
    return (a.hasLocalScope() ? self : a).toString();
  }

  /** The nodes serving the tree now; true when they changed, and the split is due once they settle. */
  boolean serving(Collection<? extends ActorRef<?>> nodes) {
    List<String> now = new ArrayList<>();
    nodes.forEach(node -> now.add(addressOf(node)));
    if (!now.contains(self.toString())) {
      // This node's own registration has not come back yet.
      return false;
    }
    now.sort(null);
    if (now.equals(members)) {
      return false;
    }
    members = List.copyOf(now);
    return true;
  }

  /** Splits the slices over the nodes serving the tree now; returns this node's. */
  List<Integer> split() {
    owners = SliceAssignment.owners(slices, members);
    return owned();
  }

  /** Whether a split was made yet. */
  boolean splitYet() {
    return !owners.isEmpty();
  }

  /** This node's slices in the last split. */
  List<Integer> owned() {
    List<Integer> mine = new ArrayList<>();
    for (int s = 0; s < owners.size(); s++) {
      if (owners.get(s).equals(self.toString())) {
        mine.add(s);
      }
    }
    return mine;
  }

  /** Each slice's node in the last split. */
  List<String> owners() {
    return owners;
  }

  int nodes() {
    return members.size();
  }

  Set<ActorRef<SearchShard.Command>> listed() {
    return listed;
  }

  /**
   * The shards listed now; returns those that left the listing with their node (unreachable or
   * gone), not those handed over, which still answer.
   */
  Set<ActorRef<SearchShard.Command>> shards(Set<ActorRef<SearchShard.Command>> now) {
    Set<ActorRef<SearchShard.Command>> gone = new HashSet<>(listed);
    gone.removeAll(now);
    listed = Set.copyOf(now);
    Set<String> reachable = new HashSet<>();
    cluster.state().getMembers().forEach(member -> reachable.add(member.address().toString()));
    cluster.state().getUnreachable().forEach(member -> reachable.remove(member.address().toString()));
    gone.removeIf(ref -> reachable.contains(addressOf(ref)));
    return gone;
  }

  /** Whether every slice of the tree is in {@code settled} (here) or listed from a node serving it. */
  boolean covered(Set<Integer> settled) {
    Set<Integer> have = new HashSet<>(settled);
    for (ActorRef<SearchShard.Command> ref : listed) {
      if (members.contains(addressOf(ref))) {
        have.add(HeldSlices.sliceOf(ref));
      }
    }
    have.remove(-1);
    return have.size() >= slices;
  }
}
