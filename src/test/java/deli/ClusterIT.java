package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.factor.Factoring;
import deli.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/cluster} with three real nodes: a factor job and a search through HTTP, one
 * node killed with {@code kill -9} in the middle of the job, the job still complete, the node
 * restarted and back as a member, a traced request drawn across the three nodes' trace files.
 */
class ClusterIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void threeNodesShareAFactorJobThatSurvivesAKilledNodeAndAnswerSearchesAsGrepDoes(
      @TempDir Path clusterDir, @TempDir Path tree) throws Exception {
    writeTree(tree);
    int base = freeBase();
    String node1 = "http://127.0.0.1:" + (base + 1);
    try {
      Deli.Result started = cluster(clusterDir, "start", "3", "--base-port", String.valueOf(base), "--search-root", tree.toString(), "--trace");
      assertEquals(0, started.exit(), started.out() + started.err());
      assertTrue(started.out().contains("deli cluster: 3 nodes Up"), started.out());

      JsonNode members = JSON.readTree(get(node1 + "/cluster").body()).get("members");
      assertEquals(3, members.size(), members.toString());
      for (JsonNode m : members) {
        assertEquals("Up", m.get("status").asText(), m.toString());
        assertTrue(m.get("serves").toString().contains("\"factor\""), m.toString());
      }

      // Up is not loaded: a node answers once its shards are read, until then it says so.
      String needle = "import os";
      JsonNode loaded = Await.last(Duration.ofSeconds(60), "a complete search", () -> search(node1, needle), a -> a.get("complete").asBoolean());
      assertEquals(grep(needle, tree), lines(loaded), "before the kill");

      // 6000 numbers at 2 ms each on 6 workers: two seconds of work, and node 3 dies in it.
      long[] numbers = new SplittableRandom(42).longs(6000, 100_000_000, 1_000_000_000).toArray();
      CompletableFuture<HttpResponse<String>> job =
          HTTP.sendAsync(
              HttpRequest.newBuilder(URI.create(node1 + "/factor"))
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(numbers)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // Node 3 dies while it holds batches: once its trace shows one (its pool takes a second
      // over each of its four, and the trace is flushed every half second).
      Path node3Trace = clusterDir.resolve("node-3.trace.jsonl");
      Await.until(Duration.ofSeconds(30), "node 3 to receive a batch",
          () -> Files.exists(node3Trace) && Files.readString(node3Trace).contains("FactorBatch"));
      long pid = Long.parseLong(Files.readString(clusterDir.resolve("node-3.pid")).strip());
      ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
      HttpResponse<String> answer = job.get();
      assertEquals(200, answer.statusCode(), answer.body());
      JsonNode factors = JSON.readTree(answer.body());
      assertEquals(numbers.length, factors.size(), "every number once");
      for (int i = 0; i < numbers.length; i++) {
        assertEquals(JSON.writeValueAsString(Factoring.factor(numbers[i])), factors.get(i).toString(), "number " + i);
      }
      String node1Out = Files.readString(clusterDir.resolve("node-1.out"));
      assertTrue(node1Out.contains("no longer reachable: sending them again"), "node 1 re-sent node 3's batches:\n" + node1Out);

      // Node 3's slices are missing until the survivors have loaded them: meanwhile an answer
      // holds no line grep does not find, and says it is not complete and what is missing.
      boolean[] sawMissing = {false};
      TreeSet<String> all = grep(needle, tree);
      JsonNode whole = Await.last(Duration.ofSeconds(60), "the survivors to load node 3's share", () -> search(node1, needle), a -> {
        if (a.get("complete").asBoolean()) {
          return true;
        }
        sawMissing[0] = true;
        assertTrue(all.containsAll(lines(a)), a.toString());
        assertTrue(
            a.path("missingShards").size() > 0 && a.path("missingFiles").asInt() > 0,
            "an incomplete answer says what it misses: " + a);
        return false;
      });
      assertEquals(all, lines(whole), "after the kill, once the survivors hold node 3's share");
      boolean sawMissingPart = sawMissing[0];
      System.out.println("ClusterIT: an answer named the missing part before the re-split: " + sawMissingPart);

      Deli.Result restarted = cluster(clusterDir, "restart", "3");
      assertEquals(0, restarted.exit(), restarted.out() + restarted.err());
      assertTrue(restarted.out().contains("node 3 rejoined"), restarted.out());
      Deli.Result status = cluster(clusterDir, "status");
      assertEquals(3, status.out().split(" Up\n", -1).length - 1, status.out());

      // A traced request, once node 3 is back: its trace spans the three nodes.
      String traceId = "c1a57e4ace000001";
      HttpResponse<String> traced =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(node1 + "/factor"))
                  .timeout(Duration.ofSeconds(60))
                  .header("X-Trace-Id", traceId)
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(java.util.Arrays.copyOf(numbers, 300))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, traced.statusCode(), traced.body());

      Deli.Result stopped = cluster(clusterDir, "stop");
      assertEquals(0, stopped.exit(), stopped.out() + stopped.err());
      assertTrue(stopped.out().contains("stopped nodes 1 2 3"), stopped.out());

      List<String> traceArgs = new ArrayList<>(List.of("trace", "--trace-id", traceId));
      for (int i = 1; i <= 3; i++) {
        traceArgs.add(clusterDir.resolve("node-" + i + ".trace.jsonl").toString());
      }
      Deli.Result diagram = Deli.run(traceArgs.toArray(String[]::new));
      assertEquals(0, diagram.exit(), diagram.err());
      for (int i = 1; i <= 3; i++) {
        assertTrue(diagram.out().contains("participant p") && diagram.out().contains("factor@127.0.0.1:" + (base + 100 + i)),
            "node " + i + "'s pool in the diagram:\n" + diagram.out());
      }
      assertTrue(diagram.out().contains(": FactorBatch"), diagram.out());
    } finally {
      cluster(clusterDir, "stop");
      for (int i = 1; i <= 3; i++) {
        Path pid = clusterDir.resolve("node-" + i + ".pid");
        if (Files.exists(pid)) {
          ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    }
  }

  @Test
  void aTakenPortIsNamedInOneLineWithTheFlagThatMovesItAndNoNodeStarts(@TempDir Path clusterDir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // The port another program holds is node 2's cluster port: B+100+2.
      int base = taken.getLocalPort() - 102;
      Deli.Result r = cluster(clusterDir, "start", "2", "--base-port", String.valueOf(base));
      assertEquals(1, r.exit(), r.out() + r.err());
      assertEquals(
          "cluster: port " + taken.getLocalPort() + " (node 2's cluster port) is taken on 127.0.0.1; --base-port B moves "
              + "the cluster's ports (node i: B+i, B+100+i, B+200+i)\n",
          r.err());
      assertFalse(Files.exists(clusterDir.resolve("node-1.pid")), "no node started");
    }
  }

  @Test
  void hostsWithoutRootOrIpSaySoInOneLine(@TempDir Path clusterDir, @TempDir Path bin) throws Exception {
    // A PATH with what the script needs before it looks for 'ip', and no 'ip'.
    for (String tool : List.of("dirname", "id")) {
      Files.createSymbolicLink(bin.resolve(tool), onPath(tool));
    }
    ProcessBuilder pb =
        new ProcessBuilder(onPath("bash").toString(), Deli.root().resolve("scripts/cluster").toString(), "start", "3", "--hosts");
    pb.environment().put("PATH", bin.toString());
    pb.environment().put("DELI_CLUSTER_DIR", clusterDir.toString());
    Deli.Result r = Deli.finish(pb.start(), 30);
    boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    assertEquals(1, r.exit(), r.err());
    assertEquals(
        root
            ? "cluster: --hosts needs the 'ip' command (iproute2), which is not installed\n"
            : "cluster: --hosts needs root (it makes network namespaces and a bridge); run it as root\n",
        r.err());
  }

  private static Path onPath(String tool) {
    for (String d : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return Path.of(d, tool);
      }
    }
    throw new AssertionError("no " + tool + " on the PATH");
  }

  private static Deli.Result cluster(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", Deli.root().resolve("scripts/cluster").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(System.getProperty("java.io.tmpdir")));
    Map<String, String> env = pb.environment();
    env.put("DELI_CLUSTER_DIR", dir.toString());
    env.put("JAVA_OPTS", Deli.javaOpts("-Ddeli.cluster.factor.pause-per-number=2ms"));
    return Deli.finish(pb.start(), 240);
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode search(String node, String needle) throws Exception {
    HttpResponse<String> r = get(node + "/search?limit=10000&q=" + java.net.URLEncoder.encode(needle, StandardCharsets.UTF_8));
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static TreeSet<String> lines(JsonNode body) {
    TreeSet<String> out = new TreeSet<>();
    for (JsonNode hit : body.get("results")) {
      out.add(hit.get("file").asText() + ":" + hit.get("line").asInt() + ":" + hit.get("text").asText());
    }
    return out;
  }

  /** What {@code grep -rFn} finds, as {@code path:line:text} with paths relative to the tree. */
  private static TreeSet<String> grep(String needle, Path tree) throws Exception {
    Process p = new ProcessBuilder("grep", "-rFn", "--", needle, ".").directory(tree.toFile()).start();
    String out = Deli.readAll(p.getInputStream());
    assertTrue(p.waitFor() <= 1, "grep failed");
    TreeSet<String> lines = new TreeSet<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line.startsWith("./") ? line.substring(2) : line);
      }
    }
    assertTrue(lines.size() > 10, "the needle is in the tree");
    return lines;
  }

  private static void writeTree(Path tree) throws IOException {
    for (int d = 0; d < 4; d++) {
      Path sub = Files.createDirectories(tree.resolve("pkg" + d));
      for (int f = 0; f < 15; f++) {
        StringBuilder text = new StringBuilder();
        for (int l = 0; l < 20; l++) {
          text.append((l + f + d) % 7 == 0 ? "import os  # line " + l : "x = " + (l * f + d)).append('\n');
        }
        Files.writeString(sub.resolve("m" + f + ".py"), text);
      }
    }
  }

  /** A base port B with B+1..3, B+101..103 and B+201..203 free on 127.0.0.1 (just now). */
  private static int freeBase() throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
      if (free(base + 1, base + 2, base + 3, base + 101, base + 102, base + 103, base + 201, base + 202, base + 203)) {
        return base;
      }
    }
    throw new IOException("no free base port found");
  }

  private static boolean free(int... ports) {
    for (int port : ports) {
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }
}
