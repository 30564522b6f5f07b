package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.chefs.ChefsSettings;
import deli.chefs.Kitchen;
import deli.chefs.Menu;
import deli.core.DurationRange;
import deli.sleepers.Sleepers;
import deli.sleepers.SleepersSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class TracingTest {
  static final ActorTestKit testKit = ActorTestKit.create("TracingTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  record Ask(Trace trace, ActorRef<String> replyTo) implements Traced {}

  @Test
  void whatAnActorLogsCarriesTraceIdActorPathAndMessageTypeInTheMdc() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("deli.test.mdc");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> events =
        new ch.qos.logback.core.read.ListAppender<>();
    events.start();
    logger.addAppender(events);
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    try {
      Behavior<Ask> echo =
          Behaviors.receive(Ask.class)
              .onMessage(
                  Ask.class,
                  m -> {
                    logger.info("handling");
                    m.replyTo().tell(Trace.here().id() + " " + Trace.here().sender());
                    return Behaviors.same();
                  })
              .build();
      ActorRef<Ask> ref = testKit.spawn(Tracing.traced(Ask.class, echo), "echo");
      TestProbe<String> probe = testKit.createTestProbe();
      Trace t = Trace.start("test");
      ref.tell(new Ask(t, probe.getRef()));
      String here = probe.receiveMessage();
      Map<String, String> mdc = events.list.get(0).getMDCPropertyMap();
      assertEquals(t.id(), mdc.get("traceId"));
      assertTrue(mdc.get("actor").endsWith("/user/echo"), mdc.get("actor"));
      assertEquals("Ask", mdc.get("messageType"));
      assertEquals(t.id() + " " + mdc.get("actor"), here, "Trace.here() is this actor, in this flow");
      assertEquals(null, MDC.get("traceId"), "the test thread's MDC is untouched");
    } finally {
      logger.detachAppender(events);
    }
  }

  @Test
  void everyTraceLineOfAFlowCarriesItsTraceIdAndTwoFlowsStayApart(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.jsonl");
    Trace kitchenFlow = Trace.start("cli");
    Trace sleepersFlow = Trace.start("cli");
    try (AutoCloseable tracing = TraceLog.open(file)) {
      TestProbe<Kitchen.Event> kitchenEvents = testKit.createTestProbe();
      TestProbe<Sleepers.Event> sleeperEvents = testKit.createTestProbe();
      testKit.spawn(
          Kitchen.create(
              new ChefsSettings(Menu.cycle(6), Menu.chefs("2"), DurationRange.parse("0"), OptionalLong.of(1), 0),
              kitchenFlow,
              kitchenEvents.getRef()),
          "kitchen");
      testKit.spawn(
          Sleepers.create(new SleepersSettings(5, DurationRange.parse("0..50ms"), OptionalLong.of(1)), sleepersFlow, sleeperEvents.getRef()),
          "sleepers");
      kitchenEvents.fishForMessage(Duration.ofSeconds(10), e -> e instanceof Kitchen.KitchenClosed
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
      sleeperEvents.fishForMessage(Duration.ofSeconds(10), e -> e instanceof Sleepers.AllAwake
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    }
    List<TraceLine> lines = TraceLine.read(List.of(file)).lines();
    List<TraceLine> kitchen = lines.stream().filter(l -> l.receiver().contains("/user/kitchen")).toList();
    List<TraceLine> sleepers = lines.stream().filter(l -> l.receiver().contains("/user/sleepers")).toList();
    assertFalse(kitchen.isEmpty());
    assertFalse(sleepers.isEmpty());
    kitchen.forEach(l -> assertEquals(kitchenFlow.id(), l.traceId(), l.toString()));
    sleepers.forEach(l -> assertEquals(sleepersFlow.id(), l.traceId(), l.toString()));

    Set<String> types = kitchen.stream().map(TraceLine::type).collect(Collectors.toSet());
    assertTrue(types.containsAll(Set.of("NextOrder", "OrderTaken", "Plate", "AllPlated", "DeskReport")), types.toString());
    // The chefs pull: every NextOrder comes from a chef to the desk, and the desk answers.
    kitchen.stream()
        .filter(l -> l.type().equals("NextOrder"))
        .forEach(l -> {
          assertTrue(l.sender().matches(".*/user/kitchen/chef-\\d+"), l.sender());
          assertTrue(l.receiver().endsWith("/user/kitchen/desk"), l.receiver());
        });
    kitchen.stream()
        .filter(l -> l.type().equals("OrderTaken"))
        .forEach(l -> assertTrue(l.sender().endsWith("/user/kitchen/desk"), l.sender()));
    // A sleeper's timer tick belongs to its flow though it carries no trace itself.
    assertTrue(sleepers.stream().anyMatch(l -> l.type().equals("WakeUp") && l.sender() == null));
    assertTrue(Files.size(file) > 0);

    String mermaid = TraceDiagram.of(lines, kitchenFlow.id(), 1000, false).mermaid();
    assertTrue(mermaid.contains("as kitchen/desk"), mermaid);
    assertFalse(mermaid.contains("sleeper"), "the other flow stays out of the diagram");
  }

  @Test
  void aTraceFileIsReadableWhileTracingGoesOnNotOnlyOnceItIsClosed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("live.jsonl");
    Trace flow = Trace.start("cli");
    try (AutoCloseable tracing = TraceLog.open(file)) {
      TestProbe<Sleepers.Event> events = testKit.createTestProbe();
      testKit.spawn(Sleepers.create(new SleepersSettings(3, DurationRange.parse("0"), OptionalLong.of(1)), flow, events.getRef()), "live-sleepers");
      events.fishForMessage(Duration.ofSeconds(10), e -> e instanceof Sleepers.AllAwake
          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
      // Still open: a node's trace file is read while the node runs (or after kill -9).
      deli.testing.Await.until(Duration.ofSeconds(10), "the flow's lines in " + file,
          () -> Files.exists(file) && Files.readString(file).contains(flow.id()));
      String text = Files.readString(file);
      assertTrue(text.contains("\"traceId\":\"" + flow.id() + "\""), "the lines are in the file before it is closed: " + text);
      assertTrue(text.endsWith("\n"), "whole lines only");
    }
  }
}
