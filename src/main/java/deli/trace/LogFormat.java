package deli.trace;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AsyncAppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * How a node's log is written: {@code text} ({@link deli.core.LogSetup}'s pattern, for a terminal) or
 * {@code json}, one JSON object a line through Logback's own {@link JsonEncoder}, its {@code mdc}
 * holding the trace id, span id and actor of the message being handled ({@link TraceMdc}), so a
 * log aggregator can join the log to the traces.
 */
public enum LogFormat {
  text,
  json;

  /** Writes the console log in this format from now on. */
  public void apply() {
    if (this == json && LoggerFactory.getILoggerFactory() instanceof LoggerContext lc) {
      json(lc);
    }
  }

  /** Gives every console appender under the root logger (behind async ones too) a JSON encoder. */
  static int json(LoggerContext lc) {
    int switched = 0;
    Iterator<Appender<ILoggingEvent>> it = lc.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    while (it.hasNext()) {
      switched += json(lc, it.next());
    }
    return switched;
  }

  private static int json(LoggerContext lc, Appender<ILoggingEvent> a) {
    if (a instanceof AsyncAppenderBase<ILoggingEvent> async) {
      int n = 0;
      Iterator<Appender<ILoggingEvent>> it = async.iteratorForAppenders();
      while (it.hasNext()) {
        n += json(lc, it.next());
      }
      return n;
    }
    if (a instanceof ConsoleAppender<ILoggingEvent> console) {
      console.stop();
      console.setEncoder(encoder(lc));
      console.start();
      return 1;
    }
    return 0;
  }

  static JsonEncoder encoder(LoggerContext lc) {
    JsonEncoder e = new JsonEncoder();
    e.setContext(lc);
    e.start();
    return e;
  }
}
