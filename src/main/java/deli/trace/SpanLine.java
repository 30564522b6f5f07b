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
    appendTo(b, new StringBuilder(64));
  }

  /** Appends this span's line, without the newline, rendering the message in {@code scratch}. */
  void appendTo(StringBuilder b, StringBuilder scratch) {
    start(b, begin, node, traceId, span, parent);
    if (sender == null) {
      if (!parent.isEmpty()) {
        b.append(",\"sender\":null"); // a timer's tick: said, since a missing sender is its parent's receiver
      }
    } else if (parent.isEmpty() || !sender.startsWith(prefix) || senderAlways) {
      // Else left out: the parent's line names it (its receiver), which keeps lines short.
      str(b.append(",\"sender\":"), compact(sender, prefix));
    }
    raw(b.append(",\"receiver\":"), receiver);
    raw(b.append(",\"type\":"), type != null ? type : TraceRender.typeOf(msg));
    int from;
    try {
      from = TraceRender.renderBody(msg, scratch);
    } catch (RuntimeException e) {
      scratch.setLength(0); // a message that broke the rule and changed since: its line stays
      scratch.append('?');
      from = 0;
    }
    if (from < scratch.length()) {
      str(b.append(",\"message\":"), scratch, from);
    }
    if (sent != 0) {
      b.append(",\"wait\":").append(Math.max(0, begin - sent));
    }
    b.append(",\"took\":").append(end - begin).append('}');
  }

  /** A request's span at an edge, from {@code begin} to {@code end} (nanoseconds since the epoch). */
  static void request(StringBuilder b, String node, Trace trace, String parent, String name, long begin, long end) {
    start(b, begin, node, trace.id(), trace.span(), parent);
    str(b.append(",\"receiver\":"), trace.sender());
    str(b.append(",\"type\":"), name);
    b.append(",\"took\":").append(end - begin).append('}');
  }

  private static void start(StringBuilder b, long begin, String node, String traceId, String span, String parent) {
    b.append("{\"time\":").append(begin / 1000);
    if (!"local".equals(node)) {
      str(b.append(",\"node\":"), node);
    }
    str(b.append(",\"traceId\":"), traceId); // from outside (a header): escaped
    raw(b.append(",\"spanId\":"), span);
    if (!parent.isEmpty()) {
      str(b.append(",\"parentId\":"), parent);
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
    str(b, s, 0);
  }

  /** Appends {@code s} from {@code from} on as a JSON string. */
  private static void str(StringBuilder b, CharSequence s, int from) {
    b.append('"');
    int n = s.length();
    int clean = from;
    while (clean < n) {
      char ch = s.charAt(clean);
      if (ch == '"' || ch == '\\' || ch < 0x20) {
        break;
      }
      clean++;
    }
    // Most strings need no escape: appended whole rather than a character at a time.
    b.append(s, from, clean);
    for (int i = clean; i < n; i++) {
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
}
