package deli.trace;

/**
 * One handling's span, as the actor's thread hands it to the trace writer: the facts known when
 * the handling ended, with the message itself (immutable) still to be rendered. {@link #appendTo}
 * writes the trace line, on the writer's thread.
 *
 * @param type the message's type when already known (a type filter needed it), else null
 * @param senderAlways whether the sender is written even when the parent's line names it
 *     (a type filter may leave that line out)
 */
record SpanLine(
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
    long end,
    boolean senderAlways) {

  /** Appends this span's line, without the newline. */
  void appendTo(StringBuilder b) {
    LineBuffer line = new LineBuffer(256);
    appendTo(line, new TraceRender.Text());
    b.append(line);
  }

  /** Appends this span's line, without the newline, rendering the message in {@code scratch}. */
  void appendTo(LineBuffer b, TraceRender.Text scratch) {
    start(b, begin, node, traceId, span, parent);
    if (sender == null) {
      if (!parent.isEmpty()) {
        b.bytes(NULL_SENDER); // a timer's tick: said, since a missing sender is its parent's receiver
      }
    } else if (parent.isEmpty() || senderAlways || !scratch.local(sender, prefix)) {
      // Else left out: the parent's line names it (its receiver), which keeps lines short.
      b.bytes(SENDER).string(compact(sender, prefix));
    }
    b.bytes(RECEIVER).cached(receiver, false).ascii('"');
    int from;
    try {
      from = TraceRender.renderBody(msg, scratch);
    } catch (RuntimeException e) {
      scratch.len = 0; // a message that broke the rule and changed since: its line stays
      scratch.append('?');
      scratch.typeField = TraceRender.typeField(msg);
      from = 0;
    }
    if (type != null) {
      b.bytes(TYPE).raw(type).ascii('"');
    } else {
      b.bytes(scratch.typeField);
    }
    if (from < scratch.len) {
      b.bytes(MESSAGE).string(scratch.c, from, scratch.len);
    }
    if (sent != 0) {
      b.bytes(WAIT).decimal(Math.max(0, begin - sent));
    }
    b.bytes(TOOK).decimal(end - begin).ascii('}');
  }

  /** A request's span at an edge, from {@code begin} to {@code end} (nanoseconds since the epoch). */
  static void request(LineBuffer b, String node, Trace trace, String parent, String name, long begin, long end) {
    start(b, begin, node, trace.id(), trace.span(), parent);
    b.bytes(RECEIVER_KEY).string(trace.sender()); // an edge's name: escaped
    b.bytes(TYPE_KEY).string(name);
    b.bytes(TOOK).decimal(end - begin).ascii('}');
  }

  private static void start(LineBuffer b, long begin, String node, String traceId, String span, String parent) {
    b.bytes(TIME).time(begin / 1000);
    if (!"local".equals(node)) {
      b.bytes(NODE).cached(node, true);
    }
    b.bytes(TRACE_ID).cached(traceId, true); // from outside (a header): escaped
    b.bytes(SPAN_ID).raw(span).ascii('"');
    if (!parent.isEmpty()) {
      b.bytes(PARENT_ID).string(parent);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static final byte[] TIME = ascii("{\"time\":");
  private static final byte[] NODE = ascii(",\"node\":");
  private static final byte[] TRACE_ID = ascii(",\"traceId\":");
  private static final byte[] SPAN_ID = ascii(",\"spanId\":\"");
  private static final byte[] PARENT_ID = ascii(",\"parentId\":");
  private static final byte[] NULL_SENDER = ascii(",\"sender\":null");
  private static final byte[] SENDER = ascii(",\"sender\":");
  private static final byte[] RECEIVER = ascii(",\"receiver\":\"");
  private static final byte[] RECEIVER_KEY = ascii(",\"receiver\":");
  private static final byte[] TYPE = ascii(",\"type\":\"");
  private static final byte[] TYPE_KEY = ascii(",\"type\":");
  private static final byte[] MESSAGE = ascii(",\"message\":");
  private static final byte[] WAIT = ascii(",\"wait\":");
  private static final byte[] TOOK = ascii(",\"took\":");

  /** {@code path} without this node's address ({@code /user/dinner/fork-1}); another node's path whole. */
  static String compact(String path, String prefix) {
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }
}
