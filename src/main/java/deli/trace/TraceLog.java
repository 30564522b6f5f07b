package deli.trace;

import ch.qos.logback.classic.LoggerContext;
import deli.core.DeliException;
import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.nio.file.Path;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-trace log: one JSON line per message handled in a traced flow, written to the
 * file {@link #open} (the {@code --trace FILE} flag) names, or through the SLF4J logger
 * {@code deli.trace} when an operator's logback configuration turns it on. A line is a span: its
 * trace and span ids (W3C Trace Context), its parent (the span of the handling that sent the
 * message), its sender and receiver, the message's type and rendering, when its handling began
 * ({@code time}, microseconds since the epoch), how long it waited in the mailbox and how long
 * its handling took ({@code wait}, {@code took}, nanoseconds).
 */
public final class TraceLog {
  /** The logger trace lines go through when no trace file is open. */
  public static final String LOGGER_NAME = "deli.trace";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private static volatile TraceWriter writer;
  /** Traced handlings under way: closing the file waits for their lines. */
  private static final java.util.concurrent.atomic.AtomicInteger IN_FLIGHT = new java.util.concurrent.atomic.AtomicInteger();
  private static volatile boolean on = LOG.isInfoEnabled();
  private static volatile double fraction = 1;
  private static volatile Set<String> types;

  private TraceLog() {}

  /** Whether anything is traced at all. */
  public static boolean enabled() {
    return on;
  }

  /**
   * Whether a message of a flow is traced: {@code sampled} as decided where the flow started, or
   * any flow while every flow is traced (a flow that started before tracing was turned on too).
   */
  static boolean traces(boolean sampled) {
    return on && (sampled || fraction >= 1);
  }

  /** Whether a flow starting now is traced: tracing is on and the flow falls in the sampled fraction. */
  static boolean sample() {
    if (!on) {
      return false;
    }
    double f = fraction;
    return f >= 1 || (f > 0 && ThreadLocalRandom.current().nextDouble() < f);
  }

  /** Traces this fraction (0 to 1) of the flows that start from now on ({@code --trace-sample}). */
  public static void sampling(double fractionOfFlows) {
    if (!(fractionOfFlows >= 0 && fractionOfFlows <= 1)) {
      throw new IllegalArgumentException("a fraction from 0 to 1, not " + fractionOfFlows);
    }
    fraction = fractionOfFlows;
  }

  /** Writes only messages of these simple type names ({@code --trace-types}); empty: every type. */
  public static void types(Collection<String> keep) {
    types = keep.isEmpty() ? null : Set.copyOf(keep);
  }

  static boolean keeps(String type) {
    Set<String> keep = types;
    return keep == null || keep.contains(type);
  }

  /** Now, in nanoseconds since the epoch, on the clock trace lines use. */
  public static long now() {
    return TraceClock.now();
  }

  /**
   * Sends trace lines to {@code file} (appending: a file may hold many runs, told apart by
   * trace id). Closing the handle stops tracing to this file and flushes it.
   */
  public static AutoCloseable open(Path file) {
    // A mistyped path should be said, as logserver --out says it.
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
      throw new DeliException("cannot write the trace file " + file + ": no such directory " + dir);
    }
    TraceWriter w;
    try {
      w = new TraceWriter(file.toAbsolutePath());
    } catch (IOException e) {
      throw new DeliException("cannot write the trace file " + file.toAbsolutePath() + ": " + e.getMessage());
    }
    TraceWriter previous = writer;
    writer = w;
    on = true;
    if (previous != null) {
      previous.close();
    }
    return () -> {
      // A handling's line is written when it ends, after what it sent may already have been
      // seen (the last reply of a flow): give those under way a moment to finish.
      long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
      while (IN_FLIGHT.get() > 0 && System.nanoTime() < until) {
        Thread.onSpinWait();
        Thread.yield();
      }
      synchronized (TraceLog.class) {
        if (writer == w) {
          writer = null;
          on = LOG.isInfoEnabled();
        }
      }
      w.close();
    };
  }

  /** Flushes and closes the trace file (and every other appender); call once, at exit. */
  public static void close() {
    TraceWriter w = writer;
    if (w != null) {
      w.close();
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
      lc.stop();
    }
  }

  static void handling() {
    IN_FLIGHT.incrementAndGet();
  }

  static void handlingDone() {
    IN_FLIGHT.decrementAndGet();
  }

  /** A handling's span, as one line: formatted on the trace writer's thread, or here for the logger. */
  static void handled(SpanLine line) {
    TraceWriter w = writer;
    if (w != null) {
      w.write(line);
    } else {
      StringBuilder b = new StringBuilder(256);
      line.appendTo(b);
      LOG.info(b.toString());
    }
  }

  /**
   * A request's span at an edge (an HTTP request from {@code begin} to {@code end}, nanoseconds
   * since the epoch), under {@code parent} (a caller's span, or empty).
   */
  public static void request(String node, Trace trace, String parent, String name, long begin, long end) {
    if (!trace.sampled() || !on) {
      return;
    }
    LineBuffer b = new LineBuffer(256);
    SpanLine.request(b, node, trace, parent, name, begin, end);
    TraceWriter w = writer;
    if (w != null) {
      w.write(b.toString());
    } else {
      LOG.info(b.toString());
    }
  }

  /** Whether a message of this type gets a line when its flow is traced ({@code --trace-types}). */
  static boolean filtersTypes() {
    return types != null;
  }

  /** The full path of an actor, with the node's address when it has one. */
  public static String pathOf(ActorRef<?> ref, ActorSystem<?> system) {
    return ref.path().toStringWithAddress(system.address());
  }

  /** The name a node goes by in trace lines: {@code host:port} in a cluster, else {@code local}. */
  public static String nodeOf(ActorSystem<?> system) {
    Address a = system.address();
    if (a.host().isDefined() && a.port().isDefined()) {
      return a.host().get() + ":" + a.port().get();
    }
    return "local";
  }
}
