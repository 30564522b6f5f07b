package deli.core;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The actor that owns the terminal for a command: it renders a program's events to lines,
 * buffers them (a flush at most every 50 ms, so 100,000 lines cost no 100,000 syscalls),
 * and ends the session when an event says the command is done. An event may also carry a
 * status (progress): it is drawn on stderr, redrawn in place at most every 100 ms, only when
 * stderr is a terminal, and wiped before any other line is written. Spawn it on the blocking
 * dispatcher: writing to a pipe may block.
 */
public final class Console {
  private static final Duration FLUSH_EVERY = Duration.ofMillis(50);
  private static final Duration STATUS_EVERY = Duration.ofMillis(100);
  private static final String CLEAR_LINE = "\r\033[K";

  /**
   * What one event prints, and the exit code when the event ends the command; {@code status}
   * (or null) replaces the command's status line.
   */
  public record Output(List<String> out, List<String> err, Integer exitCode, String status) {
    public Output {
      out = List.copyOf(out);
      err = List.copyOf(err);
    }

    public Output(List<String> out, List<String> err, Integer exitCode) {
      this(out, err, exitCode, null);
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

    /** A new status line (progress), shown only when stderr is a terminal. */
    public static Output status(String line) {
      return new Output(List.of(), List.of(), null, line);
    }

    /** These lines, then the end of the command with {@code exitCode}. */
    public static Output end(List<String> lines, int exitCode) {
      return new Output(lines, List.of(), exitCode);
    }
  }

  /**
   * An event the console acknowledges once its lines are written, so that a program that
   * produces faster than a terminal or a pipe takes can wait for it, and hold no more than a
   * few events in flight instead of flooding the console's mailbox.
   */
  public interface Acknowledged {
    ActorRef<Written> writtenTo();
  }

  /** The console's acknowledgement of an {@link Acknowledged} event. */
  public enum Written {
    INSTANCE
  }

  /** The exit code when stdout is closed under a command ({@code | head}), as after SIGPIPE. */
  public static final int STDOUT_CLOSED = 141;

  private enum Flush {
    INSTANCE
  }

  private enum DrawStatus {
    INSTANCE
  }

  private Console() {}

  /**
   * The process's stdout for a console: buffered (64 KiB) and flushed by the console, every
   * 50 ms and at the end. {@code System.out} flushes on every {@code println}, which costs one
   * write system call per line (40,960 of them for {@code deli factor} on the chapter's list).
   */
  public static PrintStream stdout() {
    return new PrintStream(
        new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
  }

  /**
   * Whether file descriptor {@code fd} of this process (1 stdout, 2 stderr) is a terminal, as
   * far as the JVM can tell without native code: on Linux, whether it is a tty device. Never
   * for {@code TERM=dumb}.
   */
  public static boolean isTerminal(int fd) {
    if ("dumb".equals(System.getenv("TERM"))) {
      return false;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  /**
   * A console for events of type {@code E} writing to the process's {@code out} and
   * {@code err}, with a status line when stderr is a terminal. It is
   * an actor of {@code Object} inside (for its private timers) narrowed to {@code E} outside,
   * the shape Pekko's {@code narrow} is for.
   */
  public static <E> Behavior<E> create(Function<E, Output> render, PrintStream out, PrintStream err) {
    return create(render, out, err, isTerminal(1), err == System.err && isTerminal(2));
  }

  /** A console that draws status lines only when {@code errIsTerminal}. */
  public static <E> Behavior<E> create(
      Function<E, Output> render, PrintStream out, PrintStream err, boolean outIsTerminal, boolean errIsTerminal) {
    Behavior<Object> b =
        Timed.setup(Console.class, (ctx, timers) -> new Screen<>(ctx, timers, render, out, err, outIsTerminal, errIsTerminal).behavior());
    return b.narrow();
  }

  /** The console's state: the streams and the status line. */
  private static final class Screen<E> {
    private final ActorContext<Object> ctx;
    private final TimerScheduler<Object> timers;
    private final Function<E, Output> render;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean outIsTerminal;
    private final boolean statusOn;
    private String status;
    private boolean statusShown;
    private boolean stdoutClosed;

    Screen(
        ActorContext<Object> ctx,
        TimerScheduler<Object> timers,
        Function<E, Output> render,
        PrintStream out,
        PrintStream err,
        boolean outIsTerminal,
        boolean statusOn) {
      this.ctx = ctx;
      this.timers = timers;
      this.render = render;
      this.out = out;
      this.err = err;
      this.outIsTerminal = outIsTerminal;
      this.statusOn = statusOn;
    }

    Behavior<Object> behavior() {
      return Behaviors.receive(Object.class)
          .onMessage(Flush.class, f -> flush())
          .onMessage(DrawStatus.class, d -> drawStatus())
          .onMessage(Object.class, this::onEvent)
          .onSignal(PostStop.class, s -> flush())
          .build();
    }

    private Behavior<Object> onEvent(Object event) {
      @SuppressWarnings("unchecked")
      Output o = render.apply((E) event);
      o.out().forEach(out::println);
      if (!o.err().isEmpty()) {
        // An event's lines on stdout come before its lines on stderr, even in one file (2>&1).
        wipeStatus();
        out.flush();
        o.err().forEach(err::println);
        err.flush();
      }
      if (event instanceof Acknowledged a) {
        a.writtenTo().tell(Written.INSTANCE);
      }
      if (o.exitCode() != null) {
        status = null;
        wipeStatus();
        flush();
        Session.finish(ctx.getSystem(), o.exitCode());
        return Behaviors.same();
      }
      if (!o.out().isEmpty() && !timers.isTimerActive(Flush.INSTANCE)) {
        timers.startSingleTimer(Flush.INSTANCE, Flush.INSTANCE, FLUSH_EVERY);
      }
      if (o.status() != null && statusOn) {
        status = o.status();
        if (!timers.isTimerActive(DrawStatus.INSTANCE)) {
          timers.startSingleTimer(DrawStatus.INSTANCE, DrawStatus.INSTANCE, STATUS_EVERY);
        }
      }
      return Behaviors.same();
    }

    private Behavior<Object> flush() {
      if (outIsTerminal) {
        wipeStatus();
      }
      err.flush();
      if (out.checkError() && !stdoutClosed) {
        // Whoever read stdout has gone (| head): end the command, as SIGPIPE ends GNU tools.
        stdoutClosed = true;
        Session.finish(ctx.getSystem(), STDOUT_CLOSED);
      }
      return Behaviors.same();
    }

    private Behavior<Object> drawStatus() {
      if (status != null) {
        if (outIsTerminal) {
          out.flush(); // the lines before the status, not after it
        }
        err.print(CLEAR_LINE + status);
        err.flush();
        statusShown = true;
      }
      return Behaviors.same();
    }

    private void wipeStatus() {
      if (statusShown) {
        err.print(CLEAR_LINE);
        err.flush();
        statusShown = false;
        if (status != null && !timers.isTimerActive(DrawStatus.INSTANCE)) {
          timers.startSingleTimer(DrawStatus.INSTANCE, DrawStatus.INSTANCE, STATUS_EVERY);
        }
      }
    }
  }
}
