package deli.trace;

import java.lang.invoke.MethodHandle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * How a message shows in a trace line: its type (a private adapter shows as the reply it wraps)
 * and a short rendering of its fields. Messages are immutable records, so the trace writer's
 * thread renders them after their handling, off the actor's thread. What a record class looks
 * like (its name, its components' labels and accessors, as method handles that return ints and
 * longs unboxed) is worked out once per class, not per message: {@link MessageShape}.
 */
final class TraceRender {
  static final int MAX_RENDERING = 160;

  private TraceRender() {}

  /** The chars of a rendering, reused from line to line. */
  static final class Text {
    char[] c = new char[256];
    int len;
    /** {@code ,"type":"Name"} of the message {@link #renderBody} rendered last. */
    byte[] typeField;
    // The shapes of the last classes seen, by the class's identity hash: the writer's thread
    // renders line after line of the same few types, and a ClassValue lookup costs more.
    private final Class<?>[] classes = new Class<?>[64];
    private final MessageShape[] shapes = new MessageShape[64];

    private final String[] senders = new String[32];
    private final String[] prefixes = new String[32];

    /**
     * Whether {@code sender} is an actor of the node whose address is {@code prefix}, remembered
     * by the strings' identity (a sender's path is the same string on line after line).
     */
    boolean local(String sender, String prefix) {
      int i = System.identityHashCode(sender) & 31;
      if (senders[i] == sender && prefixes[i] == prefix) {
        return true;
      }
      if (!sender.startsWith(prefix)) {
        return false;
      }
      senders[i] = sender;
      prefixes[i] = prefix;
      return true;
    }

    private MessageShape shape(Class<?> type) {
      int i = System.identityHashCode(type) & 63;
      if (classes[i] == type) {
        return shapes[i];
      }
      MessageShape s = MessageShape.of(type);
      shapes[i] = s;
      classes[i] = type;
      return s;
    }

    private void room(int n) {
      if (len + n > c.length) {
        c = Arrays.copyOf(c, Math.max(c.length * 2, len + n));
      }
    }

    Text append(String s) {
      int n = s.length();
      room(n);
      s.getChars(0, n, c, len);
      len += n;
      return this;
    }

    Text append(char[] s) {
      room(s.length);
      System.arraycopy(s, 0, c, len, s.length);
      len += s.length;
      return this;
    }

    Text append(char ch) {
      room(1);
      c[len++] = ch;
      return this;
    }

    /** {@code v} as {@code Long.toString} writes it. */
    Text append(long v) {
      if (v < 0) {
        if (v == Long.MIN_VALUE) {
          return append(Long.toString(v));
        }
        append('-');
        v = -v;
      }
      room(19);
      int n = 1;
      for (long p = 10; n < 19 && v >= p; p *= 10) {
        n++;
      }
      int at = len + n;
      len = at;
      do {
        c[--at] = (char) ('0' + (int) (v % 10));
        v /= 10;
      } while (v != 0);
      return this;
    }

    boolean startsWith(char[] prefix) {
      if (len < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (c[i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return new String(c, 0, len);
    }
  }

  /** The trace a private adapter message carries inside the reply it wraps, if any. */
  static Trace wrappedTrace(Object msg) {
    MethodHandle unwrap = MessageShape.of(msg.getClass()).wrapped;
    if (unwrap == null) {
      return null;
    }
    try {
      Object inner = (Object) unwrap.invokeExact(msg);
      return inner instanceof Traced t ? t.trace() : null;
    } catch (Throwable e) {
      return null;
    }
  }

  /**
   * Renders {@code msg} into {@code r} (emptied first) and returns where its rendering without
   * its type name starts (the line has the type): {@code (serving=3)}; {@code r}'s length for a
   * message without fields. Sets {@code r.typeField} to the type the line shows.
   */
  static int renderBody(Object adapted, Text r) {
    r.len = 0;
    // An adapter shows as the reply it carries, as its type does: its fields, not the wrapper's.
    Object msg = adapted;
    MessageShape s = r.shape(msg.getClass());
    for (int i = 0; i < 3 && s.wrapped != null; i++) {
      Object inner = unwrap(s, msg);
      if (inner == null) {
        break;
      }
      msg = inner;
      s = r.shape(msg.getClass());
    }
    r.typeField = s.typeField;
    if (msg instanceof Enum<?>) {
      return 0;
    }
    if (msg instanceof Record rec) {
      record(rec, s, r, 0);
    } else {
      render(msg, r, 0);
    }
    if (r.len > MAX_RENDERING) {
      r.len = MAX_RENDERING - 3;
      r.append("...");
    }
    int n = s.nameChars.length;
    if (s.record && r.len > n && r.c[n] == '(' && r.startsWith(s.nameChars)) {
      return n;
    }
    return 0;
  }

  /**
   * A short rendering: records by their components, without the trace (it has its own fields)
   * and with actor refs shortened to their names. Past {@value #MAX_RENDERING} chars nothing
   * more is rendered (the line cuts it there).
   */
  private static void render(Object v, Text b, int depth) {
    if (b.len > MAX_RENDERING) {
      return;
    }
    if (v instanceof Record r && depth < 4) {
      record(r, b.shape(r.getClass()), b, depth);
    } else if (v instanceof String s) {
      b.append(s);
    } else if (v instanceof Integer i) {
      b.append(i.longValue());
    } else if (v instanceof Long l) {
      b.append(l.longValue());
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
      b.append(String.valueOf(v));
    }
  }

  /** A record by its components: {@code Name(a=1, b=x)}. */
  private static void record(Record r, MessageShape s, Text b, int depth) {
    b.append(s.nameChars).append('(');
    boolean first = true;
    for (MessageShape.Component k : s.components) {
      if (k.kind == MessageShape.Component.OBJECT) {
        Object value;
        try {
          value = (Object) k.getter.invokeExact((Object) r);
        } catch (Throwable e) {
          value = "?";
        }
        if (value instanceof Trace || (value instanceof ActorRef<?> ref && ref.path().name().startsWith("$"))) {
          continue; // the trace has its own fields; an anonymous reply-to (an adapter) says nothing
        }
        b.append(first ? k.label : k.commaLabel);
        first = false;
        render(value, b, depth + 1);
      } else {
        b.append(first ? k.label : k.commaLabel);
        first = false;
        if (b.len <= MAX_RENDERING) {
          primitive(k, r, b);
        }
      }
    }
    b.append(')');
  }

  /** A primitive component, unboxed: as {@code StringBuilder.append(Object)} would show its box. */
  private static void primitive(MessageShape.Component k, Record r, Text b) {
    try {
      switch (k.kind) {
        case MessageShape.Component.INT -> b.append((long) (int) k.getter.invokeExact((Object) r));
        case MessageShape.Component.LONG -> b.append((long) k.getter.invokeExact((Object) r));
        default -> b.append((boolean) k.getter.invokeExact((Object) r) ? "true" : "false");
      }
    } catch (Throwable e) {
      b.append('?');
    }
  }

  /**
   * The type to show for a message: a private adapter record that only wraps a reply (say,
   * {@code FromDesk(OrderTaken)}) shows as the reply it carries.
   */
  static String typeOf(Object msg) {
    return shownShape(msg).name;
  }

  /** {@code ,"type":"Name"} for {@code msg}, as UTF-8 bytes made once per class. */
  static byte[] typeField(Object msg) {
    return shownShape(msg).typeField;
  }

  private static MessageShape shownShape(Object msg) {
    return MessageShape.of(shown(msg).getClass());
  }

  /** What an adapter of shape {@code s} wraps, or null. */
  private static Object unwrap(MessageShape s, Object adapter) {
    try {
      return (Object) s.wrapped.invokeExact(adapter);
    } catch (Throwable e) {
      return null;
    }
  }

  /** The message a trace line shows for {@code msg}: the reply a private adapter wraps (at most three deep), else itself. */
  private static Object shown(Object msg) {
    Object m = msg;
    MessageShape s = MessageShape.of(m.getClass());
    for (int i = 0; i < 3 && s.wrapped != null; i++) {
      Object inner = unwrap(s, m);
      if (inner == null) {
        break;
      }
      m = inner;
      s = MessageShape.of(m.getClass());
    }
    return m;
  }
}
