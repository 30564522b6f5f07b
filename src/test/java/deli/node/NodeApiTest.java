package deli.node;

import deli.core.DeliException;
import deli.testing.InProcessNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliConfig;
import deli.core.Session;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import deli.service.Service;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node's whole HTTP API in this JVM: one node with every service (search over a small
 * tree), asked as a client asks, each answer held to its fields and their order. This is what
 * users and scripts read, so a service that moves must keep it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeApiTest {
  private static final ObjectMapper JSON = InProcessNode.JSON;

  @TempDir static Path dir;
  private InProcessNode node;

  @BeforeAll
  void startNode() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("a.py"), "import os\nimport sys\n");
    Files.writeString(tree.resolve("b.py"), "from typing import List\nx = 1\n");
    node = InProcessNode.start(dir, withCrashy(Services.ALL), Map.of("deli.search.serve.root", tree.toString(), "deli.http.file-roots", List.of(tree.toString())));
  }

  /** A message that makes the test's own service throw. */
  private enum Crash {
    INSTANCE,
    /** A failure the user can act on, as a file held by another node. */
    USERS
  }

  private static final ServiceKey<Crash> CRASHY = ServiceKey.create(Crash.class, "deli-test-crashy");

  /**
   * {@code services} and one more that throws on every message ({@code POST /crash}), to see the
   * node's supervision at work.
   */
  private static List<Service> withCrashy(List<Service> services) {
    Service crashy =
        new Service(
            "crashy",
            CRASHY,
            ctx -> {
              ActorRef<Crash> ref =
                  ctx.serve(
                      "crashy",
                      CRASHY,
                      Crash.class,
                      Behaviors.receive(Crash.class)
                          .onMessage(
                              Crash.class,
                              c -> {
                                if (c == Crash.USERS) {
                                  throw new DeliException("cannot write crashy.log, as asked");
                                }
                                throw new IllegalStateException("crashy crashed, as asked");
                              })
                          .build());
              return Service.Running.of(
                  Directives.path(
                      "crash",
                      () ->
                          Directives.post(
                              () ->
                                  Directives.parameterOptional(
                                      "as",
                                      as -> {
                                        ref.tell(as.isPresent() ? Crash.USERS : Crash.INSTANCE);
                                        return Directives.complete("crashing");
                                      }))));
            });
    List<Service> all = new ArrayList<>(services);
    all.add(crashy);
    return all;
  }

  @AfterAll
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return node.get(path);
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return node.post(path, body);
  }

  private static List<String> fields(JsonNode node) {
    return InProcessNode.fields(node);
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    return JSON.readTree(r.body());
  }

  @Test
  void healthNamesTheNode() throws Exception {
    JsonNode health = ok(get("/health"));
    assertEquals(List.of("status", "node"), fields(health));
    assertEquals("ok", health.get("status").asText());
  }

  @Test
  void statusListsEveryServiceWithItsState() throws Exception {
    JsonNode status = ok(get("/status"));
    assertEquals(List.of("node", "started", "uptimeSeconds", "work", "services"), fields(status));
    assertEquals(List.of("held", "bound", "services"), fields(status.get("work")));
    List<String> names = new ArrayList<>();
    status.get("services").forEach(s -> names.add(s.get("name").asText()));
    assertEquals(
        List.of("chefs", "sleepers", "cpu", "imports", "weather", "logserver", "factor", "philosophers", "search", "tune", "crashy"),
        names);
    for (JsonNode s : status.get("services")) {
      assertEquals("up", s.get("state").asText(), s.toString());
      assertEquals(1, s.get("instances").asInt(), s.toString());
    }
    JsonNode logserver = status.get("services").get(5);
    assertEquals(List.of("name", "state", "instances", "stats"), fields(logserver));
    JsonNode factor = status.get("services").get(6);
    assertEquals(List.of("name", "state", "instances", "stats"), fields(factor));
  }

  @Test
  void clusterListsThisMemberAndWhatItServes() throws Exception {
    JsonNode cluster = ok(get("/cluster"));
    assertEquals(List.of("self", "leader", "members"), fields(cluster));
    JsonNode me = cluster.get("members").get(0);
    assertEquals(List.of("node", "address", "status", "reachable", "roles", "serves"), fields(me));
    List<String> serves = new ArrayList<>();
    me.get("serves").forEach(s -> serves.add(s.asText()));
    assertEquals(
        List.of("chefs", "cpu", "crashy", "factor", "imports", "logserver", "philosophers", "search", "sleepers", "tune", "weather"),
        serves);
  }

  @Test
  void aServiceThatCrashesIsRestartedWhileTheOthersAnswerAndStatusSaysSo() throws Exception {
    // Another test crashes it too: count from what /status says now.
    int before = ok(get("/status")).get("services").get(10).path("restarts").asInt(0);
    assertEquals(200, post("/crash", "").statusCode());
    JsonNode crashy = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      crashy = ok(get("/status")).get("services").get(10);
      if (crashy.path("restarts").asInt(0) > before) {
        break;
      }
      // Polling what a client polls: /status is the event's only witness outside the node.
      Thread.onSpinWait();
    }
    assertEquals(List.of("name", "state", "instances", "restarts"), fields(crashy), String.valueOf(crashy));
    assertEquals(before + 1, crashy.get("restarts").asInt());
    assertEquals("up", crashy.get("state").asText());
    // The others answered all along and still do.
    assertEquals(2, ok(post("/sleepers", "{\"count\": 2, \"delay\": \"0\"}")).get("count").asInt());
    assertEquals(200, post("/crash", "").statusCode());
  }

  @Test
  void aServiceThatFailsForAReasonTheUserCanFixSaysItInOneLineWithoutAStackTrace() {
    // Pekko's own report of the failure (with its stack trace) must not come at all.
    LoggingTestKit.custom(e -> e.message().contains("saw failure"))
        .withOccurrences(0)
        .expect(
            node.system(),
            () ->
                LoggingTestKit.custom(
                        e -> e.message().equals("crashy: cannot write crashy.log, as asked; restarting it") && e.throwable().isEmpty())
                    .expect(node.system(), () -> {
                      try {
                        return post("/crash?as=user", "").statusCode();
                      } catch (Exception x) {
                        throw new IllegalStateException(x);
                      }
                    }));
  }

  @Test
  void chefsAnswersEveryPlateWithTheTraceId() throws Exception {
    HttpResponse<String> r = post("/chefs", "{\"count\": 4, \"prep\": \"0\", \"chefs\": [\"A\", \"B\"]}");
    JsonNode chefs = ok(r);
    assertEquals(List.of("traceId", "plates", "perChef", "returned", "duplicates", "seconds"), fields(chefs));
    assertEquals(r.headers().firstValue("X-Trace-Id").orElseThrow(), chefs.get("traceId").asText());
    assertEquals(4, chefs.get("plates").size());
    assertEquals(List.of("chef", "order", "at"), fields(chefs.get("plates").get(0)));
    assertEquals(List.of("A", "B"), fields(chefs.get("perChef")));
    assertEquals(4, chefs.get("perChef").get("A").asInt() + chefs.get("perChef").get("B").asInt());
  }

  @Test
  void aW3cTraceparentPutsTheRequestInTheCallersTraceAndIsAnsweredWithTheRequestsSpan() throws Exception {
    String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(node.base + "/sleepers"))
                .header("traceparent", caller)
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\": 2, \"delay\": \"0\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode sleepers = ok(r);
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", sleepers.get("traceId").asText());
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", r.headers().firstValue("X-Trace-Id").orElseThrow());
    String answered = r.headers().firstValue("traceparent").orElseThrow();
    assertTrue(answered.matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-0[01]"), answered);
    assertTrue(!answered.contains("00f067aa0ba902b7"), "the request is a span of its own, under the caller's: " + answered);
  }

  @Test
  void aTraceIdGivenIsTheOneAnswered() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(URI.create(node.base + "/sleepers"))
                .header("X-Trace-Id", "given-trace-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"count\": 2, \"delay\": \"0\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode sleepers = ok(r);
    assertEquals("given-trace-1", r.headers().firstValue("X-Trace-Id").orElseThrow());
    assertEquals("given-trace-1", sleepers.get("traceId").asText());
    assertEquals(List.of("traceId", "count", "seconds", "longest", "total"), fields(sleepers));
    assertEquals(2, sleepers.get("count").asInt());
  }

  @Test
  void cpuAnswersTheRace() throws Exception {
    JsonNode cpu = ok(post("/cpu", "{\"work\": 1000, \"workers\": 2}"));
    assertEquals(
        List.of("traceId", "work", "workers", "parallelSeconds", "oneThreadSeconds", "speedup", "sumsRight"), fields(cpu));
    assertEquals(2, cpu.get("workers").asInt());
    assertTrue(cpu.get("sumsRight").asBoolean());
  }

  @Test
  void importsAnswersTheTreesFiles() throws Exception {
    JsonNode imports = ok(post("/imports", "{\"dir\": " + JSON.writeValueAsString(dir.resolve("tree").toString()) + "}"));
    assertEquals(List.of("traceId", "root", "searched", "msPerFile", "files", "errors"), fields(imports));
    assertEquals(2, imports.get("files").size());
    JsonNode a = imports.get("files").get(0);
    assertEquals(List.of("path", "imports", "focus"), fields(a));
    assertEquals("a.py", a.get("path").asText());
    assertEquals("[\"os\",\"sys\"]", a.get("imports").toString());
    assertTrue(imports.get("files").get(1).get("focus").asBoolean(), "b.py imports typing");
  }

  @Test
  void metricsServesEachActorClassCountersInThePrometheusTextFormat() throws Exception {
    ok(post("/philosophers", "{\"servings\": 3, \"eat\": \"0\", \"think\": \"0\", \"seed\": 1}"));
    HttpResponse<String> r = get("/metrics");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
    java.util.regex.Pattern sample = java.util.regex.Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? [-+0-9.eE]+|[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? [+-]?(Inf|NaN)");
    for (String line : r.body().split("\n")) {
      assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ") || sample.matcher(line).matches(), line);
    }
    java.util.regex.Matcher forks =
        java.util.regex.Pattern.compile("(?m)^deli_actor_messages_handled_total\\{actor_class=\"philosophers\\.Fork\"} ([0-9.eE+]+)$").matcher(r.body());
    assertTrue(forks.find(), r.body());
    assertTrue(Double.parseDouble(forks.group(1)) >= 3 * 5 * 2, "each meal takes two forks: " + forks.group(1));
    assertTrue(r.body().contains("# TYPE deli_actor_handling_seconds summary"), r.body());
    assertTrue(r.body().contains("jvm_memory_used_bytes"), "the JVM's own metrics are there too");
  }

  @Test
  void philosophersAnswersTheDinner() throws Exception {
    JsonNode dinner = ok(post("/philosophers", "{\"servings\": 2, \"eat\": \"0\", \"think\": \"0\", \"seed\": 1}"));
    assertEquals(
        List.of(
            "traceId", "outcome", "faculty", "footman", "servings", "meals", "seconds", "mealsPerSecond", "mealsEach",
            "fairness", "results", "restarts", "forksReclaimed", "seatsReclaimed", "refused"),
        fields(dinner));
    assertEquals("done", dinner.get("outcome").asText());
    assertEquals(List.of("id", "eat", "think"), fields(dinner.get("results").get(0).get(0)));
  }

  @Test
  void weatherAnswersEveryZoneWithItsState() throws Exception {
    JsonNode weather = ok(post("/weather/refresh", ""));
    List<String> f = fields(weather);
    assertEquals(List.of("traceId", "baseUrl"), f.subList(0, 2));
    assertTrue(f.containsAll(List.of("refreshEvery", "fetching", "lastRound", "zones")), f.toString());
    assertEquals(13, weather.get("zones").size());
    JsonNode zone = weather.get("zones").get(0);
    assertEquals(List.of("code", "same", "name", "state"), fields(zone).subList(0, 4));
    assertEquals("failed", zone.get("state").asText(), zone.toString());
    assertEquals(List.of("finished", "seconds", "fetched", "failed"), fields(weather.get("lastRound")));
    assertEquals(f, fields(ok(get("/weather"))));
  }

  @Test
  void logserverAnswersItsFigures() throws Exception {
    JsonNode stats = ok(get("/logserver"));
    assertTrue(fields(stats).size() > 3, stats.toString());
  }

  @Test
  void factorAnswersInOrder() throws Exception {
    JsonNode factors = ok(post("/factor", "[12, \"97\", 15]"));
    assertEquals("[[2,2,3],[97],[3,5]]", factors.toString());
  }

  @Test
  void searchAnswersTheLinesFound() throws Exception {
    JsonNode found = ok(get("/search?q=import"));
    assertEquals(
        List.of("traceId", "query", "files", "matches", "filesMatched", "ms", "complete", "returned", "truncated", "results"),
        fields(found));
    assertEquals(3, found.get("matches").asInt());
    assertEquals(List.of("file", "line", "text"), fields(found.get("results").get(0)));
    JsonNode counts = ok(get("/search?q=import&count=true"));
    assertEquals(List.of("file", "count"), fields(counts.get("counts").get(0)));
  }

  @Test
  void badInputIsA400WithOneErrorField() throws Exception {
    for (HttpResponse<String> r :
        List.of(
            post("/chefs", "{\"prep\": \"soon\"}"),
            post("/chefs", "{\"nope\": 1}"),
            post("/sleepers", "[1"),
            post("/factor", "[\"x\"]"),
            post("/imports", "{\"dir\": " + JSON.writeValueAsString(dir.resolve("tree/none").toString()) + "}"),
            get("/search"))) {
      assertEquals(400, r.statusCode(), r.body());
      assertEquals(List.of("error"), fields(JSON.readTree(r.body())), r.body());
    }
    HttpResponse<String> outside = post("/imports", "{\"dir\": \"/etc\"}");
    assertEquals(403, outside.statusCode(), outside.body());
    assertEquals(List.of("error"), fields(JSON.readTree(outside.body())));
    HttpResponse<String> missing = get("/nowhere");
    assertEquals(404, missing.statusCode());
    assertEquals(List.of("error"), fields(JSON.readTree(missing.body())));
  }

  @Test
  void aNumberPastItsBoundIsA400NamingItAndTheNodeAnswersOn() throws Exception {
    // {"count": 1000000000} once built a billion orders and the JVM died of OutOfMemoryError.
    for (String[] c :
        new String[][] {
          {"/chefs", "{\"count\": 1000000000, \"prep\": \"0\"}", "count must be 0 to 1,000,000, not 1000000000"},
          {"/chefs", "{\"count\": 3, \"fail-rate\": 1}", "fail-rate must be 0 to below 1, not 1"},
          {"/sleepers", "{\"count\": 1000000000, \"delay\": \"0\"}", "count must be 0 to 1,000,000, not 1000000000"},
          {"/sleepers", "{\"count\": \"many\"}", "count must be an integer, not 'many'"},
          {"/philosophers", "{\"servings\": 2000000000}", "servings must be 0 to 1,000,000, not 2000000000"},
          {"/cpu", "{\"work\": 100000000000000}", "work must be 0 to 10,000,000,000, not 100000000000000"},
        }) {
      HttpResponse<String> r = post(c[0], c[1]);
      assertEquals(400, r.statusCode(), r.body());
      assertEquals(c[2], JSON.readTree(r.body()).get("error").asText(), c[0] + " " + c[1]);
    }
    assertEquals(2, ok(post("/sleepers", "{\"count\": 2, \"delay\": \"0\"}")).get("count").asInt());
  }
}
