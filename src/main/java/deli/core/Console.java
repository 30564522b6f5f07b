package deli.core;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The actor that owns the terminal for a command: it renders a program's events to lines,
 * buffers them (a flush at most every 50 ms, so 100,000 lines cost no 100,000 syscalls),
 * and ends the session when an event says the command is done. Spawn it on the blocking
 * dispatcher: writing to a pipe may block.
 */
public final class Console {
  private static final Duration FLUSH_EVERY = Duration.ofMillis(50);

  /** What one event prints, and the exit code when the event ends the command. */
  public record Output(List<String> out, List<String> err, Integer exitCode) {
    public Output {
      out = List.copyOf(out);
      err = List.copyOf(err);
    }

    public static Output none() {
      return new Output(List.of(), List.of(), null);
    }

    public static Output line(String line) {
      return new Output(List.of(line), List.of(), null);
    }

    public static Output lines(List<String> lines) {
      return new Output(lines, List.of(), null);
    }

    public static Output warning(String line) {
      return new Output(List.of(), List.of(line), null);
    }

    /** These lines, then the end of the command with {@code exitCode}. */
    public static Output end(List<String> lines, int exitCode) {
      return new Output(lines, List.of(), exitCode);
    }
  }

  private enum Flush {
    INSTANCE
  }

  private Console() {}

  /**
   * A console for events of type {@code E}. It is an actor of {@code Object} inside (for its
   * private flush timer) narrowed to {@code E} outside, the shape Pekko's {@code narrow} is for.
   */
  public static <E> Behavior<E> create(Function<E, Output> render, PrintStream out, PrintStream err) {
    Behavior<Object> b =
        Behaviors.setup(
            ctx ->
            Behaviors.withTimers(
            timers ->
                Behaviors.receive(Object.class)
                    .onMessage(
                        Flush.class,
                        f -> {
                          out.flush();
                          err.flush();
                          return Behaviors.same();
                        })
                    .onMessage(
                        Object.class,
                        event -> {
                          @SuppressWarnings("unchecked")
                          Output o = render.apply((E) event);
                          o.out().forEach(out::println);
                          o.err().forEach(err::println);
                          if (!o.err().isEmpty()) {
                            err.flush();
                          }
                          if (o.exitCode() != null) {
                            out.flush();
                            err.flush();
                            Session.finish(ctx.getSystem(), o.exitCode());
                            return Behaviors.same();
                          }
                          if (!o.out().isEmpty() && !timers.isTimerActive(Flush.INSTANCE)) {
                            timers.startSingleTimer(Flush.INSTANCE, Flush.INSTANCE, FLUSH_EVERY);
                          }
                          return Behaviors.same();
                        })
                    .onSignal(
                        PostStop.class,
                        s -> {
                          out.flush();
                          err.flush();
                          return Behaviors.same();
                        })
                    .build()));
    return b.narrow();
  }
}
