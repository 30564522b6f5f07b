package deli.trace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

/**
 * What a message's class looks like in a trace line, worked out once per class: its name, the
 * {@code ,"type":"Name"} field as bytes, its record components' labels and accessors (method
 * handles that return ints and longs unboxed), and, for a private adapter that only wraps a
 * reply, how to reach that reply. {@link TraceRender} renders with it.
 */
final class MessageShape {
  private static final ClassValue<MessageShape> SHAPES =
      new ClassValue<>() {
        @Override
        protected MessageShape computeValue(Class<?> type) {
          return new MessageShape(type);
        }
      };

  final String name;
  final char[] nameChars;
  final byte[] typeField;
  final boolean record;
  final Component[] components;
  /** A private adapter record's only component, a reply, as {@code (Object)Object}; else null. */
  final MethodHandle wrapped;

  private MessageShape(Class<?> type) {
    name = type.getSimpleName();
    nameChars = name.toCharArray();
    LineBuffer b = new LineBuffer(32);
    b.raw(",\"type\":\"").raw(name).ascii('"');
    typeField = Arrays.copyOf(b.buf, b.pos);
    record = type.isRecord();
    Component[] cs = new Component[0];
    MethodHandle w = null;
    if (record) {
      RecordComponent[] rc = type.getRecordComponents();
      try {
        cs = new Component[rc.length];
        for (int i = 0; i < rc.length; i++) {
          cs[i] = new Component(rc[i]);
        }
        if (!Modifier.isPublic(type.getModifiers()) && rc.length == 1 && Traced.class.isAssignableFrom(rc[0].getType())) {
          w = cs[0].getter;
        }
      } catch (IllegalAccessException | RuntimeException e) {
        cs = new Component[0]; // not readable: shown with no components
        w = null;
      }
    }
    components = cs;
    wrapped = w;
  }

  static MessageShape of(Class<?> type) {
    return SHAPES.get(type);
  }

  /** One record component: its label and its accessor. */
  static final class Component {
    static final int OBJECT = 0;
    static final int INT = 1;
    static final int LONG = 2;
    static final int BOOLEAN = 3;

    final char[] label;
    final char[] commaLabel;
    final int kind;
    /** {@code (Object)Object}, or {@code (Object)int}, {@code long}, {@code boolean} by kind. */
    final MethodHandle getter;

    Component(RecordComponent c) throws IllegalAccessException {
      label = (c.getName() + "=").toCharArray();
      commaLabel = (", " + c.getName() + "=").toCharArray();
      Method m = c.getAccessor();
      m.setAccessible(true);
      MethodHandle h = MethodHandles.lookup().unreflect(m);
      Class<?> t = c.getType();
      if (t == int.class || t == short.class || t == byte.class) {
        kind = INT;
        getter = h.asType(MethodType.methodType(int.class, Object.class));
      } else if (t == long.class) {
        kind = LONG;
        getter = h.asType(MethodType.methodType(long.class, Object.class));
      } else if (t == boolean.class) {
        kind = BOOLEAN;
        getter = h.asType(MethodType.methodType(boolean.class, Object.class));
      } else {
        kind = OBJECT; // chars, floats and doubles boxed: their boxes' toString is their rendering
        getter = h.asType(MethodType.methodType(Object.class, Object.class));
      }
    }
  }
}
