package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.chefs.ChefsSettings;
import deli.chefs.Kitchen;
import deli.chefs.Menu;
import deli.core.DeliConfig;
import deli.core.DurationRange;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.codec.SpanBytesDecoder;

/** A real flow's spans (a kitchen of 12 orders), and each export held to its format's rules. */
class TraceExportTest {
  static final ActorTestKit testKit = ActorTestKit.create("TraceExportTest", DeliConfig.load());
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static Trace flow;
  static List<TraceLine> lines;

  @BeforeAll
  static void traceAKitchen() throws Exception {
    Path file = dir.resolve("kitchen.jsonl");
    try (AutoCloseable tracing = TraceLog.open(file)) {
      flow = Trace.start("cli");
      TestProbe<Kitchen.Event> events = testKit.createTestProbe();
      testKit.spawn(Kitchen.create(
          new ChefsSettings(Menu.cycle(12), Menu.chefs("3"), DurationRange.parse("0"), OptionalLong.of(1), 0), flow, events.getRef()),
          "kitchen");
      events.fishForMessage(Duration.ofSeconds(10),
          e -> e instanceof Kitchen.KitchenClosed ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }
    lines = TraceLine.read(List.of(file)).lines().stream().filter(l -> l.traceId().equals(flow.id())).toList();
  }

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void everySpanHasW3cIdsAndAParentInTheFileOrIsARoot() {
    assertFalse(lines.isEmpty());
    assertTrue(flow.id().matches("[0-9a-f]{32}"), flow.id());
    Set<String> spans = lines.stream().map(TraceLine::spanId).collect(Collectors.toSet());
    assertEquals(lines.size(), spans.size(), "span ids are unique");
    for (TraceLine l : lines) {
      assertTrue(l.spanId().matches("[0-9a-f]{16}"), l.toString());
      assertTrue(l.parentId().isEmpty() || spans.contains(l.parentId()), "parent in the file: " + l);
      assertTrue(l.tookNanos() >= 0, l.toString());
    }
    // The chefs pull: a NextOrder is answered by an OrderTaken, caused by (a child of) its handling.
    Map<String, TraceLine> bySpan = lines.stream().collect(Collectors.toMap(TraceLine::spanId, l -> l));
    TraceLine taken = lines.stream().filter(l -> l.type().equals("OrderTaken")).findFirst().orElseThrow();
    assertEquals("NextOrder", bySpan.get(taken.parentId()).type(), "an order is taken because it was asked for");
    assertTrue(taken.waitNanos() >= 0, "sent in a traced flow: its wait is known");
  }

  @Test
  void chromeHasACompleteEventPerSpanAndEveryFlowPairedInsideItsSendersSlice() throws Exception {
    StringWriter out = new StringWriter();
    TraceExport.chrome(lines, out);
    JsonNode events = JSON.readTree(out.toString()).get("traceEvents");
    int complete = 0;
    Map<Long, JsonNode> starts = new HashMap<>();
    Map<Long, JsonNode> finishes = new HashMap<>();
    Map<String, String> threads = new HashMap<>();
    for (JsonNode e : events) {
      switch (e.get("ph").asText()) {
        case "X" -> {
          complete++;
          assertTrue(e.get("ts").asDouble() >= 0 && e.get("dur").asDouble() >= 0, "times non-negative: " + e);
        }
        case "s" -> assertEquals(null, starts.put(e.get("id").asLong(), e));
        case "f" -> {
          assertEquals(null, finishes.put(e.get("id").asLong(), e));
          assertEquals("e", e.get("bp").asText());
        }
        case "M" -> threads.put(e.get("pid") + "/" + e.path("tid").asText(), e.get("args").get("name").asText());
        default -> throw new AssertionError("unexpected event " + e);
      }
    }
    assertEquals(lines.size(), complete);
    assertEquals(starts.keySet(), finishes.keySet(), "every flow starts and finishes");
    assertEquals(lines.stream().filter(l -> !l.parentId().isEmpty()).count(), starts.size());
    for (long id : starts.keySet()) {
      assertTrue(starts.get(id).get("ts").asDouble() <= finishes.get(id).get("ts").asDouble(), "sent before handled");
    }
    assertTrue(threads.containsValue("kitchen/desk"), threads.toString());
  }

  @Test
  void zipkinSpansAreReadByZipkinsOwnDecoderWithTheirParentsAndTimes() throws Exception {
    StringWriter out = new StringWriter();
    TraceExport.zipkin(lines, out);
    List<zipkin2.Span> spans = SpanBytesDecoder.JSON_V2.decodeList(out.toString().getBytes(StandardCharsets.UTF_8));
    assertEquals(lines.size(), spans.size());
    Set<String> ids = spans.stream().map(zipkin2.Span::id).collect(Collectors.toSet());
    for (zipkin2.Span s : spans) {
      assertEquals(flow.id(), s.traceId());
      assertTrue(s.parentId() == null || ids.contains(s.parentId()), "parent present: " + s);
      assertTrue(s.timestampAsLong() > 0 && s.durationAsLong() >= 1, s.toString());
      assertEquals("local", s.localServiceName());
      assertTrue(s.tags().get("actor").startsWith("/user/kitchen"), s.toString());
    }
  }

  @Test
  void otlpHasAResourcePerNodeWithHexIdsAndOrderedTimes() throws Exception {
    StringWriter out = new StringWriter();
    TraceExport.otlp(lines, out);
    JsonNode root = JSON.readTree(out.toString());
    JsonNode resource = root.get("resourceSpans").get(0);
    assertEquals("service.name", resource.get("resource").get("attributes").get(0).get("key").asText());
    JsonNode spans = resource.get("scopeSpans").get(0).get("spans");
    assertEquals(lines.size(), spans.size());
    Set<String> ids = new HashSet<>();
    spans.forEach(s -> ids.add(s.get("spanId").asText()));
    for (JsonNode s : spans) {
      assertTrue(s.get("traceId").asText().matches("[0-9a-f]{32}"), s.toString());
      assertTrue(s.get("spanId").asText().matches("[0-9a-f]{16}"), s.toString());
      assertTrue(!s.has("parentSpanId") || ids.contains(s.get("parentSpanId").asText()), s.toString());
      assertTrue(Long.parseLong(s.get("startTimeUnixNano").asText()) <= Long.parseLong(s.get("endTimeUnixNano").asText()));
    }
  }

  @Test
  void statsCountEachActorsMessagesAndTheCriticalPathIsAChainOfCauses() {
    List<TraceStats.Actor> actors = TraceStats.actors(lines);
    TraceStats.Actor desk = actors.stream().filter(a -> a.actor().equals("kitchen/desk")).findFirst().orElseThrow();
    assertEquals(lines.stream().filter(l -> l.receiver().endsWith("/kitchen/desk")).count(), desk.in());
    assertTrue(desk.out() > 0 && desk.handling().count() == desk.in(), desk.toString());
    assertTrue(desk.handling().p50() <= desk.handling().p99() && desk.handling().p99() <= desk.handling().max());
    assertEquals(12L, TraceStats.types(lines).get("Plate"), "one plate per order");
    TraceStats.Path path = TraceStats.criticalPath(lines);
    assertTrue(path.spans().size() > 1);
    for (int i = 1; i < path.spans().size(); i++) {
      assertEquals(path.spans().get(i - 1).spanId(), path.spans().get(i).parentId(), "each step caused by the one before");
    }
    assertTrue(path.spans().get(0).parentId().isEmpty(), "from a root");
    assertTrue(TraceStats.report(flow.id(), lines).contains("critical path: " + path.spans().size() + " messages"));
  }

  @Test
  void aSubtreeHoldsASpanAndEverythingItCausedAndNothingElse() {
    TraceLine root = lines.stream().filter(l -> l.parentId().isEmpty()).findFirst().orElseThrow();
    TraceLine leaf = lines.stream().filter(l -> lines.stream().noneMatch(c -> c.parentId().equals(l.spanId()))).findFirst().orElseThrow();
    assertEquals(List.of(leaf), TraceStats.subtree(lines, flow.id(), leaf.spanId()));
    List<TraceLine> under = TraceStats.subtree(lines, flow.id(), root.spanId());
    assertEquals(root, under.get(0));
    Set<String> spans = under.stream().map(TraceLine::spanId).collect(Collectors.toSet());
    under.stream().skip(1).forEach(l -> assertTrue(spans.contains(l.parentId()), l.toString()));
    String mermaid = TraceDiagram.of(under, flow.id(), 1000, false, true).mermaid();
    assertTrue(mermaid.contains("took "), mermaid);
  }
}
