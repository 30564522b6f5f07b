package deli.trace;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import deli.core.DeliException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.nio.file.Path;
import java.time.Instant;
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
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_RENDERING = 160;
  private static final ThreadLocal<StringBuilder> LINES = ThreadLocal.withInitial(() -> new StringBuilder(512));

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

  /** A handling's span, as one line. */
  static void handled(
      String node,
      String prefix,
      String traceId,
      String span,
      String parent,
      String sender,
      String receiver,
      String type,
      Object msg,
      long sent,
      long begin,
      long end) {
    StringBuilder b = start(begin, node, traceId, span, parent);
    if (sender == null) {
      if (!parent.isEmpty()) {
        b.append(",\"sender\":null"); // a timer's tick: said, since a missing sender is its parent's receiver
      }
    } else if (parent.isEmpty() || !sender.startsWith(prefix) || types != null) {
      // Else left out: the parent's line names it (its receiver), which keeps lines short.
      str(b.append(",\"sender\":"), compact(sender, prefix));
    }
    raw(b.append(",\"receiver\":"), receiver);
    raw(b.append(",\"type\":"), type);
    String body = renderBody(msg);
    if (!body.isEmpty()) {
      str(b.append(",\"message\":"), body);
    }
    if (sent != 0) {
      b.append(",\"wait\":").append(Math.max(0, begin - sent));
    }
    b.append(",\"took\":").append(end - begin).append('}');
    emit(b);
  }

  /**
   * A request's span at an edge (an HTTP request from {@code begin} to {@code end}, nanoseconds
   * since the epoch), under {@code parent} (a caller's span, or empty).
   */
  public static void request(String node, Trace trace, String parent, String name, long begin, long end) {
    if (!trace.sampled() || !on) {
      return;
    }
    StringBuilder b = start(begin, node, trace.id(), trace.span(), parent);
    str(b.append(",\"receiver\":"), trace.sender());
    str(b.append(",\"type\":"), name);
    b.append(",\"took\":").append(end - begin).append('}');
    emit(b);
  }

  private static StringBuilder start(long begin, String node, String traceId, String span, String parent) {
    StringBuilder b = LINES.get();
    b.setLength(0);
    b.append("{\"time\":").append(begin / 1000);
    if (!"local".equals(node)) {
      str(b.append(",\"node\":"), node);
    }
    str(b.append(",\"traceId\":"), traceId); // from outside (a header): escaped
    raw(b.append(",\"spanId\":"), span);
    if (!parent.isEmpty()) {
      str(b.append(",\"parentId\":"), parent);
    }
    return b;
  }

  private static void emit(StringBuilder b) {
    TraceWriter w = writer;
    if (w != null) {
      w.write(b);
    } else {
      LOG.info(b.toString());
    }
    if (b.capacity() > 8192) {
      LINES.remove();
    }
  }

  /** {@code path} without this node's address ({@code /user/dinner/fork-1}); another node's path whole. */
  static String compact(String path, String prefix) {
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  /**
   * Appends {@code s} as a JSON string, unescaped: for what cannot hold a quote, a backslash or a
   * control character (span ids, actor paths, which Pekko limits to URI characters, type names).
   */
  private static void raw(StringBuilder b, String s) {
    b.append('"').append(s).append('"');
  }

  /** Appends {@code s} as a JSON string. */
  static void str(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        b.append('\\').append(ch);
      } else if (ch < 0x20) {
        switch (ch) {
          case '\n' -> b.append("\\n");
          case '\t' -> b.append("\\t");
          case '\r' -> b.append("\\r");
          default -> b.append(String.format("\\u%04x", (int) ch));
        }
      } else {
        b.append(ch);
      }
    }
    b.append('"');
  }

  /** The trace a private adapter message carries inside the reply it wraps, if any. */
  static Trace wrappedTrace(Object msg) {
    Method unwrap = WRAPPED.get(msg.getClass());
    if (unwrap == null) {
      return null;
    }
    try {
      Object inner = unwrap.invoke(msg);
      return inner instanceof Traced t ? t.trace() : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * A message's rendering without its type name (the line has it): {@code (serving=3)}; empty
   * for a message without fields.
   */
  static String renderBody(Object msg) {
    if (msg instanceof Enum<?>) {
      return "";
    }
    String full = render(msg);
    String name = msg.getClass().getSimpleName();
    return msg instanceof Record && full.startsWith(name + "(") ? full.substring(name.length()) : full;
  }

  /** One trace line; public for the tests and the tools that write trace logs by hand. */
  public static String line(
      Instant time,
      String node,
      String traceId,
      String sender,
      String receiver,
      String type,
      String message) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", time.toString());
      g.writeStringField("node", node);
      g.writeStringField("traceId", traceId);
      if (sender != null) {
        g.writeStringField("sender", sender);
      }
      g.writeStringField("receiver", receiver);
      g.writeStringField("type", type);
      g.writeStringField("message", message);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * A short rendering of a message: records by their components, without the trace (it has
   * its own fields) and with actor refs shortened to their names.
   */
  static String render(Object msg) {
    StringBuilder b = new StringBuilder(64);
    render(msg, b, 0);
    return b.length() <= MAX_RENDERING ? b.toString() : b.substring(0, MAX_RENDERING - 3) + "...";
  }

  private static void render(Object v, StringBuilder b, int depth) {
    if (b.length() > MAX_RENDERING) {
      return;
    }
    if (v instanceof Record r && depth < 4) {
      b.append(r.getClass().getSimpleName()).append('(');
      boolean first = true;
      for (Method accessor : ACCESSORS.get(r.getClass())) {
        Object value;
        try {
          value = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          value = "?";
        }
        if (value instanceof Trace || (value instanceof ActorRef<?> ref && ref.path().name().startsWith("$"))) {
          continue; // the trace has its own fields; an anonymous reply-to (an adapter) says nothing
        }
        if (!first) {
          b.append(", ");
        }
        first = false;
        b.append(accessor.getName()).append('=');
        render(value, b, depth + 1);
      }
      b.append(')');
    } else if (v instanceof ActorRef<?> ref) {
      b.append(ref.path().name());
    } else if (v instanceof Optional<?> o) {
      if (o.isPresent()) {
        render(o.get(), b, depth);
      } else {
        b.append('-');
      }
    } else if (v instanceof Collection<?> c && c.size() > 8) {
      b.append('[').append(c.size()).append(" items]");
    } else {
      b.append(v);
    }
  }

  /**
   * The type to show for a message: a private adapter record that only wraps a reply (say,
   * {@code FromDesk(OrderTaken)}) shows as the reply it carries.
   */
  static String typeOf(Object msg) {
    Object m = msg;
    for (int i = 0; i < 3; i++) {
      Method unwrap = WRAPPED.get(m.getClass());
      if (unwrap == null) {
        break;
      }
      try {
        Object inner = unwrap.invoke(m);
        if (inner == null) {
          break;
        }
        m = inner;
      } catch (ReflectiveOperationException | RuntimeException e) {
        break;
      }
    }
    return m.getClass().getSimpleName();
  }

  private static final ClassValue<Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
          RecordComponent[] cs = type.getRecordComponents();
          Method[] out = new Method[cs.length];
          for (int i = 0; i < cs.length; i++) {
            out[i] = cs[i].getAccessor();
            out[i].setAccessible(true);
          }
          return out;
        }
      };

  private static final ClassValue<Method> WRAPPED =
      new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
          if (!type.isRecord() || Modifier.isPublic(type.getModifiers())) {
            return null;
          }
          RecordComponent[] cs = type.getRecordComponents();
          if (cs.length != 1 || !Traced.class.isAssignableFrom(cs[0].getType())) {
            return null;
          }
          Method m = cs[0].getAccessor();
          m.setAccessible(true);
          return m;
        }
      };

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
