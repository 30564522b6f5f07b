package deli.core;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;

import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * deli's log set up in code, found by Logback through {@code META-INF/services}: logs go to
 * stderr (stdout carries only a command's output) through an async appender that never blocks
 * an actor; deli's own loggers at INFO ({@code DELI_LOG_LEVEL} or {@code -Ddeli.log.level} to
 * change it), Pekko's at WARN ({@code -Dpekko.log.level}), the message trace off unless
 * {@code --trace} opens it. In code rather than a logback.xml because Logback's XML
 * configuration cost every command about 0.3 s of its start (it was a quarter of
 * {@code deli factor 42}). A {@code -Dlogback.configurationFile} or a {@code logback-test.xml}
 * on the class path (the unit tests') still wins: this one then leaves the work to Logback's
 * own configurators.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  /** The console pattern: time, level, logger, the trace id and actor of the message in hand. */
  public static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} [%X{traceId}] %X{actor} - %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext lc) {
    if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    setUp(lc, System.getProperty("deli.log.level", System.getenv("DELI_LOG_LEVEL")), System.getProperty("pekko.log.level"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets {@code lc} up as deli logs, deli's level and Pekko's as given (null: INFO and WARN). */
  static void setUp(LoggerContext lc, String deliLevel, String pekkoLevel) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(lc);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(lc);
    stderr.setName("STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    AsyncAppender async = new AsyncAppender();
    async.setContext(lc);
    async.setName("ASYNC");
    async.setQueueSize(8192);
    async.setNeverBlock(true);
    async.addAppender(stderr);
    async.start();

    lc.getLogger("deli").setLevel(level(deliLevel, Level.INFO));
    Logger trace = lc.getLogger("deli.trace");
    trace.setLevel(Level.OFF);
    trace.setAdditive(false);
    lc.getLogger("org.apache.pekko").setLevel(level(pekkoLevel, Level.WARN));
    // A port in use is reported by deli in one line; Pekko's stack trace adds nothing.
    lc.getLogger("org.apache.pekko.io.TcpListener").setLevel(Level.OFF);
    Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(async);
  }

  /** A level's name as Logback reads it (any case; an unknown name gives {@code otherwise}). */
  static Level level(String name, Level otherwise) {
    return name == null || name.isBlank() ? otherwise : Level.toLevel(name.strip(), otherwise);
  }
}
