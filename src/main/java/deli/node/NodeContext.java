package deli.node;

import com.typesafe.config.Config;
import deli.core.DeliException;
import deli.service.Edge;
import deli.service.FileRoots;
import deli.service.ServiceContext;
import deli.trace.Tracing;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * What service {@code service} gets from the node: its supervision (each start of its actors
 * counted, so {@code /status} can tell restarts) and the Receptionist.
 */
record NodeContext(
    ActorContext<Void> ctx,
    NodeSettings settings,
    Edge edge,
    FileRoots fileRoots,
    String service,
    ActorRef<ServiceStarts.Command> starts)
    implements ServiceContext {
  @Override
  public ActorSystem<?> system() {
    return ctx.getSystem();
  }

  @Override
  public Config config() {
    return ctx.getSystem().settings().config();
  }

  @Override
  public Duration askTimeout() {
    return settings.askTimeout();
  }

  @Override
  public Duration statusTimeout() {
    return settings.statusTimeout();
  }

  @Override
  public <T> ActorRef<T> spawn(String name, Class<T> protocol, Behavior<T> behavior, Props props) {
    Behavior<T> counted =
        Behaviors.setup(
            c -> {
              starts.tell(new ServiceStarts.Started(service, name));
              return behavior;
            });
    BackoffSupervisorStrategy backoff = SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(), 0.2);
    // A user's failure (DeliException) is said in one line by FailureLine; a bug, by Pekko with its stack trace.
    Behavior<T> supervised =
        Behaviors.supervise(
                Behaviors.supervise(Behaviors.intercept(() -> new FailureLine<>(protocol, service), Tracing.traced(protocol, counted)))
                    .onFailure(DeliException.class, backoff.withLoggingEnabled(false)))
            .onFailure(backoff);
    return ctx.spawn(supervised, name, props);
  }

  @Override
  public <T> ActorRef<T> register(ServiceKey<T> key, ActorRef<T> ref) {
    ctx.getSystem().receptionist().tell(Receptionist.register(key, ref));
    return ref;
  }
}
