package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import deli.testing.Await;
import deli.testing.TestCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** A node takes work only while it reaches a majority of its cluster. */
class QuorumTest {
  @Test
  void aNodeAloneInOneJvmOrWithMostOfItsClusterTakesWork() {
    ActorTestKit local = ActorTestKit.create();
    try {
      assertNull(Quorum.cutOff(local.system()), "no cluster: nothing to be cut off from");
    } finally {
      local.shutdownTestKit();
    }
  }

  @Test
  void aNodeThatLosesMostOfItsClusterRefusesWorkAndSaysWhy() throws Exception {
    try (TestCluster c = TestCluster.of(3)) {
      assertNull(Quorum.cutOff(c.system(0)));
      c.crash(2);
      // One of three lost: node 0 is still on the majority side.
      Await.until(Duration.ofSeconds(30), "node 2 unreachable or removed",
          () -> org.apache.pekko.cluster.typed.Cluster.get(c.system(0)).state().getUnreachable().size() == 1
              || org.apache.pekko.cluster.typed.Cluster.get(c.system(0)).state().members().size() == 2);
      assertNull(Quorum.cutOff(c.system(0)));
      AtomicReference<String> why = new AtomicReference<>();
      c.crash(1);
      Await.until(Duration.ofSeconds(30), "node 0 to see itself cut off", () -> {
        why.set(Quorum.cutOff(c.system(0)));
        return why.get() != null;
      });
      String reachesOne = "this node reaches 1 of the cluster's ";
      assertEquals(reachesOne, why.get().substring(0, reachesOne.length()), why.get());
    }
  }
}
