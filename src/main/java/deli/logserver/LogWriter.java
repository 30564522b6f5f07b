package deli.logserver;

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
  private long lines;
  private long bytes;
  private int files = 1;
  private long late;
  // While stalled: the write being appended (from line `cursor` on), those waiting behind it.
  private Write pending;
  private int cursor;
  private final Deque<Write> waiting = new ArrayDeque<>();
  // At the close: writes taken into the buffer, acknowledged once the file is complete.
  private final java.util.List<Write> taken = new java.util.ArrayList<>();
  private Duration retryIn = FIRST_RETRY;
  private long stalledSince;

  public static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> owner) {
    return create(settings, owner, LogFile.DISK);
  }

  /** A writer on {@code storage}: the disk, or in tests one that fails as a full disk does. */
  static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> owner, LogFile.Storage storage) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
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
                }));
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
    pending = w;
    cursor = 0;
    return appendPending();
  }

  /** Appends what is pending; stalls when the disk refuses. */
  private Behavior<Command> appendPending() {
    try {
      append(pending.chunk());
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
    pending.replyTo().tell(new Written(pending.chunk().lines()));
    pending = null;
    return this;
  }

  private Behavior<Command> onFlush() {
    flushPending = false;
    if (file == null) {
      return this;
    }
    try {
      reopenIfReplaced();
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
      if (!reopenIfReplaced()) {
        owner.tell(new News(new ServerEvent.Reopened(out, false, file.lines())));
      }
      file.flush();
    } catch (IOException e) {
      return stall(e);
    }
    return this;
  }

  /** Opens the file anew if it was moved or deleted; whether it was. */
  private boolean reopenIfReplaced() throws IOException {
    if (!file.replaced()) {
      return false;
    }
    long held = file.reopen();
    files++;
    owner.tell(new News(new ServerEvent.Reopened(out, true, held)));
    return true;
  }

  private Behavior<Command> stall(IOException e) {
    stalledSince = System.nanoTime();
    retryIn = FIRST_RETRY;
    owner.tell(new News(new ServerEvent.WriterStalled("cannot write " + out + ": " + Failures.describe(e), retryIn)));
    timers.startSingleTimer(Retry.INSTANCE, retryIn);
    return stalled();
  }

  private Behavior<Command> onWriteStalled(Write w) {
    if (pending == null) {
      pending = w;
      cursor = 0;
    } else {
      waiting.add(w);
    }
    return Behaviors.same();
  }

  private Behavior<Command> onRetry() {
    try {
      reopenIfReplaced();
      file.flush();
    } catch (IOException e) {
      retryIn = retryIn.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retryIn.multipliedBy(2);
      timers.startSingleTimer(Retry.INSTANCE, retryIn);
      return Behaviors.same();
    }
    // in tenths of a second: "writing again after 6.4s"
    owner.tell(new News(new ServerEvent.WriterResumed(Duration.ofMillis(Math.max(1, (System.nanoTime() - stalledSince) / 100_000_000) * 100))));
    Behavior<Command> next = pending == null ? this : appendPending();
    while (next == this && !waiting.isEmpty()) {
      pending = waiting.poll();
      cursor = 0;
      next = appendPending();
    }
    return next;
  }

  private Behavior<Command> onClose(Close c) {
    timers.cancel(Retry.INSTANCE);
    if (file != null) {
      try {
        reopenIfReplaced();
        while (pending != null || !waiting.isEmpty()) { // what waited while the disk was full
          if (pending == null) {
            pending = waiting.poll();
            cursor = 0;
          }
          append(pending.chunk());
          taken.add(pending);
          pending = null;
        }
        file.finish();
        taken.forEach(w -> w.replyTo().tell(new Written(w.chunk().lines())));
      } catch (IOException | UncheckedIOException e) {
        giveUp(e instanceof UncheckedIOException u ? u.getCause() : e);
      }
      taken.clear();
      file = null;
    }
    c.replyTo().tell(new Closed(lines, bytes, files));
    return this; // writing, with no file: whatever comes late is counted as late
  }

  /** At a stop the disk still refuses: end the file at its last whole line and say what is lost. */
  private void giveUp(Throwable e) {
    long droppedBytes = file.buffered();
    long dropped = file.isOpen() ? file.abandon() : 0;
    lines -= dropped;
    bytes -= droppedBytes;
    for (Write w : taken) {
      w.replyTo().tell(new Written(0)); // their lines were in the buffer: counted above
    }
    for (Write w : pendingAndWaiting()) {
      dropped += w.chunk().lines() - (w == pending ? cursor : 0);
      w.replyTo().tell(new Written(0));
    }
    pending = null;
    waiting.clear();
    owner.tell(new News(new ServerEvent.RecordsDropped(dropped, "cannot write " + out + ": " + Failures.describe(e))));
  }

  private Iterable<Write> pendingAndWaiting() {
    Deque<Write> all = new ArrayDeque<>(waiting);
    if (pending != null) {
      all.addFirst(pending);
    }
    return all;
  }

  private Behavior<Command> onReport(Report r) {
    r.replyTo().tell(r.server().withWriter(lines, bytes, files, file == null ? 0 : file.lines(), late));
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

  /**
   * Appends the chunk from line {@code cursor} on, rotating between lines when the file would
   * pass --rotate-size. Each step either happens or leaves everything as it was, so a refused
   * write is tried again from where it stopped.
   */
  private void append(Chunk c) throws IOException {
    long limit = settings.rotateSize();
    int[] ends = c.ends();
    while (cursor < ends.length) {
      int from = cursor == 0 ? 0 : ends[cursor - 1];
      int j = cursor;
      if (limit <= 0) {
        j = ends.length;
      } else {
        while (j < ends.length && file.size() + (ends[j] - from) <= limit) {
          j++;
        }
        if (j == cursor && file.lines() == 0) {
          j = cursor + 1; // one record larger than --rotate-size gets a file of its own
        }
      }
      if (j > cursor) {
        int to = ends[j - 1];
        file.add(c.bytes(), from, to - from, j - cursor);
        lines += j - cursor;
        bytes += to - from;
        cursor = j;
      }
      if (cursor < ends.length) {
        rotate();
      }
    }
  }

  private void rotate() throws IOException {
    long held = file.lines();
    file.finish();
    try {
      Path to = file.rotate(settings.rotateKeep());
      files++;
      owner.tell(new News(new ServerEvent.Rotated(out, to, held)));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the file is ended and no new one is open: nothing to retry
    }
  }

  private Behavior<Command> fail(String message) {
    file = null;
    owner.tell(new Failed(message));
    return Behaviors.stopped();
  }
}
