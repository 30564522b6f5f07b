package deli.core;

import deli.trace.Trace;
import deli.trace.Traced;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A long-lived service that runs one program per request, the node-side twin of a one-shot
 * command: each {@link Run} spawns the program as a child and a small relay that passes the
 * program's final event back to the requester (progress events are for terminals, not for
 * HTTP clients). Used for the chapter's demo programs; real services have their own actors.
 */
public final class ProgramService {
  public interface Command extends CborSerializable {}

  /** Runs the program with {@code params}; the final event goes to {@code replyTo}. */
  public record Run<P, R>(Trace trace, P params, ActorRef<R> replyTo) implements Command, Traced {}

  /** How a service starts its program: params, the flow's trace, the listener. */
  @FunctionalInterface
  public interface Program<P, E> {
    Behavior<?> start(P params, Trace trace, ActorRef<E> listener);
  }

  private ProgramService() {}

  /** A service for {@code kind} runs whose final event is of {@code finalType}. */
  public static <P, E, R extends E> Behavior<Command> create(
      String kind, Class<R> finalType, Program<P, E> program) {
    return create(kind, finalType, program, Props.empty());
  }

  /** As {@link #create(String, Class, Program)}, each run spawned with {@code runProps} (its dispatcher). */
  public static <P, E, R extends E> Behavior<Command> create(
      String kind, Class<R> finalType, Program<P, E> program, Props runProps) {
    return Behaviors.setup(
        ctx -> {
          long[] runs = {0};
          return Behaviors.receive(Command.class)
              .onMessage(
                  Run.class,
                  run -> {
                    @SuppressWarnings("unchecked")
                    Run<P, R> r = (Run<P, R>) run;
                    long n = ++runs[0];
                    ActorRef<E> relay =
                        ctx.spawn(relay(finalType, r.replyTo()), kind + "-" + n + "-reply");
                    ctx.spawn(program.start(r.params(), r.trace(), relay), kind + "-" + n, runProps);
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** A listener that drops progress events and passes the final one on, then stops. */
  static <E, R extends E> Behavior<E> relay(Class<R> finalType, ActorRef<R> replyTo) {
    Behavior<Object> b =
        Behaviors.receive(Object.class)
            .onMessage(
                finalType,
                r -> {
                  replyTo.tell(r);
                  return Behaviors.stopped();
                })
            .onAnyMessage(other -> Behaviors.same())
            .build();
    return b.narrow();
  }
}
