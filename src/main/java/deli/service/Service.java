package deli.service;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * One service of a node, described once by its program: its name, the key it registers with
 * the Receptionist, and how it starts (its actors from its settings, its HTTP view, what
 * {@code /status} says of it). The node walks a list of these; adding a service is one
 * description and one line in that list.
 *
 * @param name how the node, {@code /status} and {@code /cluster} name it
 * @param key the Receptionist key its instances register under, on every node
 * @param start starts it on a node through the context
 * @param endpoints the paths its routes answer, as the API's index ({@code GET /} as JSON) lists them
 */
public record Service(String name, ServiceKey<?> key, Function<ServiceContext, Running> start, List<Endpoint> endpoints) {
  public Service {
    endpoints = List.copyOf(endpoints);
  }

  /** A service whose paths {@link #answering} then lists. */
  public Service(String name, ServiceKey<?> key, Function<ServiceContext, Running> start) {
    this(name, key, start, List.of());
  }

  /** This service, its routes answering {@code endpoints}. */
  public Service answering(Endpoint... endpoints) {
    return new Service(name, key, start, List.of(endpoints));
  }

  /**
   * One path of the HTTP API, as the index lists it.
   *
   * @param method {@code GET} or {@code POST}
   * @param path the path, with its query where one is needed ({@code /search?q=})
   * @param what what it answers or does, in a few words
   */
  public record Endpoint(String method, String path, String what) {
    public static Endpoint get(String path, String what) {
      return new Endpoint("GET", path, what);
    }

    public static Endpoint post(String path, String what) {
      return new Endpoint("POST", path, what);
    }
  }

  /**
   * A service as started on a node.
   *
   * @param serving whether this node serves it (listed in {@code /status}); a node may serve none
   *     of a service and still answer its routes, to say why
   * @param route its HTTP view
   * @param stats what it adds to its {@code /status} entry under {@code "stats"}, if anything
   */
  public record Running(boolean serving, Route route, Optional<Supplier<CompletionStage<?>>> stats) {
    public static Running of(Route route) {
      return new Running(true, route, Optional.empty());
    }

    /** This node serves none of it; {@code route} answers its paths all the same (saying so). */
    public static Running none(Route route) {
      return new Running(false, route, Optional.empty());
    }

    public Running withStats(Supplier<CompletionStage<?>> stats) {
      return new Running(serving, route, Optional.of(stats));
    }
  }
}
