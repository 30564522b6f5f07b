package deli.node;

import deli.testing.InProcessNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The node's edge under a caller who asks too much: admission, body limits, liveness. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeEdgeTest {
  @TempDir static Path dir;
  private InProcessNode node;

  @BeforeAll
  void startNode() throws Exception {
    node =
        InProcessNode.start(
            dir,
            Services.ALL,
            Map.of(
                "deli.http.admission.total", 100,
                "deli.http.admission.per-service", 50,
                "deli.http.admission.services.sleepers", 10,
                "deli.http.max-request-bytes", "4k"));
  }

  @AfterAll
  void stopNode() {
    node.close();
  }

  @Test
  void pastItsBoundAServiceAnswers429WithRetryAfterAtOnceAndAnswersWhatItAccepted() throws Exception {
    // 8 of the 10 sleepers sleepers may hold, for 3 s.
    CompletableFuture<HttpResponse<String>> held = node.postAsync("/sleepers", "{\"count\": 8, \"delay\": \"3s..3s\"}");
    // Once the node holds them (its /status says so), 3 more do not fit; alone they would.
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (InProcessNode.JSON.readTree(node.get("/status").body()).get("work").get("services").path("sleepers").asLong() != 8) {
      assertTrue(System.nanoTime() < deadline && !held.isDone(), "the 8 sleepers were never held: " + held);
    }
    HttpResponse<String> refused = node.post("/sleepers", "{\"count\": 3, \"delay\": \"0\"}");
    assertEquals(429, refused.statusCode(), refused.body());
    assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
    assertEquals(List.of("error"), InProcessNode.fields(InProcessNode.JSON.readTree(refused.body())));
    assertTrue(refused.body().contains("busy"), refused.body());
    // Other services are not held back by the sleepers' bound.
    assertEquals(200, node.post("/chefs", "{\"count\": 2, \"prep\": \"0\"}").statusCode());
    assertEquals(200, node.get("/health").statusCode());
    HttpResponse<String> first = held.get();
    assertEquals(200, first.statusCode(), first.body());
    assertEquals(8, InProcessNode.JSON.readTree(first.body()).get("count").asInt());
    // Once answered, the room is given back.
    assertEquals(200, node.post("/sleepers", "{\"count\": 8, \"delay\": \"0\"}").statusCode());
  }

  @Test
  void aRequestLargerThanTheNodeEverTakesIsA413NamingTheBound() throws Exception {
    HttpResponse<String> r = node.post("/sleepers", "{\"count\": 11, \"delay\": \"0\"}");
    assertEquals(413, r.statusCode(), r.body());
    assertTrue(r.body().contains("at most 10"), r.body());
    HttpResponse<String> factor = node.post("/factor", "[" + "12,".repeat(50) + "12]");
    assertEquals(413, factor.statusCode(), factor.body());
  }

  @Test
  void aNodeWithATokenAnswersOnlyCallersWhoGiveIt(@TempDir Path other) throws Exception {
    try (InProcessNode guarded = InProcessNode.start(other, Services.ALL, Map.of("deli.http.token", "s3cret"))) {
      HttpResponse<String> none = guarded.get("/status");
      assertEquals(401, none.statusCode(), none.body());
      assertEquals("Bearer realm=\"deli\"", none.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertTrue(none.body().contains("Authorization: Bearer"), none.body());
      HttpResponse<String> wrong = guarded.get("/status", "Bearer s3crex");
      assertEquals(401, wrong.statusCode(), wrong.body());
      assertEquals(200, guarded.get("/status", "Bearer s3cret").statusCode());
      assertEquals(404, guarded.get("/nowhere", "Bearer s3cret").statusCode());
      // Liveness stays open, for probes.
      assertEquals(200, guarded.get("/health").statusCode());
    }
  }

  @Test
  void aBodyOverTheLimitIsA413() throws Exception {
    HttpResponse<String> r = node.post("/chefs", "{\"orders\": \"" + "x".repeat(5000) + "\"}");
    assertEquals(413, r.statusCode(), r.body());
    JsonNode error = InProcessNode.JSON.readTree(r.body());
    assertEquals(List.of("error"), InProcessNode.fields(error));
  }
}
