package deli.service;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * Whether this node may take work: in a cluster, only while it reaches more than half of the
 * members it knows of. A node cut off from the others (a partition) would otherwise answer
 * jobs with its own pool alone until the split-brain resolver downs it (about 12 s: 4 s to
 * notice, stable-after 7 s); the majority side keeps working meanwhile, the minority refuses.
 * With two equal halves both refuse until the resolver has decided.
 */
public final class Quorum {
  private Quorum() {}

  /** Null when this node may take work, else why not (one line). */
  public static String cutOff(ActorSystem<?> system) {
    if (!system.settings().config().getString("pekko.actor.provider").equals("cluster")) {
      return null;
    }
    ClusterEvent.CurrentClusterState state = Cluster.get(system).state();
    int members = 0;
    for (Member m : state.getMembers()) {
      if (counts(m)) {
        members++;
      }
    }
    int unreachable = 0;
    for (Member m : state.getUnreachable()) {
      if (counts(m)) {
        unreachable++;
      }
    }
    int reachable = members - unreachable;
    if (members == 0 || reachable * 2 > members) {
      return null;
    }
    return "this node reaches " + reachable + " of the cluster's " + members
        + " members, not a majority: it takes no work until the cluster is whole or has decided without it";
  }

  private static boolean counts(Member m) {
    MemberStatus s = m.status();
    return !s.equals(MemberStatus.down()) && !s.equals(MemberStatus.removed()) && !s.equals(MemberStatus.exiting());
  }
}
