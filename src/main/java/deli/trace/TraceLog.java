package deli.trace;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.util.FileSize;
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
import java.nio.file.Path;
import java.time.Instant;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message-trace log: one JSON line per message received, written through the SLF4J
 * logger {@code deli.trace}. It is off unless {@link #open} (the {@code --trace FILE} flag)
 * or an operator's logback configuration turns that logger on.
 */
public final class TraceLog {
  /** The logger every trace line goes through. */
  public static final String LOGGER_NAME = "deli.trace";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_RENDERING = 160;

  private TraceLog() {}

  public static boolean enabled() {
    return LOG.isInfoEnabled();
  }

  /**
   * Sends trace lines to {@code file} (appending: a file may hold many runs, told apart by
   * trace id). Writes go through a bounded queue that never discards: tracing slows a flow
   * down when the disk cannot keep up rather than losing lines. Closing the handle stops
   * tracing to this file and flushes it.
   */
  public static AutoCloseable open(Path file) {
    // Logback would make missing directories; a mistyped path should be said, as logserver --out says it.
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
      throw new DeliException("cannot write the trace file " + file + ": no such directory " + dir);
    }
    LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(lc);
    encoder.setPattern("%msg%n");
    encoder.start();

    FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
    fileAppender.setContext(lc);
    fileAppender.setName("trace-file");
    fileAppender.setFile(file.toAbsolutePath().toString());
    fileAppender.setAppend(true);
    fileAppender.setImmediateFlush(false);
    fileAppender.setBufferSize(new FileSize(256 * 1024));
    fileAppender.setEncoder(encoder);
    fileAppender.start();
    if (!fileAppender.isStarted()) {
      throw new DeliException("cannot write the trace file " + file.toAbsolutePath());
    }

    ch.qos.logback.classic.AsyncAppender async = new ch.qos.logback.classic.AsyncAppender();
    async.setContext(lc);
    async.setName("trace-async");
    async.setQueueSize(64 * 1024);
    async.setDiscardingThreshold(0);
    async.setNeverBlock(false);
    async.setMaxFlushTime(30_000);
    async.addAppender(fileAppender);
    async.start();

    ch.qos.logback.classic.Logger logger = lc.getLogger(LOGGER_NAME);
    logger.setAdditive(false);
    logger.addAppender(async);
    logger.setLevel(Level.INFO);
    // The 256 kB buffer keeps a busy flow's tracing cheap; a flush every half second keeps the
    // file readable while a node runs (deli trace on a live node's file), and a node killed
    // with kill -9 loses at most that half second. The buffered stream synchronizes its writes
    // and flushes, so the flusher needs no lock of the appender's.
    java.util.concurrent.ScheduledExecutorService flusher =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "deli-trace-flush");
              t.setDaemon(true);
              return t;
            });
    flusher.scheduleWithFixedDelay(
        () -> {
          try {
            java.io.OutputStream os = fileAppender.getOutputStream();
            if (os != null) {
              os.flush();
            }
          } catch (IOException | RuntimeException e) {
            // The appender reports write failures itself; a failed flush is retried next time.
          }
        },
        500,
        500,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return () -> {
      flusher.shutdownNow();
      logger.setLevel(Level.OFF);
      logger.detachAppender(async);
      async.stop(); // drains the queue into the file
      fileAppender.stop();
    };
  }

  /** Flushes and closes the trace file (and every other appender); call once, at exit. */
  public static void close() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
      lc.stop();
    }
  }

  static void received(
      String node, String traceId, String sender, String receiver, String type, Object msg) {
    LOG.info(line(Instant.now(), node, traceId, sender, receiver, type, render(msg)));
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
        if (value instanceof Trace) {
          continue;
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
