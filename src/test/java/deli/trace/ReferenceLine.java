package deli.trace;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The trace line as deli wrote it before lines were built as bytes (reflection, a StringBuilder
 * per line, then encoded): kept as the oracle the byte-for-byte tests compare the fast line
 * with, so the file format cannot drift.
 */
final class ReferenceLine {
  private static final int MAX_RENDERING = 160;

  private ReferenceLine() {}

  /** The line's bytes, as the old writer wrote them (without the newline). */
  static byte[] of(SpanLine s) {
    return utf8(line(s));
  }

  static String line(SpanLine s) {
    StringBuilder b = new StringBuilder();
    b.append("{\"time\":").append(s.begin() / 1000);
    if (!"local".equals(s.node())) {
      str(b.append(",\"node\":"), s.node());
    }
    str(b.append(",\"traceId\":"), s.traceId());
    raw(b.append(",\"spanId\":"), s.span());
    if (!s.parent().isEmpty()) {
      str(b.append(",\"parentId\":"), s.parent());
    }
    if (s.sender() == null) {
      if (!s.parent().isEmpty()) {
        b.append(",\"sender\":null");
      }
    } else if (s.parent().isEmpty() || !s.sender().startsWith(s.prefix()) || s.senderAlways()) {
      String sender = s.sender().startsWith(s.prefix()) ? s.sender().substring(s.prefix().length()) : s.sender();
      str(b.append(",\"sender\":"), sender);
    }
    raw(b.append(",\"receiver\":"), s.receiver());
    raw(b.append(",\"type\":"), s.type() != null ? s.type() : typeOf(s.msg()));
    StringBuilder scratch = new StringBuilder();
    int from;
    try {
      from = renderBody(shown(s.msg()), scratch);
    } catch (RuntimeException e) {
      scratch.setLength(0);
      scratch.append('?');
      from = 0;
    }
    if (from < scratch.length()) {
      b.append(",\"message\":");
      str(b, scratch.substring(from));
    }
    if (s.sent() != 0) {
      b.append(",\"wait\":").append(Math.max(0, s.begin() - s.sent()));
    }
    b.append(",\"took\":").append(s.end() - s.begin()).append('}');
    return b.toString();
  }

  static int renderBody(Object msg, StringBuilder r) {
    r.setLength(0);
    if (msg instanceof Enum<?>) {
      return 0;
    }
    render(msg, r, 0);
    if (r.length() > MAX_RENDERING) {
      r.setLength(MAX_RENDERING - 3);
      r.append("...");
    }
    String name = msg.getClass().getSimpleName();
    int n = name.length();
    if (msg instanceof Record && r.length() > n && r.charAt(n) == '(' && r.indexOf(name) == 0) {
      return n;
    }
    return 0;
  }

  private static void render(Object v, StringBuilder b, int depth) {
    if (b.length() > MAX_RENDERING) {
      return;
    }
    if (v instanceof Record r && depth < 4) {
      b.append(r.getClass().getSimpleName()).append('(');
      boolean first = true;
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        Object value;
        try {
          Method accessor = c.getAccessor();
          accessor.setAccessible(true);
          value = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          value = "?";
        }
        if (value instanceof Trace || (value instanceof ActorRef<?> ref && ref.path().name().startsWith("$"))) {
          continue;
        }
        if (!first) {
          b.append(", ");
        }
        first = false;
        b.append(c.getName()).append('=');
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

  static String typeOf(Object msg) {
    return shown(msg).getClass().getSimpleName();
  }

  /** What a line shows of {@code msg}: the reply a private adapter record wraps, at most three deep. */
  static Object shown(Object msg) {
    Object m = msg;
    for (int i = 0; i < 3; i++) {
      Class<?> type = m.getClass();
      if (!type.isRecord() || Modifier.isPublic(type.getModifiers())) {
        break;
      }
      RecordComponent[] cs = type.getRecordComponents();
      if (cs.length != 1 || !Traced.class.isAssignableFrom(cs[0].getType())) {
        break;
      }
      try {
        Method a = cs[0].getAccessor();
        a.setAccessible(true);
        Object inner = a.invoke(m);
        if (inner == null) {
          break;
        }
        m = inner;
      } catch (ReflectiveOperationException | RuntimeException e) {
        break;
      }
    }
    return m;
  }

  private static void raw(StringBuilder b, String s) {
    b.append('"').append(s).append('"');
  }

  private static void str(StringBuilder b, String s) {
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

  /** UTF-8, a lone surrogate as {@code ?} (what String.getBytes writes). */
  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
