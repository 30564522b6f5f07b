package deli.http;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A service as {@code /status} and {@code /cluster} list it: its name, its Receptionist key and,
 * when it has any, what it says of itself (under {@code "stats"}).
 */
public record Listed(String name, ServiceKey<?> key, Optional<Supplier<CompletionStage<?>>> stats) {}
