package deli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliConfig;
import deli.core.Session;
import deli.node.Guardian;
import deli.node.NodeCommand;
import deli.node.NodeSettings;
import deli.service.Service;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * A node in this JVM for tests: its HTTP API on a free port of 127.0.0.1, its log server on
 * another, writing under {@code dir}; asked over real HTTP as a client asks.
 */
public final class InProcessNode implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ActorSystem<Void> system;
  public final String base;

  private InProcessNode(ActorSystem<Void> system, String base) {
    this.system = system;
    this.base = base;
  }

  /** A node of {@code services}, its config the defaults under {@code settings}. */
  public static InProcessNode start(Path dir, List<Service> services, Map<String, Object> settings) throws Exception {
    Map<String, Object> all = new HashMap<>();
    all.put("pekko.actor.provider", "cluster");
    all.put("pekko.remote.artery.canonical.hostname", "127.0.0.1");
    all.put("pekko.remote.artery.canonical.port", 0);
    all.put("deli.http.host", "127.0.0.1");
    all.put("deli.http.port", 0);
    all.put("deli.logserver.port", 0);
    all.put("deli.logserver.out", dir.resolve("one.log").toString());
    // Nothing answers there: the weather rounds fail at once, and that is shown.
    all.put("deli.weather.base-url", "http://127.0.0.1:9");
    all.putAll(settings);
    com.typesafe.config.Config config = DeliConfig.load(all);
    // The stop's drain phase as deli node sets it: with Pekko's 5 s default a request in flight
    // on a busy machine was cut before it was answered.
    all.putAll(NodeCommand.drainPhase(NodeSettings.from(config.getConfig("deli")), config));
    config = DeliConfig.load(all);
    CompletableFuture<InetSocketAddress> bound = new CompletableFuture<>();
    ActorSystem<Void> system =
        ActorSystem.create(
            Guardian.create(NodeSettings.from(config.getConfig("deli")), services, bound::complete), Session.SYSTEM_NAME, config);
    try {
      InetSocketAddress at = bound.get(60, TimeUnit.SECONDS);
      return new InProcessNode(system, "http://127.0.0.1:" + at.getPort());
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET with {@code Authorization: authorization}. */
  public HttpResponse<String> get(String path, String authorization) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  public CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
    return http.sendAsync(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  public static List<String> fields(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /** Stops the node as SIGTERM does (CoordinatedShutdown), and tells when it is down. */
  public CompletionStage<?> stop() {
    return org.apache.pekko.actor.CoordinatedShutdown.get(system).runAll(org.apache.pekko.actor.CoordinatedShutdown.jvmExitReason());
  }

  @Override
  public void close() {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
