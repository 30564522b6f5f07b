package deli.trace;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a message shows in a trace line: its type (a private adapter shows as the reply it wraps)
 * and a short rendering of its fields. Messages are immutable records, so the trace writer's
 * thread renders them after their handling, off the actor's thread.
 */
final class TraceRender {
  private static final int MAX_RENDERING = 160;

  private TraceRender() {}

  /** The trace a private adapter message carries inside the reply it wraps, if any. */
  static Trace wrappedTrace(Object msg) {
    Method unwrap = WRAPPED.get(msg.getClass());
    if (unwrap == null) {
      return null;
    }
    try {
      Object inner = unwrap.invoke(msg);
      return inner instanceof Traced t ? t.trace() : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Renders {@code msg} into {@code r} (emptied first) and returns where its rendering without
   * its type name starts (the line has the type): {@code (serving=3)}; {@code r}'s length for a
   * message without fields.
   */
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
    String name = NAMES.get(msg.getClass());
    int n = name.length();
    if (msg instanceof Record && r.length() > n && r.charAt(n) == '(' && r.indexOf(name) == 0) {
      return n;
    }
    return 0;
  }

  /**
   * A short rendering: records by their components, without the trace (it has its own fields)
   * and with actor refs shortened to their names.
   */
  private static void render(Object v, StringBuilder b, int depth) {
    if (b.length() > MAX_RENDERING) {
      return;
    }
    if (v instanceof Record r && depth < 4) {
      b.append(NAMES.get(r.getClass())).append('(');
      boolean first = true;
      for (Method accessor : ACCESSORS.get(r.getClass())) {
        Object value;
        try {
          value = accessor.invoke(r);
        } catch (ReflectiveOperationException | RuntimeException e) {
          value = "?";
        }
        if (value instanceof Trace || (value instanceof ActorRef<?> ref && ref.path().name().startsWith("$"))) {
          continue; // the trace has its own fields; an anonymous reply-to (an adapter) says nothing
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
    return NAMES.get(m.getClass());
  }

  /** Simple names, looked up once per class rather than through reflection data each time. */
  private static final ClassValue<String> NAMES =
      new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
          return type.getSimpleName();
        }
      };

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
}
