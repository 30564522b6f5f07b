package deli.trace;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The trace file and the thread that writes it. An actor's thread only puts its span (a
 * {@link SpanLine}, the message not yet rendered) in a ring of {@value #CAPACITY} slots: one
 * atomic increment and one store. The writer's thread renders and formats each line, in the
 * order the slots were taken, and appends it through a 256 kB buffer; so a traced flow pays for
 * its lines on another core. Nothing is lost: when the ring is full (the writer cannot keep up,
 * or the disk cannot) the actor's thread waits, in steps of 50 us, until a slot frees, and the
 * flow slows down to the writer's pace. A flush every half second keeps the file readable while
 * a node runs (a node killed with kill -9 loses at most that half second).
 */
final class TraceWriter implements AutoCloseable {
  static final int CAPACITY = 1 << 14;
  private static final int MASK = CAPACITY - 1;
  private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long FULL_WAIT_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

  private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(CAPACITY);
  /** The next slot to take: how many lines have been handed over. */
  private final AtomicLong taken = new AtomicLong();
  /** How many lines the writer has taken out of the ring (published now and then, for the producers). */
  private volatile long done;
  private volatile boolean closing;
  private volatile boolean failed;
  private volatile boolean finished;
  private final OutputStream out;
  /** Encoded lines not yet written: about 256 kB, a write(2) each (an OutputStreamWriter's would be 8 kB). */
  private static final int FULL = 256 * 1024;
  private final LineBuffer buf = new LineBuffer(FULL + 4096);
  private final Thread thread;

  TraceWriter(Path file) throws IOException {
    this.out = new FileOutputStream(file.toFile(), true);
    this.thread = new Thread(this::run, "deli-trace-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Hands over a handling's span, or a line already formatted (a {@link String}). */
  void write(Object line) {
    long seq = taken.getAndIncrement();
    while (seq - done >= CAPACITY) {
      if (finished) {
        return; // the file is closed: the line is lost, as any written after the close
      }
      LockSupport.parkNanos(FULL_WAIT_NANOS);
    }
    slots.setRelease((int) (seq & MASK), line);
  }

  private void run() {
    try {
      drain();
    } finally {
      finished = true; // a producer waiting on a full ring gives up rather than wait forever
      flush();
      try {
        out.close();
      } catch (IOException e) {
        if (!failed) {
          System.err.println("deli: the trace file could not be closed: " + e.getMessage());
        }
      }
    }
  }

  private void drain() {
    TraceRender.Text scratch = new TraceRender.Text();
    long next = 0;
    long flushedAt = System.nanoTime();
    int idle = 0;
    while (true) {
      Object line = slots.getAcquire((int) (next & MASK));
      if (line == null) {
        if (closing && next >= taken.get()) {
          break; // every line handed over before the close is written
        }
        done = next;
        if (System.nanoTime() - flushedAt >= FLUSH_NANOS) {
          flush();
          flushedAt = System.nanoTime();
        }
        // Idle: wait a little longer each time, up to 50 ms; a close wakes the thread.
        LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(50), 20_000L << Math.min(idle++, 12)));
        continue;
      }
      idle = 0;
      slots.setPlain((int) (next & MASK), null);
      next++;
      if ((next & 255) == 0) {
        done = next;
      }
      if (failed) {
        continue;
      }
      if (line instanceof SpanLine s) {
        s.appendTo(buf, scratch);
      } else {
        buf.raw((String) line);
      }
      buf.ascii('\n');
      if (scratch.c.length > 8192) {
        scratch = new TraceRender.Text(); // one huge message does not keep its buffer
      }
      if (buf.pos >= FULL) {
        try {
          writeBuffer();
        } catch (IOException e) {
          // A full disk must not stop the program being traced; the lines are lost, said once.
          failed = true;
          System.err.println("deli: the trace file could not be written, tracing stops: " + e.getMessage());
        }
      }
      if ((next & 1023) == 0 && System.nanoTime() - flushedAt >= FLUSH_NANOS) {
        flush();
        flushedAt = System.nanoTime();
      }
    }
    done = next;
  }

  private void writeBuffer() throws IOException {
    if (buf.pos > 0) {
      int n = buf.pos;
      buf.pos = 0;
      out.write(buf.buf, 0, n);
      if (buf.buf.length > 4 * FULL) {
        buf.buf = new byte[FULL + 4096]; // one huge line does not keep its buffer
      }
    }
  }

  private void flush() {
    if (!failed) {
      try {
        writeBuffer();
      } catch (IOException e) {
        // Said by the next write, if the disk stays full.
      }
    }
  }

  /** Writes every line handed over so far, then closes the file. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
