package deli.logserver;

import deli.core.Timed;
import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The one owner of the output file, fed by every connection. A chunk is copied into the
 * {@link LogFile}'s buffer and acknowledged at once; the buffer goes to the file when it is full
 * or when no more chunks are waiting, so writes come in batches as large as the load makes them.
 * Memory stays bounded: a connection sends its next chunk only after this one's acknowledgement,
 * so a slow disk slows the acknowledgements, which slows the connections' reads, which fills the
 * clients' TCP windows.
 *
 * <p>Two states. Writing: as above; before each write out it checks that the file is still where
 * it was, and opens it anew when it was moved or deleted (logrotate; {@link Reopen} is SIGHUP).
 * Stalled: the disk refused a write (full): the file is cut back to its last whole line,
 * nothing is acknowledged (so the clients are held back through TCP), and the write is tried
 * again with backoff until the disk takes it.
 *
 * <p>Each file ends with {@code {"lines_collected": N}}, N the number of record lines in it: at
 * rotation, at {@link Close}, and when the actor stops for any other reason. It runs on the
 * blocking-I/O dispatcher.
 */
public final class LogWriter extends AbstractBehavior<LogWriter.Command> {
  public interface Command {}

  /** Lines to append; answered with {@link Written} once they are in the buffer. */
  public record Write(Trace trace, Chunk chunk, ActorRef<Written> replyTo) implements Command, Traced {}

  /** The lines of a {@link Write} are taken: the sender may send more. */
  public record Written(long lines) {}

  /** Flush, end the file with its count line and close it; answered with {@link Closed}. */
  public record Close(Trace trace, ActorRef<Closed> replyTo) implements Command, Traced {}

  /** The file is complete: {@code lines} records written in all, {@code files} files made. */
  public record Closed(long lines, long bytes, int files) {}

  /** Add the writer's figures to {@code server} and send the whole to {@code replyTo}. */
  public record Report(ServerStats server, ActorRef<ServerStats> replyTo) implements Command {}

  /** Open the file anew if it was moved or deleted (what SIGHUP asks). */
  public enum Reopen implements Command {
    INSTANCE
  }

  /** What the writer tells its owner on the way. */
  public interface Event {}

  /** The file is open for writing. */
  public record Opened(Path file) implements Event {}

  /** News for the server's listener as it is (a rotation, a reopen, a full disk). */
  public record News(ServerEvent event) implements Event {}

  /** The file could not be opened or written; the writer has stopped. */
  public record Failed(String message) implements Event {}

  private enum Flush implements Command {
    INSTANCE
  }

  private enum Retry implements Command {
    INSTANCE
  }

  static final Duration FIRST_RETRY = Duration.ofMillis(100);
  static final Duration LAST_RETRY = Duration.ofSeconds(10);

  private final LogServerSettings settings;
  private final ActorRef<Event> owner;
  private final TimerScheduler<Command> timers;
  private final Path out;
  private LogFile file;
  private final OutputLock lock;
  private boolean flushPending;
  private final Appender appender;
  private long late;
  // The writes not yet taken: the first being appended (from the appender's cursor on), the
  // others behind it while the disk refuses.
  private final Deque<Write> waiting = new ArrayDeque<>();
  // At the close: writes taken into the buffer, acknowledged once the file is complete.
  private final java.util.List<Write> taken = new java.util.ArrayList<>();
  private final Backoff retries = new Backoff(FIRST_RETRY, LAST_RETRY);
  private long stalledSince;

  public static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> owner) {
    return create(settings, owner, LogFile.DISK);
  }

  /** A writer on {@code storage}: the disk, or in tests one that fails as a full disk does. */
  static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> owner, LogFile.Storage storage) {
    return Timed.setup(LogWriter.class, (ctx, timers) -> {
                  Path out = settings.out().toAbsolutePath();
                  LogFile file;
                  OutputLock lock;
                  try {
                    lock = OutputLock.take(out);
                  } catch (IOException e) {
                    owner.tell(new Failed("cannot write " + out + ": " + Failures.describe(e)));
                    return Behaviors.stopped();
                  }
                  try {
                    if (Files.exists(out) && Files.size(out) > 0) {
                      // Never overwrite a log: the previous one is kept as a rotation would keep it.
                      owner.tell(new News(new ServerEvent.KeptPrevious(out, Rotation.shift(out, settings.rotateKeep()))));
                    }
                    file = LogFile.create(out, storage, settings.writeBuffer());
                    owner.tell(new Opened(out));
                  } catch (IOException e) {
                    lock.close();
                    owner.tell(new Failed("cannot write " + out + ": " + Failures.describe(e)));
                    return Behaviors.stopped();
                  }
                  return new LogWriter(ctx, timers, settings, owner, out, file, lock);
                });
  }

  private LogWriter(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      LogServerSettings settings,
      ActorRef<Event> owner,
      Path out,
      LogFile file,
      OutputLock lock) {
    super(ctx);
    this.lock = lock;
    this.settings = settings;
    this.owner = owner;
    this.timers = timers;
    this.out = out;
    this.file = file;
    this.appender = new Appender(file, out, settings, e -> owner.tell(new News(e)));
  }

  /** Writing: chunks are taken as they come. */
  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onMessage(Flush.class, f -> onFlush())
        .onMessage(Reopen.class, r -> onReopen())
        .onMessage(Retry.class, r -> this)
        .onMessage(Close.class, this::onClose)
        .onMessage(Report.class, this::onReport)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  /** Stalled: the disk refuses; writes wait, unacknowledged, for the retries. */
  private Behavior<Command> stalled() {
    return Behaviors.receive(Command.class)
        .onMessage(Write.class, this::onWriteStalled)
        .onMessage(Retry.class, r -> onRetry())
        .onMessage(Flush.class, f -> Behaviors.same())
        .onMessage(Reopen.class, r -> Behaviors.same()) // each retry looks for a moved file first
        .onMessage(Close.class, this::onClose)
        .onMessage(Report.class, this::onReport)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onWrite(Write w) {
    if (file == null) {
      late += w.chunk().lines();
      getContext().getLog().error("{} lines arrived after {} was closed and were not written", w.chunk().lines(), out);
      w.replyTo().tell(new Written(0));
      return this;
    }
    waiting.add(w);
    return appendPending();
  }

  /** Appends the first write waiting; stalls when the disk refuses. */
  private Behavior<Command> appendPending() {
    try {
      appender.append(waiting.peek().chunk());
    } catch (IOException e) {
      return stall(e);
    } catch (UncheckedIOException e) {
      return fail("cannot start a new " + out + " after rotating it: " + Failures.describe(e.getCause()));
    }
    if (!flushPending) {
      // Before the answer: the sender's next chunk comes after this flush, never before it.
      flushPending = true;
      getContext().getSelf().tell(Flush.INSTANCE);
    }
    Write done = waiting.poll();
    appender.startChunk();
    done.replyTo().tell(new Written(done.chunk().lines()));
    return this;
  }

  private Behavior<Command> onFlush() {
    flushPending = false;
    if (file == null) {
      return this;
    }
    try {
      appender.reopenIfReplaced();
      file.flush();
    } catch (IOException e) {
      return stall(e);
    }
    return this;
  }

  private Behavior<Command> onReopen() {
    if (file == null) {
      return this;
    }
    try {
      if (!appender.reopenIfReplaced()) {
        owner.tell(new News(new ServerEvent.Reopened(out, false, file.lines())));
      }
      file.flush();
    } catch (IOException e) {
      return stall(e);
    }
    return this;
  }

  private Behavior<Command> stall(IOException e) {
    stalledSince = System.nanoTime();
    retries.reset();
    Duration retryIn = retries.next();
    owner.tell(new News(new ServerEvent.WriterStalled("cannot write " + out + ": " + Failures.describe(e), retryIn)));
    timers.startSingleTimer(Retry.INSTANCE, retryIn);
    return stalled();
  }

  private Behavior<Command> onWriteStalled(Write w) {
    waiting.add(w);
    return Behaviors.same();
  }

  private Behavior<Command> onRetry() {
    try {
      appender.reopenIfReplaced();
      file.flush();
    } catch (IOException e) {
      timers.startSingleTimer(Retry.INSTANCE, retries.next());
      return Behaviors.same();
    }
    // in tenths of a second: "writing again after 6.4s"
    owner.tell(new News(new ServerEvent.WriterResumed(Duration.ofMillis(Math.max(1, (System.nanoTime() - stalledSince) / 100_000_000) * 100))));
    Behavior<Command> next = this;
    while (next == this && !waiting.isEmpty()) {
      next = appendPending();
    }
    return next;
  }

  private Behavior<Command> onClose(Close c) {
    timers.cancel(Retry.INSTANCE);
    if (file != null) {
      try {
        appender.reopenIfReplaced();
        while (!waiting.isEmpty()) { // what waited while the disk was full
          appender.append(waiting.peek().chunk());
          taken.add(waiting.poll());
          appender.startChunk();
        }
        file.finish();
        taken.forEach(w -> w.replyTo().tell(new Written(w.chunk().lines())));
      } catch (IOException | UncheckedIOException e) {
        giveUp(e instanceof UncheckedIOException u ? u.getCause() : e);
      }
      taken.clear();
      file = null;
    }
    c.replyTo().tell(new Closed(appender.lines(), appender.bytes(), appender.files()));
    return this; // writing, with no file: whatever comes late is counted as late
  }

  /** At a stop the disk still refuses: end the file at its last whole line and say what is lost. */
  private void giveUp(Throwable e) {
    long droppedBytes = file.buffered();
    long dropped = file.isOpen() ? file.abandon() : 0;
    appender.lost(dropped, droppedBytes);
    for (Write w : taken) {
      w.replyTo().tell(new Written(0)); // their lines were in the buffer: counted above
    }
    int written = appender.cursor(); // of the first one waiting
    for (Write w : waiting) {
      dropped += w.chunk().lines() - written;
      written = 0;
      w.replyTo().tell(new Written(0));
    }
    waiting.clear();
    owner.tell(new News(new ServerEvent.RecordsDropped(dropped, "cannot write " + out + ": " + Failures.describe(e))));
  }

  private Behavior<Command> onReport(Report r) {
    r.replyTo().tell(r.server().withWriter(appender.lines(), appender.bytes(), appender.files(), file == null ? 0 : file.lines(), late));
    return Behaviors.same();
  }

  private Behavior<Command> onPostStop() {
    if (file != null && file.isOpen()) {
      try {
        file.finish();
      } catch (IOException e) {
        getContext().getLog().error("cannot finish {}: {}", out, Failures.describe(e));
        file.abandon();
      }
    }
    lock.close();
    return this;
  }

  private Behavior<Command> fail(String message) {
    file = null;
    owner.tell(new Failed(message));
    return Behaviors.stopped();
  }
}
