package deli.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import deli.service.Admission;
import deli.service.Json;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health}, {@code GET /ready} and {@code GET /status}: the node itself (alive; ready
 * once it is an Up member of its cluster and every service it runs is listed), and each service
 * with its state as the Receptionist sees it ({@code up} with its instances, or {@code down}).
 */
final class NodeRoutes {
  /** {@code GET /health}'s answer. */
  record Health(String status, String node) {}

  /** {@code GET /ready}'s answer: 200 when {@code ready}, 503 with what it waits for otherwise. */
  record Ready(boolean ready, String member, List<String> waitingFor) {}

  /** {@code GET /status}'s answer: {@code work}, what the node holds now of the work it admits. */
  record Status(String node, String started, long uptimeSeconds, Admission.Held work, List<ServiceState> services) {}

  /**
   * A service in {@code /status}: {@code restarts} only when the node restarted it, {@code stats}
   * only when it says something of itself.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ServiceState(String name, String state, Integer instances, Integer restarts, Object stats) {
    ServiceState withStats(Object stats) {
      return new ServiceState(name, state, instances, restarts, stats);
    }

    ServiceState withRestarts(Integer restarts) {
      return new ServiceState(name, state, instances, restarts, stats);
    }
  }

  private final ActorSystem<?> system;
  private final Json json;
  private final List<Listed> services;
  private final Supplier<Admission.Held> work;
  private final Supplier<CompletionStage<Map<String, Integer>>> restarts;
  private final String node;
  private final Duration timeout;
  private final Instant started = Instant.now();

  NodeRoutes(
      ActorSystem<?> system,
      Json json,
      List<Listed> services,
      Supplier<Admission.Held> work,
      Supplier<CompletionStage<Map<String, Integer>>> restarts,
      String node,
      Duration timeout) {
    this.system = system;
    this.json = json;
    this.services = List.copyOf(services);
    this.work = work;
    this.restarts = restarts;
    this.node = node;
    this.timeout = timeout;
  }

  Route route() {
    return Directives.concat(
        Directives.path("health", () -> Directives.get(() -> json.ok(new Health("ok", node)))),
        Directives.path("ready", () -> Directives.get(() -> Directives.onSuccess(ready(), r -> json.complete(
            r.ready() ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE, r)))),
        Directives.path("status", () -> Directives.get(() -> Directives.onSuccess(status(), json::ok))));
  }

  private CompletionStage<Ready> ready() {
    String member = "none";
    List<String> waiting = new ArrayList<>();
    if (system.settings().config().getString("pekko.actor.provider").equals("cluster")) {
      MemberStatus status = Cluster.get(system).selfMember().status();
      member = status.toString();
      if (!status.equals(MemberStatus.up())) {
        waiting.add("cluster membership (this node is " + status + ", not Up)");
      }
      String cutOff = deli.service.Quorum.cutOff(system);
      if (cutOff != null) {
        waiting.add("a majority of the cluster (" + cutOff + ")");
      }
    }
    String self = member;
    List<CompletableFuture<ServiceState>> each = services.stream().map(s -> listed(s).toCompletableFuture()).toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              for (CompletableFuture<ServiceState> s : each) {
                if (!s.join().state().equals("up")) {
                  waiting.add(s.join().name() + " (" + s.join().state() + ")");
                }
              }
              return new Ready(waiting.isEmpty(), self, List.copyOf(waiting));
            });
  }

  CompletionStage<Status> status() {
    List<CompletableFuture<ServiceState>> each = new ArrayList<>();
    for (Listed s : services) {
      each.add(find(s).toCompletableFuture());
    }
    CompletableFuture<Map<String, Integer>> restarted =
        restarts.get().toCompletableFuture().exceptionally(failure -> Map.of());
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenCombine(
            restarted,
            (done, byService) ->
                new Status(
                    node,
                    started.toString(),
                    Duration.between(started, Instant.now()).toSeconds(),
                    work.get(),
                    each.stream().map(CompletableFuture::join).map(s -> s.withRestarts(byService.get(s.name()))).toList()));
  }

  private CompletionStage<ServiceState> find(Listed s) {
    CompletionStage<ServiceState> listed = listed(s);
    if (s.stats().isEmpty()) {
      return listed;
    }
    return listed.thenCompose(
        state -> s.stats().get().get().handle((stats, failure) -> failure == null ? state.withStats(stats) : state));
  }

  private CompletionStage<ServiceState> listed(Listed s) {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(), replyTo -> Receptionist.find(s.key(), replyTo), timeout, system.scheduler())
        .handle(
            (listing, failure) -> {
              if (failure != null) {
                return new ServiceState(s.name(), "unknown", null, null, null);
              }
              int n = listing.getAllServiceInstances(s.key()).size();
              return new ServiceState(s.name(), n > 0 ? "up" : "down", n, null, null);
            });
  }
}
