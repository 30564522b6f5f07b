package deli.service;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

/**
 * A long-lived service that runs one program per request, the node-side twin of a one-shot
 * command: each {@link Run} spawns the program as a watched child and a small relay that passes
 * the program's final event back to the requester (progress events are for terminals, not for
 * HTTP clients). A program that dies before its final event is answered at once with an error,
 * not left to the asker's timeout. Its messages are local: a node's routes ask their own node's
 * service, so none is serializable.
 */
public final class ProgramService extends AbstractBehavior<ProgramService.Command> {
  public interface Command {}

  /** Runs the program with {@code params}; its final event, or why it failed, goes to {@code replyTo}. */
  public record Run<P, R>(Trace trace, P params, ActorRef<StatusReply<R>> replyTo) implements Command, Traced {}

  /** How a service starts its program: params, the flow's trace, the listener. */
  @FunctionalInterface
  public interface Program<P, E> {
    Behavior<?> start(P params, Trace trace, ActorRef<E> listener);
  }

  /** Told to a run's relay when the run died: it answers with the failure unless it answered already. */
  private record RunFailed(String reason) {}

  private final String kind;
  private final Class<?> finalType;
  private final Program<Object, Object> program;
  private final Props runProps;
  // run -> its relay, until the run stops
  private final Map<ActorRef<?>, ActorRef<Object>> relays = new HashMap<>();
  private long runs;

  @SuppressWarnings("unchecked")
  private ProgramService(ActorContext<Command> ctx, String kind, Class<?> finalType, Program<?, ?> program, Props runProps) {
    super(ctx);
    this.kind = kind;
    this.finalType = finalType;
    this.program = (Program<Object, Object>) program;
    this.runProps = runProps;
  }

  /** A service for {@code kind} runs whose final event is of {@code finalType}. */
  public static <P, E, R extends E> Behavior<Command> create(String kind, Class<R> finalType, Program<P, E> program) {
    return create(kind, finalType, program, Props.empty());
  }

  /** As {@link #create(String, Class, Program)}, each run spawned with {@code runProps} (its dispatcher). */
  public static <P, E, R extends E> Behavior<Command> create(
      String kind, Class<R> finalType, Program<P, E> program, Props runProps) {
    return Behaviors.setup(ctx -> new ProgramService(ctx, kind, finalType, program, runProps));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Run.class, this::onRun)
        .onSignal(ChildFailed.class, this::onRunFailed)
        .onSignal(Terminated.class, this::onRunStopped)
        .build();
  }

  @SuppressWarnings("unchecked")
  private Behavior<Command> onRun(Run<?, ?> run) {
    long n = ++runs;
    ActorRef<Object> relay =
        getContext().spawn(relay(finalType, (ActorRef<StatusReply<Object>>) (ActorRef<?>) run.replyTo()), kind + "-" + n + "-reply");
    ActorRef<?> child = getContext().spawn(program.start(run.params(), run.trace(), relay), kind + "-" + n, runProps);
    getContext().watch(child);
    relays.put(child, relay);
    return this;
  }

  private Behavior<Command> onRunFailed(ChildFailed failed) {
    ActorRef<Object> relay = relays.remove(failed.getRef());
    if (relay != null) {
      relay.tell(new RunFailed(kind + " failed: " + Failures.describe(failed.getCause())));
    }
    return this;
  }

  private Behavior<Command> onRunStopped(Terminated stopped) {
    // A run that stopped gave its final event already (a relay is not watched).
    relays.remove(stopped.getRef());
    return this;
  }

  /** A listener that drops progress events and passes the final one on (or the run's failure), then stops. */
  @SuppressWarnings("unchecked")
  static <R> Behavior<Object> relay(Class<?> finalType, ActorRef<StatusReply<R>> replyTo) {
    return Behaviors.receive(Object.class)
        .onMessage(
            finalType,
            r -> {
              replyTo.tell(StatusReply.success((R) r));
              return Behaviors.stopped();
            })
        .onMessage(
            RunFailed.class,
            f -> {
              replyTo.tell(StatusReply.error(f.reason()));
              return Behaviors.stopped();
            })
        .onAnyMessage(other -> Behaviors.same())
        .build();
  }
}
