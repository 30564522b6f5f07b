package deli.trace;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The trace file: lines appended through one 256 kB buffer, each written whole under the
 * writer's lock. Writing on the actor's own thread, rather than through Logback's event queue,
 * is what keeps a fully traced flow within a few times its untraced speed; a flow slows down when
 * the disk cannot keep up, and loses nothing. A flush every half second keeps the file readable
 * while a node runs (a node killed with kill -9 loses at most that half second).
 */
final class TraceWriter implements AutoCloseable {
  private final OutputStream out;
  private final ScheduledExecutorService flusher;
  private boolean closed;

  TraceWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(new FileOutputStream(file.toFile(), true), 256 * 1024);
    this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "deli-trace-flush");
      t.setDaemon(true);
      return t;
    });
    flusher.scheduleWithFixedDelay(this::flush, 500, 500, TimeUnit.MILLISECONDS);
  }

  /** Appends {@code line} and a newline. */
  void write(CharSequence line) {
    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        out.write(bytes);
        out.write('\n');
      } catch (IOException e) {
        // A full disk must not stop the program being traced; the lines are lost, said once.
        closed = true;
        System.err.println("deli: the trace file could not be written, tracing stops: " + e.getMessage());
      }
    }
  }

  synchronized void flush() {
    if (!closed) {
      try {
        out.flush();
      } catch (IOException e) {
        // Said by the next write, if the disk stays full.
      }
    }
  }

  @Override
  public synchronized void close() {
    flusher.shutdownNow();
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        System.err.println("deli: the trace file could not be closed: " + e.getMessage());
      }
    }
  }
}
