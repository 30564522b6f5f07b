package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFormatTest {
  static final ActorTestKit testKit = ActorTestKit.create("LogFormatTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  record Ask(Trace trace, ActorRef<String> replyTo) implements Traced {}

  @Test
  void jsonGivesEveryConsoleAppenderLogbacksJsonEncoderBehindAsyncOnesToo() {
    LoggerContext lc = new LoggerContext();
    ConsoleAppender<ILoggingEvent> direct = console(lc);
    ConsoleAppender<ILoggingEvent> behind = console(lc);
    AsyncAppender async = new AsyncAppender();
    async.setContext(lc);
    async.addAppender(behind);
    async.start();
    lc.getLogger("ROOT").addAppender(direct);
    lc.getLogger("ROOT").addAppender(async);
    assertEquals(2, LogFormat.json(lc));
    assertInstanceOf(JsonEncoder.class, direct.getEncoder());
    assertInstanceOf(JsonEncoder.class, behind.getEncoder());
    assertTrue(direct.isStarted() && behind.isStarted());
  }

  private static ConsoleAppender<ILoggingEvent> console(LoggerContext lc) {
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(lc);
    text.setPattern("%msg%n");
    text.start();
    ConsoleAppender<ILoggingEvent> c = new ConsoleAppender<>();
    c.setContext(lc);
    c.setEncoder(text);
    c.start();
    return c;
  }

  @Test
  void aJsonLineFromATracedHandlingCarriesItsTraceAndSpanIds(@TempDir Path dir) throws Exception {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("deli.test.json");
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    logger.setLevel(Level.INFO);
    try (AutoCloseable tracing = TraceLog.open(dir.resolve("t.jsonl"))) {
      Behavior<Ask> echo = Behaviors.receive(Ask.class)
          .onMessage(Ask.class, m -> {
            logger.info("handling");
            m.replyTo().tell(Trace.here().span());
            return Behaviors.same();
          })
          .build();
      ActorRef<Ask> ref = testKit.spawn(Tracing.traced(Ask.class, echo), "json-echo");
      TestProbe<String> probe = testKit.createTestProbe();
      Trace t = Trace.start("test");
      ref.tell(new Ask(t, probe.getRef()));
      String span = probe.receiveMessage();
      byte[] line = LogFormat.encoder((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory()).encode(events.list.get(0));
      JsonNode json = new ObjectMapper().readTree(new String(line, StandardCharsets.UTF_8));
      assertEquals("handling", json.get("message").asText());
      assertEquals(t.id(), json.get("mdc").get("traceId").asText());
      assertEquals(span, json.get("mdc").get("spanId").asText());
      assertTrue(span.matches("[0-9a-f]{16}"), span);
      assertTrue(json.get("mdc").get("actor").asText().endsWith("/user/json-echo"));
    } finally {
      logger.detachAppender(events);
    }
  }
}
