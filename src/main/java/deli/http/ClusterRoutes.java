package deli.http;

import deli.service.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /cluster}: the members as this node sees them (address, status, roles,
 * reachability), the leader, and what each member serves: the services it registered with
 * the Receptionist, which the Receptionist replicates to every node.
 */
final class ClusterRoutes {
  private final ActorSystem<?> system;
  private final Json json;
  private final List<Listed> services;
  private final Duration timeout;

  ClusterRoutes(ActorSystem<?> system, Json json, List<Listed> services, Duration timeout) {
    this.system = system;
    this.json = json;
    this.services = List.copyOf(services);
    this.timeout = timeout;
  }

  Route route() {
    return Directives.path("cluster", () -> Directives.get(() -> Directives.onSuccess(cluster(), json::ok)));
  }

  /** {@code GET /cluster}'s answer: this node, the leader (null while there is none), every member. */
  record ClusterView(String self, String leader, List<MemberView> members) {}

  /** A member as this node sees it, and the services it serves. */
  record MemberView(String node, String address, String status, boolean reachable, Set<String> roles, Set<String> serves) {}

  CompletionStage<ClusterView> cluster() {
    Cluster cluster = Cluster.get(system);
    Address self = cluster.selfMember().address();
    List<CompletableFuture<Map<String, Set<String>>>> each = new ArrayList<>();
    for (Listed s : services) {
      each.add(servedBy(s, self).toCompletableFuture());
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              // node -> services, gathered from each service's listing
              Map<String, Set<String>> serves = new TreeMap<>();
              for (CompletableFuture<Map<String, Set<String>>> f : each) {
                f.join().forEach((node, names) -> serves.computeIfAbsent(node, k -> new TreeSet<>()).addAll(names));
              }
              ClusterEvent.CurrentClusterState state = cluster.state();
              Set<Address> unreachable =
                  state.getUnreachable().stream().map(Member::address).collect(Collectors.toSet());
              List<MemberView> members = new ArrayList<>();
              for (Member m : StreamSupport.stream(state.getMembers().spliterator(), false).toList()) {
                members.add(
                    new MemberView(
                        node(m.address()),
                        m.address().toString(),
                        m.status().toString(),
                        !unreachable.contains(m.address()),
                        new TreeSet<>(m.getRoles()),
                        serves.getOrDefault(node(m.address()), Set.of())));
              }
              return new ClusterView(node(self), state.getLeader() == null ? null : node(state.getLeader()), members);
            });
  }

  /** For one service: the nodes that serve it, each mapped to the service's name. */
  private CompletionStage<Map<String, Set<String>>> servedBy(Listed s, Address self) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(), replyTo -> Receptionist.find(s.key(), replyTo), timeout, system.scheduler())
        .handle(
            (listing, failure) -> {
              Map<String, Set<String>> out = new TreeMap<>();
              if (failure == null) {
                for (ActorRef<?> ref : listing.getAllServiceInstances(s.key())) {
                  Address a = ref.path().address();
                  out.computeIfAbsent(node(a.hasLocalScope() ? self : a), k -> new TreeSet<>()).add(s.name());
                }
              }
              return out;
            });
  }

  /** {@code host:port}, the name trace lines give a node. */
  private static String node(Address a) {
    return a.host().isDefined() ? a.host().get() + ":" + a.port().get() : "local";
  }
}
