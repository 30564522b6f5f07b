package deli.testing;

import deli.core.DeliConfig;
import deli.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * A cluster of ActorSystems in this JVM, for tests: artery on 127.0.0.1 with port 0, failure
 * detection and the split-brain resolver made quick. {@link #crash} ends a system without
 * leaving the cluster, as {@code kill -9} ends a node.
 */
public final class TestCluster implements AutoCloseable {
  private final List<ActorTestKit> kits = new ArrayList<>();

  private TestCluster() {}

  /** {@code size} systems, each an Up member seen by all, within 30 s. */
  public static TestCluster of(int size) {
    TestCluster c = new TestCluster();
    for (int i = 0; i < size; i++) {
      c.kits.add(ActorTestKit.create(Session.SYSTEM_NAME, DeliConfig.load(settings())));
    }
    Cluster first = Cluster.get(c.kits.get(0).system());
    for (ActorTestKit kit : c.kits) {
      Cluster.get(kit.system()).manager().tell(Join.create(first.selfMember().address()));
    }
    for (ActorTestKit kit : c.kits) {
      TestProbe<Void> probe = kit.createTestProbe();
      probe.awaitAssert(
          Duration.ofSeconds(30),
          () -> {
            Cluster cluster = Cluster.get(kit.system());
            long up = java.util.stream.StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                .filter(m -> m.status().equals(MemberStatus.up()))
                .count();
            if (up != size) {
              throw new AssertionError(up + " of " + size + " members Up");
            }
            return null;
          });
    }
    return c;
  }

  private static Map<String, Object> settings() {
    return Map.of(
        "pekko.actor.provider", "cluster",
        "pekko.remote.artery.canonical.hostname", "127.0.0.1",
        "pekko.remote.artery.canonical.port", 0,
        "pekko.cluster.jmx.multi-mbeans-in-same-jvm", "on",
        "pekko.cluster.failure-detector.heartbeat-interval", "200ms",
        "pekko.cluster.failure-detector.acceptable-heartbeat-pause", "1s",
        "pekko.cluster.split-brain-resolver.stable-after", "2s",
        // crash() must not leave the cluster: a crashed node says nothing.
        "pekko.coordinated-shutdown.run-by-actor-system-terminate", "off",
        "pekko.cluster.run-coordinated-shutdown-when-down", "off");
  }

  public ActorTestKit kit(int i) {
    return kits.get(i);
  }

  public ActorSystem<Void> system(int i) {
    return kits.get(i).system();
  }

  public int size() {
    return kits.size();
  }

  /** Ends system {@code i} at once: no leaving, no goodbye; the others find out by heartbeats. */
  public void crash(int i) {
    kits.get(i).system().terminate();
  }

  @Override
  public void close() {
    for (ActorTestKit kit : kits) {
      kit.shutdownTestKit();
    }
  }
}
