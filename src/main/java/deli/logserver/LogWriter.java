package deli.logserver;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The one owner of the output file, fed by every connection. A chunk is copied into a buffer
 * and acknowledged at once; the buffer goes to the file when it is full or when no more chunks
 * are waiting, so writes come in batches as large as the load makes them. Memory stays bounded:
 * a connection sends its next chunk only after this one's acknowledgement, and a full buffer is
 * written before the next chunk is taken, so a slow disk slows the acknowledgements, which slows
 * the connections' reads, which fills the clients' TCP windows.
 *
 * <p>Each file ends with {@code {"lines_collected": N}}, N the number of record lines in it:
 * at rotation, at {@link Close}, and when the actor stops for any other reason. It runs on the
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
  public record Report(LogServer.Stats server, ActorRef<LogServer.Stats> replyTo) implements Command {}

  /** What the writer tells its owner on the way. */
  public interface Event {}

  /** {@code from} was full and moved to {@code to}, holding {@code lines} records. */
  public record Rotated(Path from, Path to, long lines) implements Event {}

  /** The file is open for writing. */
  public record Opened(Path file) implements Event {}

  /** An earlier, non-empty {@code from} was kept as {@code to} before writing a new one. */
  public record KeptPrevious(Path from, Path to) implements Event {}

  /** The file could not be opened or written; the writer has stopped. */
  public record Failed(String message) implements Event {}

  private enum Flush implements Command {
    INSTANCE
  }

  private final LogServerSettings settings;
  private final ActorRef<Event> owner;
  private final Path out;
  private final ByteBuffer buffer;
  private FileChannel channel;
  private boolean flushPending;
  private long fileBytes;
  private long fileLines;
  private long lines;
  private long bytes;
  private int files = 1;
  private long late;

  public static Behavior<Command> create(LogServerSettings settings, ActorRef<Event> owner) {
    return Behaviors.setup(
        ctx -> {
          Path out = settings.out().toAbsolutePath();
          FileChannel channel;
          try {
            if (Files.exists(out) && Files.size(out) > 0) {
              // Never overwrite a log: the previous one is kept as a rotation would keep it.
              owner.tell(new KeptPrevious(out, Rotation.shift(out, settings.rotateKeep())));
            }
            channel = open(out);
            owner.tell(new Opened(out));
          } catch (IOException e) {
            owner.tell(new Failed("cannot write " + out + ": " + Failures.describe(e)));
            return Behaviors.stopped();
          }
          return new LogWriter(ctx, settings, owner, out, channel);
        });
  }

  private LogWriter(
      ActorContext<Command> ctx, LogServerSettings settings, ActorRef<Event> owner, Path out, FileChannel channel) {
    super(ctx);
    this.settings = settings;
    this.owner = owner;
    this.out = out;
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(settings.writeBuffer());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Write.class, this::onWrite)
        .onMessage(Flush.class, f -> onFlush())
        .onMessage(Close.class, this::onClose)
        .onMessage(Report.class, this::onReport)
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<Command> onWrite(Write w) {
    if (channel == null) {
      late += w.chunk().lines();
      getContext().getLog().error("{} lines arrived after {} was closed and were not written", w.chunk().lines(), out);
      w.replyTo().tell(new Written(0));
      return this;
    }
    try {
      append(w.chunk());
    } catch (IOException e) {
      return fail("cannot write " + out + ": " + Failures.describe(e));
    }
    w.replyTo().tell(new Written(w.chunk().lines()));
    if (!flushPending) {
      flushPending = true;
      getContext().getSelf().tell(Flush.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onFlush() {
    flushPending = false;
    if (channel == null) {
      return this;
    }
    try {
      drain();
    } catch (IOException e) {
      return fail("cannot write " + out + ": " + Failures.describe(e));
    }
    return this;
  }

  private Behavior<Command> onClose(Close c) {
    try {
      finish();
    } catch (IOException e) {
      owner.tell(new Failed("cannot finish " + out + ": " + Failures.describe(e)));
    }
    c.replyTo().tell(new Closed(lines, bytes, files));
    return this;
  }

  private Behavior<Command> onReport(Report r) {
    r.replyTo().tell(r.server().withWriter(lines, bytes, files, fileLines, late));
    return this;
  }

  private Behavior<Command> onPostStop() {
    try {
      finish();
    } catch (IOException e) {
      getContext().getLog().error("cannot finish {}: {}", out, Failures.describe(e));
    }
    return this;
  }

  /** Appends a chunk, rotating between lines when the file would pass --rotate-size. */
  private void append(Chunk c) throws IOException {
    long limit = settings.rotateSize();
    int[] ends = c.ends();
    if (limit <= 0 || fileBytes + c.length() <= limit) {
      put(c.bytes(), 0, c.length(), ends.length);
      return;
    }
    int from = 0;
    int i = 0;
    while (i < ends.length) {
      int j = i;
      while (j < ends.length && fileBytes + (ends[j] - from) <= limit) {
        j++;
      }
      if (j == i && fileLines == 0) {
        j = i + 1; // one record larger than --rotate-size gets a file of its own
      }
      if (j > i) {
        int to = ends[j - 1];
        put(c.bytes(), from, to - from, j - i);
        from = to;
        i = j;
      }
      if (i < ends.length) {
        rotate();
      }
    }
  }

  private void put(byte[] b, int off, int len, int count) throws IOException {
    fileBytes += len;
    fileLines += count;
    bytes += len;
    lines += count;
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  /** Writes out the buffer. */
  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }

  /** Flushes, writes the count line, forces the file to disk and closes it. */
  private void finish() throws IOException {
    if (channel == null) {
      return;
    }
    try {
      drain();
      byte[] count = ("{\"lines_collected\": " + fileLines + "}\n").getBytes(StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.wrap(count);
      while (b.hasRemaining()) {
        channel.write(b);
      }
      channel.force(true);
    } finally {
      channel.close();
      channel = null;
    }
  }

  private void rotate() throws IOException {
    long held = fileLines;
    finish();
    Path to = Rotation.shift(out, settings.rotateKeep());
    owner.tell(new Rotated(out, to, held));
    channel = open(out);
    files++;
    fileBytes = 0;
    fileLines = 0;
  }

  private static FileChannel open(Path out) throws IOException {
    return FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
  }

  private Behavior<Command> fail(String message) {
    buffer.clear();
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // already failing; the first error is the one to report
      }
      channel = null;
    }
    owner.tell(new Failed(message));
    return Behaviors.stopped();
  }
}
