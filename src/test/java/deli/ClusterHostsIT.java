package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.testing.Await;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code scripts/cluster start 3 --hosts}: three nodes on three hosts (network namespaces joined
 * by a bridge), artery over TLS between them, a token on HTTP. A tuning job across them equals
 * {@code deli tune} in one JVM, a factor job GNU {@code factor}; host 3 cut off in the middle of a job: the majority completes it, every
 * number once, and host 3 downs itself; healed and restarted, it takes work again, and a trace
 * draws the job across the three hosts. Host 1, the oldest member and first seed, cut off:
 * hosts 2 and 3 keep the cluster and host 1 downs itself. Needs root and {@code ip}; skips,
 * saying why, without them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterHostsIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The SBR's stable-after (7 s) after the failure detector's ~4 s, with room for a busy machine. */
  private static final Duration DECISION = Duration.ofSeconds(60);

  private static Path dir;
  private static String token;
  /**
   * The bridge, the namespaces and the subnet are the machine's, not the build's: two builds on
   * one machine (a shared CI runner, a second mvn verify beside this one) take turns with them.
   */
  private static FileChannel hostsLockFile;
  private static FileLock hostsLock;

  @BeforeAll
  static void startThreeHosts() throws Exception {
    String why = whyNoHosts();
    if (why != null) {
      System.out.println("ClusterHostsIT skipped: " + why);
    }
    Assumptions.assumeTrue(why == null, () -> "ClusterHostsIT skipped: " + why);
    hostsLockFile =
        FileChannel.open(Path.of(System.getProperty("java.io.tmpdir"), "deli-cluster-hosts.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    Await.until(Duration.ofMinutes(15), "the machine's hosts, held by another build", () -> (hostsLock = hostsLockFile.tryLock()) != null);
    // Under target, so that a failed run leaves the nodes' output to read; no spaces (JAVA_OPTS).
    dir = Deli.root().resolve("target/cluster-hosts-it");
    Deli.Result started = cluster("start", "3", "--hosts", "--trace");
    assertEquals(0, started.exit(), started.out() + started.err());
    assertTrue(started.out().contains("deli cluster: 3 nodes Up on 3 hosts, artery over TLS"), started.out());
    token = cluster("token").out().strip();
    assertTrue(token.matches("[0-9a-f]{48}"), token);
  }

  @AfterAll
  static void stopAndRemoveTheHosts() throws Exception {
    try {
      stopAndRemove();
    } finally {
      if (hostsLockFile != null) {
        hostsLockFile.close(); // and the lock with it: the next build's turn
      }
    }
  }

  private static void stopAndRemove() throws Exception {
    if (dir == null) {
      return;
    }
    Deli.Result stopped = cluster("stop");
    System.out.println("ClusterHostsIT: " + stopped.out().strip() + stopped.err().strip());
    for (int i = 1; i <= 3; i++) {
      Path pid = dir.resolve("node-" + i + ".pid");
      if (Files.exists(pid)) {
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
    // What start made and stop did not remove (stop failed): the namespaces and the bridge.
    Path made = dir.resolve("made");
    if (Files.exists(made)) {
      List<String> lines = new ArrayList<>(Files.readAllLines(made));
      java.util.Collections.reverse(lines);
      for (String line : lines) {
        String[] kindName = line.split(" ");
        run(kindName[0].equals("netns") ? List.of("ip", "netns", "del", kindName[1]) : List.of("ip", "link", "del", kindName[1]));
      }
    }
    assertFalse(run(List.of("ip", "netns", "list")).contains("deli-host-"), "stop removed the namespaces");
  }

  @Test
  @Order(1)
  void hostThreeCutOffMidJobTheMajorityCompletesItAndHostThreeDownsItself() throws Exception {
    assertEquals(401, send("http://10.77.0.1:8080/cluster", null, null, false).statusCode(), "no token, no answer");
    JsonNode members = JSON.readTree(get(1, "/cluster").body()).get("members");
    assertEquals(3, members.size(), members.toString());

    // The case study's tuning over the three hosts: the trials of 'deli tune' in one JVM.
    HttpResponse<String> tuned = send("http://10.77.0.1:8080/tune", "{\"dataset\":\"iris\"}", null, true);
    assertEquals(200, tuned.statusCode(), tuned.body());
    Deli.Result oneJvm = Deli.run("tune", "--json");
    assertEquals(0, oneJvm.exit(), oneJvm.err());
    assertEquals(trials(oneJvm.out()), trials(tuned.body()));
    Set<String> scored = new TreeSet<>();
    JSON.readTree(tuned.body()).get("nodes").fieldNames().forEachRemaining(scored::add);
    assertEquals(Set.of("10.77.0.1:25520", "10.77.0.2:25520", "10.77.0.3:25520"), scored, "every host scored cells");

    // 6000 numbers at 2 ms each: seconds of work on each host, and host 3 is cut off in it.
    long[] numbers = new SplittableRandom(18).longs(6000, 100_000_000, 1_000_000_000).toArray();
    List<String> expected = gnuFactor(numbers);
    CompletableFuture<HttpResponse<String>> job = factorAsync(1, numbers, null);
    Path host3Trace = dir.resolve("node-3.trace.jsonl");
    Await.until(Duration.ofSeconds(30), "host 3 to receive a batch",
        () -> Files.exists(host3Trace) && Files.readString(host3Trace).contains("FactorBatch"));
    long host3 = pid(3);
    Deli.Result cut = cluster("partition", "3");
    assertEquals(0, cut.exit(), cut.err());
    assertTrue(cut.out().startsWith("host 3 cut off"), cut.out());
    // Cut off, host 3 is still Up in its own view, but it sees most of the cluster unreachable:
    // from then on it answers no job alone (503) until it stops.
    List<String> jobsInside = new ArrayList<>();
    Await.until(Duration.ofSeconds(30), "host 3 to refuse work", () -> {
      String status = inside(3, "POST /factor", "[12,35]");
      jobsInside.add(status);
      return status.contains(" 503") || !running(host3);
    });
    System.out.println("ClusterHostsIT: host 3's answers to a job after the cut: " + jobsInside);
    assertTrue(jobsInside.get(jobsInside.size() - 1).contains(" 503") || !running(host3), jobsInside.toString());

    HttpResponse<String> answer = job.get(Await.scaled(Duration.ofSeconds(120)).toMillis(), TimeUnit.MILLISECONDS);
    assertEquals(200, answer.statusCode(), answer.body());
    assertFactors(expected, answer.body());
    String host1Out = Files.readString(dir.resolve("node-1.out"));
    assertTrue(host1Out.contains("were at pekko://deli@10.77.0.3:25520, no longer reachable: sending them again"),
        "host 1 sent host 3's batches again:\n" + host1Out);

    // The minority downs itself and, as configured (run-coordinated-shutdown-when-down), stops;
    // any /ready answer it gives after its decision is 503.
    List<String> readyAfterDecision = new ArrayList<>();
    withOutput(3, () -> Await.until(DECISION, "host 3 to down itself and stop", () -> {
      boolean decided = Files.readString(dir.resolve("node-3.out")).contains("including myself");
      String ready = decided ? readyInside(3) : "";
      if (!ready.isEmpty()) {
        readyAfterDecision.add(ready);
      }
      return !running(host3);
    }));
    System.out.println("ClusterHostsIT: host 3's /ready between its decision and its stop: " + new TreeSet<>(readyAfterDecision));
    assertTrue(readyAfterDecision.stream().noneMatch(r -> r.contains(" 200")), readyAfterDecision.toString());
    String host3Out = Files.readString(dir.resolve("node-3.out"));
    assertTrue(host3Out.contains("SBR took decision DownReachable and is downing [pekko://deli@10.77.0.3:25520] including myself"), host3Out);
    assertTrue(host3Out.contains("deli node stopped"), host3Out);
    // The majority removed it and keeps answering.
    Await.until(DECISION, "hosts 1 and 2 to remove host 3", () -> upMembers(1).equals(Set.of("10.77.0.1:25520", "10.77.0.2:25520")));
    HttpResponse<String> meanwhile = factor(2, java.util.Arrays.copyOf(numbers, 500), null);
    assertEquals(200, meanwhile.statusCode(), meanwhile.body());
    assertFactors(expected.subList(0, 500), meanwhile.body());

    // Healed and restarted, host 3 is a member again and takes batches; a traced job draws
    // across the three hosts.
    assertEquals(0, cluster("heal", "3").exit());
    Deli.Result restarted = cluster("restart", "3");
    assertEquals(0, restarted.exit(), restarted.out() + restarted.err());
    assertTrue(restarted.out().contains("node 3 rejoined: http://10.77.0.3:8080"), restarted.out());
    long before = batchesAt(1, "10.77.0.3:25520");
    String traceId = "0057ba5e00000018";
    HttpResponse<String> traced = factor(1, java.util.Arrays.copyOf(numbers, 3000), traceId);
    assertEquals(200, traced.statusCode(), traced.body());
    assertFactors(expected.subList(0, 3000), traced.body());
    assertTrue(batchesAt(1, "10.77.0.3:25520") > before, "host 3 took batches again");
    List<String> traceArgs = new ArrayList<>(List.of("trace", "--trace-id", traceId));
    for (int i = 1; i <= 3; i++) {
      traceArgs.add(dir.resolve("node-" + i + ".trace.jsonl").toString());
    }
    // The nodes flush their traces every half second.
    Await.until(Duration.ofSeconds(20), "a diagram with the three hosts' pools", () -> {
      String diagram = Deli.run(traceArgs.toArray(String[]::new)).out();
      return diagram.contains("factor@10.77.0.1:25520") && diagram.contains("factor@10.77.0.2:25520")
          && diagram.contains("factor@10.77.0.3:25520") && diagram.contains(": FactorBatch");
    });
  }

  @Test
  @Order(2)
  void hostOneCutOffHostsTwoAndThreeKeepTheCluster() throws Exception {
    // From whatever the first test left: every host linked, every node running and Up. A node
    // that is running but not Up in its own view (downed, still stopping) is stopped and started
    // again.
    for (int i = 1; i <= 3; i++) {
      cluster("heal", String.valueOf(i));
    }
    for (int i = 1; i <= 3; i++) {
      long pid = pid(i);
      if (running(pid) && !upMembers(i).contains("10.77.0." + i + ":25520")) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        int host = i;
        withOutput(i, () -> Await.until(DECISION, "node " + host + ", not Up, to stop", () -> !running(pid)));
      }
      if (!running(pid)) {
        Deli.Result restarted = cluster("restart", String.valueOf(i));
        assertEquals(0, restarted.exit(), restarted.out() + restarted.err());
      }
    }
    Await.until(Duration.ofSeconds(60), "three Up members", () -> upMembers(2).size() == 3);
    long host1 = pid(1);
    assertEquals(0, cluster("partition", "1").exit());

    Await.until(DECISION, "hosts 2 and 3 to remove host 1",
        () -> upMembers(2).equals(Set.of("10.77.0.2:25520", "10.77.0.3:25520"))
            && upMembers(3).equals(Set.of("10.77.0.2:25520", "10.77.0.3:25520")));
    Await.until(DECISION, "host 1 to down itself and stop", () -> !running(host1));
    assertTrue(Files.readString(dir.resolve("node-1.out")).contains("is downing [pekko://deli@10.77.0.1:25520] including myself"));

    long[] numbers = new SplittableRandom(1).longs(2000, 100_000_000, 1_000_000_000).toArray();
    HttpResponse<String> answer = factor(3, numbers, null);
    assertEquals(200, answer.statusCode(), answer.body());
    assertFactors(gnuFactor(numbers), answer.body());
    Deli.Result status = cluster("status");
    assertTrue(status.out().contains("node 1  http://10.77.0.1:8080  not running, cut off"), status.out());
    assertTrue(status.out().contains("members, as node 2 sees them"), status.out());
  }

  private interface Wait {
    void run() throws Exception;
  }

  /** What a wait does, its failure told with the last lines host {@code host}'s node printed. */
  private static void withOutput(int host, Wait wait) throws Exception {
    try {
      wait.run();
    } catch (AssertionError e) {
      List<String> lines = Files.readAllLines(dir.resolve("node-" + host + ".out"));
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
      throw new AssertionError(e.getMessage() + "\nnode-" + host + ".out, its last lines:\n" + tail, e);
    }
  }

  /** Why this machine cannot make the hosts (null: it can). */
  private static String whyNoHosts() throws Exception {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      return "not root (uid " + uid + "): network namespaces and a bridge need root";
    }
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, "ip"))) {
        return null;
      }
    }
    return "no 'ip' command (iproute2) on the PATH";
  }

  private static Deli.Result cluster(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", Deli.root().resolve("scripts/cluster").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(new File(System.getProperty("java.io.tmpdir")));
    Map<String, String> env = pb.environment();
    env.put("DELI_CLUSTER_DIR", dir.toString());
    env.put("JAVA_OPTS", Deli.javaOpts("-Ddeli.cluster.factor.pause-per-number=2ms"));
    return Deli.finish(pb.start(), 300);
  }

  private static String run(List<String> cmd) throws Exception {
    Deli.Result r = Deli.finish(new ProcessBuilder(cmd).start(), 30);
    return r.out() + r.err();
  }

  private static long pid(int host) throws Exception {
    return Long.parseLong(Files.readString(dir.resolve("node-" + host + ".pid")).strip());
  }

  /**
   * Whether process {@code pid} runs: not a zombie (the nodes are the script's orphans, and what
   * reaps orphans here may take its time), which {@link ProcessHandle#isAlive} counts as alive.
   */
  private static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      char state = stat.charAt(stat.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The first line of host I's {@code GET /ready}, asked inside its namespace; empty when it does not answer. */
  /** The status line host {@code host} answers {@code request} (with {@code body}) with, asked from inside its namespace. */
  private static String inside(int host, String request, String body) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "ip", "netns", "exec", "deli-host-" + host, "timeout", "2", "bash", "-c",
            "exec 3<>/dev/tcp/10.77.0." + host + "/8080 && printf '" + request + " HTTP/1.0\\r\\nHost: 10.77.0." + host
                + "\\r\\nAuthorization: Bearer %s\\r\\nContent-Type: application/json\\r\\nContent-Length: " + body.length()
                + "\\r\\n\\r\\n%s' \"$T\" \"$B\" >&3 && head -n 1 <&3");
    pb.environment().put("T", token);
    pb.environment().put("B", body);
    return Deli.finish(pb.start(), 10).out().strip();
  }

  private static String readyInside(int host) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "ip", "netns", "exec", "deli-host-" + host, "timeout", "2", "bash", "-c",
            "exec 3<>/dev/tcp/10.77.0." + host + "/8080 && printf 'GET /ready HTTP/1.0\\r\\nHost: 10.77.0." + host + "\\r\\nAuthorization: Bearer %s\\r\\n\\r\\n' \"$T\" >&3 && head -n 1 <&3");
    pb.environment().put("T", token);
    return Deli.finish(pb.start(), 10).out().strip();
  }

  private static HttpResponse<String> get(int host, String path) throws Exception {
    return send("http://10.77.0." + host + ":8080" + path, null, null, true);
  }

  private static HttpResponse<String> send(String url, String body, String traceId, boolean withToken) throws Exception {
    return HTTP.send(request(url, body, traceId, withToken), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest request(String url, String body, String traceId, boolean withToken) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Await.scaled(Duration.ofSeconds(120)));
    if (withToken) {
      b.header("Authorization", "Bearer " + token);
    }
    if (traceId != null) {
      b.header("X-Trace-Id", traceId);
    }
    return (body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body))).build();
  }

  private static CompletableFuture<HttpResponse<String>> factorAsync(int host, long[] numbers, String traceId) throws Exception {
    return HTTP.sendAsync(
        request("http://10.77.0." + host + ":8080/factor", JSON.writeValueAsString(numbers), traceId, true),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> factor(int host, long[] numbers, String traceId) throws Exception {
    return factorAsync(host, numbers, traceId).get(Await.scaled(Duration.ofSeconds(120)).toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The Up and reachable members as host I sees them; none when it does not answer. */
  private static Set<String> upMembers(int host) {
    Set<String> up = new TreeSet<>();
    try {
      for (JsonNode m : JSON.readTree(get(host, "/cluster").body()).get("members")) {
        if (m.get("status").asText().equals("Up") && m.get("reachable").asBoolean()) {
          up.add(m.get("node").asText());
        }
      }
    } catch (Exception e) {
      // Not answering (yet, or any more): no members seen.
    }
    return up;
  }

  /** The batches host I's front has had answered by {@code node}, from its {@code GET /status}. */
  private static long batchesAt(int host, String node) throws Exception {
    for (JsonNode s : JSON.readTree(get(host, "/status").body()).get("services")) {
      if (s.get("name").asText().equals("factor")) {
        return s.path("stats").path("batchesByNode").path(node).asLong(0);
      }
    }
    throw new AssertionError("no factor service in host " + host + "'s /status");
  }

  /** The trials of a tuning answer, in one order whatever order they completed in. */
  private static TreeSet<String> trials(String json) throws Exception {
    TreeSet<String> out = new TreeSet<>();
    JSON.readTree(json).get("results").forEach(r -> out.add(r.toString()));
    assertEquals(80, out.size(), json);
    return out;
  }

  /** Each number's factors as GNU factor prints them, as deli's JSON lists. */
  private static List<String> gnuFactor(long[] numbers) throws Exception {
    Process p = new ProcessBuilder("factor").start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> Deli.readAll(p.getInputStream()));
    try (var in = p.getOutputStream()) {
      StringBuilder text = new StringBuilder();
      for (long n : numbers) {
        text.append(n).append('\n');
      }
      in.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "GNU factor");
    List<String> lists = new ArrayList<>();
    for (String line : out.get().split("\n")) {
      lists.add("[" + line.substring(line.indexOf(':') + 2).replace(' ', ',') + "]");
    }
    assertEquals(numbers.length, lists.size());
    return lists;
  }

  /** The answer holds every number's factors once, in order. */
  private static void assertFactors(List<String> expected, String body) throws Exception {
    JsonNode got = JSON.readTree(body);
    assertEquals(expected.size(), got.size(), "every number once");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), got.get(i).toString(), "number " + i);
    }
  }
}
