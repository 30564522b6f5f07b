package deli.node;

import deli.testing.Await;
import deli.testing.InProcessNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node's life as an operator sees it: ready or not, and how it stops with requests in flight. */
class NodeLifecycleTest {
  @TempDir Path dir;

  @Test
  void aNodeThatCannotJoinItsClusterIsAliveButNotReady() throws Exception {
    // A seed nobody answers: the node never becomes a member.
    try (InProcessNode node =
        InProcessNode.start(dir, Services.ALL, Map.of("pekko.cluster.seed-nodes", List.of("pekko://deli@127.0.0.1:1")))) {
      assertEquals(200, node.get("/health").statusCode());
      HttpResponse<String> ready = node.get("/ready");
      assertEquals(503, ready.statusCode(), ready.body());
      JsonNode r = InProcessNode.JSON.readTree(ready.body());
      assertEquals(List.of("ready", "member", "waitingFor"), InProcessNode.fields(r));
      assertFalse(r.get("ready").asBoolean());
      assertTrue(r.get("waitingFor").get(0).asText().startsWith("cluster membership"), ready.body());
    }
  }

  @Test
  void aNodeThatJoinedWithEveryServiceListedIsReady() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, Services.ALL, Map.of())) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      HttpResponse<String> ready = node.get("/ready");
      while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
        ready = node.get("/ready");
      }
      assertEquals(200, ready.statusCode(), ready.body());
      assertEquals("{\"ready\":true,\"member\":\"Up\",\"waitingFor\":[]}", ready.body());
    }
  }

  @Test
  void aRequestInFlightWhenTheNodeStopsIsAnswered() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, Services.ALL, Map.of("deli.http.drain", "20s"))) {
      // Longer than Pekko's default 5 s for the drain phase and the phases after it: without the
      // node's own phase timeout (its drain + 15 s) this request was cut.
      CompletableFuture<HttpResponse<String>> sleeping = node.postAsync("/sleepers", "{\"count\": 2, \"delay\": \"10s..10s\"}");
      awaitHeld(node, "sleepers");
      node.stop().toCompletableFuture().get(Await.scaled(Duration.ofSeconds(60)).toMillis(), TimeUnit.MILLISECONDS);
      HttpResponse<String> answered = sleeping.get(Await.scaled(Duration.ofSeconds(10)).toMillis(), TimeUnit.MILLISECONDS);
      assertEquals(200, answered.statusCode(), answered.body());
      assertEquals(2, InProcessNode.JSON.readTree(answered.body()).get("count").asInt());
    }
  }

  @Test
  void aRequestStillInFlightAtTheDrainDeadlineIsCut() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, Services.ALL, Map.of("deli.http.drain", "300ms"))) {
      CompletableFuture<HttpResponse<String>> sleeping = node.postAsync("/sleepers", "{\"count\": 1, \"delay\": \"30s..30s\"}");
      awaitHeld(node, "sleepers");
      node.stop().toCompletableFuture().get(60, TimeUnit.SECONDS);
      ExecutionException cut = assertThrows(ExecutionException.class, () -> sleeping.get(10, TimeUnit.SECONDS));
      assertTrue(cut.getCause() instanceof java.io.IOException, String.valueOf(cut.getCause()));
    }
  }

  /** Until the node's /status says it holds work of {@code service}: the request is in. */
  private static void awaitHeld(InProcessNode node, String service) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (InProcessNode.JSON.readTree(node.get("/status").body()).get("work").get("services").path(service).asLong() == 0) {
      assertTrue(System.nanoTime() < deadline, "the request never reached " + service);
    }
  }
}
