package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import deli.core.DeliConfig;
import deli.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A small cluster of ActorSystems in one JVM for the search tests: artery on 127.0.0.1 port 0,
 * failure detection and downing made quick (for tests only), the first system the seed.
 */
final class SearchCluster implements AutoCloseable {
  final List<ActorTestKit> nodes = new ArrayList<>();

  /** deli's config for a test node, with {@code more} overrides. */
  static Config config(Map<String, Object> more) {
    Map<String, Object> c = new HashMap<>();
    c.put("pekko.actor.provider", "cluster");
    c.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
    c.put("pekko.remote.artery.canonical.port", 0);
    c.put("pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on");
    c.put("pekko.cluster.failure-detector.heartbeat-interval", "200ms");
    c.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", "1s");
    c.put("pekko.cluster.split-brain-resolver.stable-after", "1s");
    c.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
    // A node that is terminated leaves no word: it just goes silent, as after kill -9.
    c.put("pekko.coordinated-shutdown.run-by-actor-system-terminate", "off");
    c.putAll(more);
    return DeliConfig.load(c);
  }

  /** {@code n} systems, all Up. */
  static SearchCluster start(int n, Map<String, Object> more) {
    SearchCluster cluster = new SearchCluster();
    for (int i = 0; i < n; i++) {
      cluster.add(more);
    }
    cluster.awaitUp(n);
    return cluster;
  }

  /** One more system, joining the first. */
  ActorTestKit add(Map<String, Object> more) {
    ActorTestKit kit = ActorTestKit.create(Session.SYSTEM_NAME, config(more));
    var address = nodes.isEmpty() ? Cluster.get(kit.system()).selfMember().address() : Cluster.get(nodes.get(0).system()).selfMember().address();
    Cluster.get(kit.system()).manager().tell(Join.create(address));
    nodes.add(kit);
    return kit;
  }

  /** Waits until every live system sees {@code n} members, all Up. */
  void awaitUp(int n) {
    TestProbe<Object> probe = nodes.get(0).createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        () -> {
          for (ActorTestKit kit : nodes) {
            if (kit.system().whenTerminated().isCompleted()) {
              continue;
            }
            List<MemberStatus> status = new ArrayList<>();
            Cluster.get(kit.system()).state().getMembers().forEach(m -> status.add(m.status()));
            assertEquals(n, status.stream().filter(s -> s == MemberStatus.up()).count(), "members: " + status);
            assertEquals(n, status.size(), "members: " + status);
          }
          return null;
        });
  }

  static String address(ActorTestKit kit) {
    return Cluster.get(kit.system()).selfMember().address().toString();
  }

  /** Stops {@code kit}'s system at once, without leaving the cluster. */
  static void kill(ActorTestKit kit) {
    kit.system().terminate();
    kit.system().getWhenTerminated().toCompletableFuture().join();
  }

  @Override
  public void close() {
    for (ActorTestKit kit : nodes) {
      kit.shutdownTestKit();
    }
  }
}
