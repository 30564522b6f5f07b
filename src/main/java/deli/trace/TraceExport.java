package deli.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trace's spans in the formats trace viewers read: Chrome's Trace Event Format (Perfetto,
 * {@code chrome://tracing}), Zipkin v2 JSON (Zipkin and what speaks its API) and OTLP JSON
 * (Jaeger, Grafana Tempo). Only span lines (with a {@code spanId}) export: lines written before
 * spans have no ids to give.
 */
public final class TraceExport {
  private static final JsonFactory JSON = new JsonFactory();

  private TraceExport() {}

  /** Lines that can be exported: those with a span id. */
  public static List<TraceLine> spans(List<TraceLine> lines) {
    return lines.stream().filter(l -> !l.spanId().isEmpty()).toList();
  }

  /**
   * The Trace Event Format: a process per node, a thread (track) per actor, a complete event
   * ({@code ph:"X"}) per handling, and a flow ({@code ph:"s"} at the send, inside the sending
   * handling, to {@code ph:"f"} at the handling it caused) per message whose sender is in the file.
   */
  public static void chrome(List<TraceLine> lines, Writer out) throws IOException {
    List<TraceLine> spans = spans(lines);
    Map<String, Integer> pids = new LinkedHashMap<>();
    Map<String, Integer> tids = new LinkedHashMap<>();
    Map<String, TraceLine> bySpan = new HashMap<>();
    // Times from the trace's first send: small exact numbers rather than 16-digit epoch microseconds.
    double origin = Double.MAX_VALUE;
    for (TraceLine l : spans) {
      bySpan.put(l.traceId() + "/" + l.spanId(), l);
      origin = Math.min(origin, Math.floor(micros(l.sent())));
    }
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("traceEvents");
      for (TraceLine l : spans) {
        Integer pid = pids.get(l.node());
        if (pid == null) {
          pid = pids.size() + 1;
          pids.put(l.node(), pid);
          meta(g, "process_name", pid, null, l.node());
        }
        Integer tid = tids.get(l.node() + " " + l.receiver());
        if (tid == null) {
          tid = tids.size() + 1;
          tids.put(l.node() + " " + l.receiver(), tid);
          meta(g, "thread_name", pid, tid, TraceDiagram.name(l.receiver(), l.node(), false));
        }
        g.writeStartObject();
        g.writeStringField("name", l.type());
        g.writeStringField("cat", "message");
        g.writeStringField("ph", "X");
        g.writeNumberField("ts", micros(l.time()) - origin);
        g.writeNumberField("dur", Math.max(0, l.tookNanos()) / 1000.0);
        g.writeNumberField("pid", pid);
        g.writeNumberField("tid", tid);
        g.writeObjectFieldStart("args");
        g.writeStringField("traceId", l.traceId());
        g.writeStringField("spanId", l.spanId());
        if (!l.parentId().isEmpty()) {
          g.writeStringField("parentId", l.parentId());
        }
        if (l.sender() != null) {
          g.writeStringField("sender", l.sender());
        }
        g.writeStringField("message", l.message());
        if (l.waitNanos() >= 0) {
          g.writeNumberField("waitMicros", l.waitNanos() / 1000.0);
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      long flow = 0;
      for (TraceLine l : spans) {
        TraceLine parent = l.parentId().isEmpty() ? null : bySpan.get(l.traceId() + "/" + l.parentId());
        if (parent == null) {
          continue;
        }
        flow++;
        // The send lies inside the sending handling, so the arrow leaves its slice.
        double sent = Math.min(Math.max(micros(l.sent()), micros(parent.time())), micros(parent.end()));
        flowEvent(g, "s", flow, sent - origin, pids.get(parent.node()), tids.get(parent.node() + " " + parent.receiver()));
        flowEvent(g, "f", flow, micros(l.time()) - origin, pids.get(l.node()), tids.get(l.node() + " " + l.receiver()));
      }
      g.writeEndArray();
      g.writeStringField("displayTimeUnit", "ms");
      g.writeObjectFieldStart("otherData");
      g.writeStringField("startedAt", spans.isEmpty() ? "" : Instant.ofEpochSecond(0, (long) origin * 1000).toString());
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void meta(JsonGenerator g, String what, int pid, Integer tid, String name) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", what);
    g.writeStringField("ph", "M");
    g.writeNumberField("pid", pid);
    if (tid != null) {
      g.writeNumberField("tid", tid);
    }
    g.writeObjectFieldStart("args");
    g.writeStringField("name", name);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static void flowEvent(JsonGenerator g, String ph, long id, double ts, int pid, int tid) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", "send");
    g.writeStringField("cat", "flow");
    g.writeStringField("ph", ph);
    g.writeNumberField("id", id);
    if (ph.equals("f")) {
      g.writeStringField("bp", "e");
    }
    g.writeNumberField("ts", ts);
    g.writeNumberField("pid", pid);
    g.writeNumberField("tid", tid);
    g.writeEndObject();
  }

  /**
   * Zipkin v2: an array of spans, times in microseconds, the node as the local endpoint's service
   * name, the actor and the message as tags.
   */
  public static void zipkin(List<TraceLine> lines, Writer out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartArray();
      for (TraceLine l : spans(lines)) {
        g.writeStartObject();
        g.writeStringField("traceId", l.traceId());
        g.writeStringField("id", l.spanId());
        if (!l.parentId().isEmpty()) {
          g.writeStringField("parentId", l.parentId());
        }
        g.writeStringField("name", l.type());
        g.writeNumberField("timestamp", epochMicros(l.time()));
        // Zipkin takes a duration of at least one microsecond.
        g.writeNumberField("duration", Math.max(1, Math.max(0, l.tookNanos()) / 1000));
        g.writeObjectFieldStart("localEndpoint");
        g.writeStringField("serviceName", l.node());
        g.writeEndObject();
        g.writeObjectFieldStart("tags");
        tags(g, l);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
  }

  private static void tags(JsonGenerator g, TraceLine l) throws IOException {
    g.writeStringField("actor", l.receiver());
    if (l.sender() != null) {
      g.writeStringField("sender", l.sender());
    }
    g.writeStringField("message", l.message());
    if (l.waitNanos() >= 0) {
      g.writeStringField("mailbox.wait.us", Long.toString(l.waitNanos() / 1000));
    }
  }

  /**
   * OTLP JSON ({@code resourceSpans}): a resource per node ({@code service.name}), its spans with
   * hex ids and times in nanoseconds since the epoch (as strings, as OTLP JSON writes 64-bit
   * integers).
   */
  public static void otlp(List<TraceLine> lines, Writer out) throws IOException {
    Map<String, List<TraceLine>> byNode = new LinkedHashMap<>();
    for (TraceLine l : spans(lines)) {
      byNode.computeIfAbsent(l.node(), n -> new java.util.ArrayList<>()).add(l);
    }
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("resourceSpans");
      for (Map.Entry<String, List<TraceLine>> e : byNode.entrySet()) {
        g.writeStartObject();
        g.writeObjectFieldStart("resource");
        g.writeArrayFieldStart("attributes");
        attribute(g, "service.name", e.getKey());
        g.writeEndArray();
        g.writeEndObject();
        g.writeArrayFieldStart("scopeSpans");
        g.writeStartObject();
        g.writeObjectFieldStart("scope");
        g.writeStringField("name", "deli");
        g.writeEndObject();
        g.writeArrayFieldStart("spans");
        for (TraceLine l : e.getValue()) {
          g.writeStartObject();
          g.writeStringField("traceId", traceId32(l.traceId()));
          g.writeStringField("spanId", l.spanId());
          if (!l.parentId().isEmpty()) {
            g.writeStringField("parentSpanId", l.parentId());
          }
          g.writeStringField("name", l.type());
          g.writeNumberField("kind", 1); // SPAN_KIND_INTERNAL
          g.writeStringField("startTimeUnixNano", Long.toString(epochNanos(l.time())));
          g.writeStringField("endTimeUnixNano", Long.toString(epochNanos(l.time()) + Math.max(0, l.tookNanos())));
          g.writeArrayFieldStart("attributes");
          attribute(g, "deli.actor", l.receiver());
          if (l.sender() != null) {
            attribute(g, "deli.sender", l.sender());
          }
          attribute(g, "deli.message", l.message());
          if (l.waitNanos() >= 0) {
            g.writeStartObject();
            g.writeStringField("key", "deli.mailbox.wait.ns");
            g.writeObjectFieldStart("value");
            g.writeStringField("intValue", Long.toString(l.waitNanos()));
            g.writeEndObject();
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void attribute(JsonGenerator g, String key, String value) throws IOException {
    g.writeStartObject();
    g.writeStringField("key", key);
    g.writeObjectFieldStart("value");
    g.writeStringField("stringValue", value);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** OTLP wants 32 hex digits; a trace id from before W3C ids (16) is padded on the left. */
  static String traceId32(String id) {
    return id.length() >= 32 ? id : "0".repeat(32 - id.length()) + id;
  }

  private static double micros(Instant t) {
    return t.getEpochSecond() * 1_000_000.0 + t.getNano() / 1000.0;
  }

  private static long epochMicros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
