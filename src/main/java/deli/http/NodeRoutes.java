package deli.http;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health} and {@code GET /status}: the node itself, and each service with its
 * state as the Receptionist sees it ({@code up} with its instances, or {@code down}).
 */
public final class NodeRoutes {
  /**
   * A service as the node lists it; {@code details}, when given, adds what the service itself
   * says about its state (under {@code "stats"}).
   */
  public record Service(String name, ServiceKey<?> key, Supplier<CompletionStage<?>> details) {
    public Service(String name, ServiceKey<?> key) {
      this(name, key, null);
    }
  }

  private final ActorSystem<?> system;
  private final Json json;
  private final List<Service> services;
  private final String node;
  private final Instant started = Instant.now();

  public NodeRoutes(ActorSystem<?> system, Json json, List<Service> services, String node) {
    this.system = system;
    this.json = json;
    this.services = List.copyOf(services);
    this.node = node;
  }

  public Route route() {
    return Directives.concat(
        Directives.path("health", () -> Directives.get(() -> json.ok(Map.of("status", "ok", "node", node)))),
        Directives.path("status", () -> Directives.get(() -> Directives.onSuccess(status(), json::ok))));
  }

  private CompletionStage<Map<String, Object>> status() {
    List<CompletableFuture<Map<String, Object>>> each = new ArrayList<>();
    for (Service s : services) {
      each.add(find(s).toCompletableFuture());
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, Object> out = new LinkedHashMap<>();
              out.put("node", node);
              out.put("started", started.toString());
              out.put("uptimeSeconds", Duration.between(started, Instant.now()).toSeconds());
              out.put("services", each.stream().map(CompletableFuture::join).toList());
              return out;
            });
  }

  private CompletionStage<Map<String, Object>> find(Service s) {
    CompletionStage<Map<String, Object>> listed = listed(s);
    if (s.details() == null) {
      return listed;
    }
    return listed.thenCompose(
        m ->
            s.details()
                .get()
                .handle(
                    (details, failure) -> {
                      if (failure == null) {
                        m.put("stats", details);
                      }
                      return m;
                    }));
  }

  private CompletionStage<Map<String, Object>> listed(Service s) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(),
            replyTo -> Receptionist.find(s.key(), replyTo),
            Duration.ofSeconds(3),
            system.scheduler())
        .handle(
            (listing, failure) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("name", s.name());
              if (failure != null) {
                m.put("state", "unknown");
                return m;
              }
              int n = listing.getAllServiceInstances(s.key()).size();
              m.put("state", n > 0 ? "up" : "down");
              m.put("instances", n);
              return m;
            });
  }
}
