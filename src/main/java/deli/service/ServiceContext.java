package deli.service;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What a node gives a {@link Service} as it starts: the system and its config, the HTTP edge,
 * and spawning under the node's supervision (restart with backoff, every message traced).
 */
public interface ServiceContext {
  ActorSystem<?> system();

  /** The whole config: flags over application.conf over reference.conf. */
  Config config();

  Edge edge();

  /** The directories the node reads for its callers. */
  FileRoots fileRoots();

  /** How long an HTTP request waits for the actors' answer. */
  Duration askTimeout();

  /** How long a question to a service (its figures for {@code /status}) may take. */
  Duration statusTimeout();

  /** Spawns {@code behavior} as {@code name}, supervised and traced. */
  <T> ActorRef<T> spawn(String name, Class<T> protocol, Behavior<T> behavior, Props props);

  default <T> ActorRef<T> spawn(String name, Class<T> protocol, Behavior<T> behavior) {
    return spawn(name, protocol, behavior, Props.empty());
  }

  /** Registers {@code ref} with the Receptionist under {@code key}, for every node to find. */
  <T> ActorRef<T> register(ServiceKey<T> key, ActorRef<T> ref);

  /** Spawns the service's one actor and registers it under its key. */
  default <T> ActorRef<T> serve(String name, ServiceKey<T> key, Class<T> protocol, Behavior<T> behavior) {
    return register(key, spawn(name, protocol, behavior));
  }
}
