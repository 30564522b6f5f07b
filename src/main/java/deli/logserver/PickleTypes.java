package deli.logserver;

import deli.python.PyDatetime;
import deli.python.PyObjects;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.razorvine.pickle.PickleException;

/**
 * The Python classes and functions a log record's pickle may call, and what each makes: the
 * values logging programs put in {@code extra=} ({@code frozenset}, {@code OrderedDict},
 * {@code collections.deque}, {@code datetime}, {@code Decimal}, {@code UUID}, paths, ...),
 * kept so that their {@code str()} is CPython's. A pickle that calls anything else
 * ({@code os.system}, {@code builtins.eval}) is refused, naming what it calls; nothing is ever
 * looked up or run.
 */
final class PickleTypes {
  private PickleTypes() {}

  /** A path longer than this is no path (PATH_MAX is 4096): its parts may be one str shared many times. */
  static final int MAX_PATH_CHARS = 1 << 20;

  private static final Map<String, Function<Object[], Object>> CALLABLE = new java.util.HashMap<>();

  private static final List<String> PATHS =
      List.of("PurePath", "PurePosixPath", "PureWindowsPath", "Path", "PosixPath", "WindowsPath");

  static {
    for (String b : List.of("builtins.")) {
      CALLABLE.put(b + "set", a -> new PyObjects.Set(a.length == 0 ? List.of() : (List<?>) a[0], false));
      CALLABLE.put(b + "frozenset", a -> new PyObjects.Set(a.length == 0 ? List.of() : (List<?>) a[0], true));
      CALLABLE.put(b + "bytearray", a -> new PyObjects.ByteArray(a.length == 0 ? new byte[0] : bytes(a)));
      // Protocols 0 to 2 write an empty bytes as bytes() (others as _codecs.encode below).
      CALLABLE.put(b + "bytes", a -> a.length == 0 ? new byte[0] : bytes(a));
      CALLABLE.put(b + "complex", a -> new PyObjects.Complex(number(a, 0), a.length > 1 ? number(a, 1) : 0));
    }
    // Protocols 0 to 2 write bytes as _codecs.encode(text, 'latin1').
    CALLABLE.put("_codecs.encode", PickleTypes::bytes);
    CALLABLE.put("collections.OrderedDict", a -> new LinkedHashMap<>());
    CALLABLE.put("collections.defaultdict", a -> new LinkedHashMap<>()); // the factory plays no part in str()
    CALLABLE.put("collections.Counter", a -> a.length == 0 ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<?, ?>) a[0]));
    CALLABLE.put("collections.deque", PickleTypes::deque);
    CALLABLE.put("datetime.date", a -> PyDatetime.Date.of(state(a)));
    CALLABLE.put("datetime.time", a -> PyDatetime.Time.of(state(a), a.length > 1 ? a[1] : null));
    CALLABLE.put("datetime.datetime", a -> PyDatetime.DateTime.of(state(a), a.length > 1 ? a[1] : null));
    CALLABLE.put("datetime.timedelta", a -> new PyDatetime.TimeDelta(whole(a, 0), whole(a, 1), whole(a, 2)));
    CALLABLE.put(
        "datetime.timezone", a -> new PyDatetime.Timezone((PyDatetime.TimeDelta) a[0], a.length > 1 ? (String) a[1] : null));
    CALLABLE.put("decimal.Decimal", a -> new PyObjects.Decimal((String) a[0]));
    // copyreg._reconstructor(cls, object, None) is object.__new__(cls): no code of cls runs.
    CALLABLE.put("copyreg._reconstructor", a -> instance(a[0]));
    for (String p : PATHS) {
      CALLABLE.put("pathlib." + p, a -> path(p, a));
    }
  }

  /**
   * A global as Python 3 reads it: protocols 0 to 2 write Python 2's names
   * ({@code __builtin__.long} for {@code int}), which {@code _compat_pickle} maps back.
   */
  static PyObjects.Global global(String module, String name) {
    String m = switch (module) {
      case "__builtin__", "exceptions" -> "builtins";
      case "copy_reg" -> "copyreg";
      default -> module;
    };
    String n = !m.equals("builtins") ? name : switch (name) {
      case "long" -> "int";
      case "unicode", "basestring" -> "str";
      case "xrange" -> "range";
      case "unichr" -> "chr";
      default -> name;
    };
    return new PyObjects.Global(m, n);
  }

  /** What the pickle's REDUCE, INST or OBJ makes of {@code callable(*args)}. */
  static Object call(Object callable, Object args) {
    if (!(callable instanceof PyObjects.Global g)) {
      throw new PickleException("the pickle calls something that is not a class or function");
    }
    Function<Object[], Object> f = CALLABLE.get(g.module() + "." + g.name());
    if (f == null) {
      throw new BadInput(
          BadInput.Reason.UNSAFE, "the pickle calls " + g.module() + "." + g.name() + ", which a log record never does");
    }
    return f.apply(arguments(args));
  }

  /** NEWOBJ, {@code cls.__new__(cls, *args)}: only allocates, so an unknown class is kept by name. */
  static Object newObject(Object cls, Object args) {
    if (!(cls instanceof PyObjects.Global g)) {
      throw new PickleException("NEWOBJ of something that is not a class");
    }
    return CALLABLE.containsKey(g.module() + "." + g.name()) ? call(cls, args) : new PyObjects.Instance(g.module(), g.name());
  }

  /** BUILD: an instance takes its state; anything else cannot. */
  static void build(Object target, Object state) {
    if (target instanceof PyObjects.Instance i) {
      i.build(state);
    } else if (state != null) {
      throw new PickleException("BUILD on " + RecordDecoder.pythonType(target));
    }
  }

  private static Object[] arguments(Object args) {
    if (args instanceof Object[] a) {
      return a;
    }
    if (args instanceof List<?> l) {
      return l.toArray();
    }
    throw new PickleException("the arguments of a call are not a tuple");
  }

  private static PyObjects.Instance instance(Object cls) {
    if (!(cls instanceof PyObjects.Global g)) {
      throw new PickleException("_reconstructor of something that is not a class");
    }
    return new PyObjects.Instance(g.module(), g.name());
  }

  private static byte[] bytes(Object[] a) {
    if (a[0] instanceof byte[] b) {
      return b;
    }
    if (a.length == 2 && a[0] instanceof String text && ("latin1".equals(a[1]) || "latin-1".equals(a[1]))) {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }
    throw new PickleException("bytes from anything but latin-1 text");
  }

  /** A datetime's packed state: bytes, or (from Python 2) a latin-1 str. */
  private static byte[] state(Object[] a) {
    return a[0] instanceof String s ? s.getBytes(StandardCharsets.ISO_8859_1) : (byte[]) a[0];
  }

  private static double number(Object[] a, int i) {
    return ((Number) a[i]).doubleValue();
  }

  private static long whole(Object[] a, int i) {
    return a.length > i ? ((Number) a[i]).longValue() : 0;
  }

  private static PyObjects.Deque deque(Object[] a) {
    Object maxlen = a.length > 1 ? a[1] : null;
    if (maxlen != null && !(maxlen instanceof Integer || maxlen instanceof Long)) {
      throw new PickleException("a deque's maxlen is not an int");
    }
    PyObjects.Deque d = new PyObjects.Deque(maxlen);
    if (a.length > 0 && a[0] instanceof List<?> items) {
      d.addAll(items);
    } else if (a.length > 0 && a[0] instanceof Object[] items) {
      d.addAll(Arrays.asList(items));
    }
    return d;
  }

  /** A pathlib path from its parts, which may not add up to more than the pickle could hold. */
  private static PyObjects.Path path(String type, Object[] a) {
    List<String> parts = new ArrayList<>();
    long chars = 0;
    for (Object o : a) {
      String s = (String) o;
      chars += s.length();
      if (chars > MAX_PATH_CHARS) {
        throw new BadInput(BadInput.Reason.TOO_LARGE, "a path of more than " + MAX_PATH_CHARS + " characters");
      }
      parts.add(s);
    }
    return new PyObjects.Path(type, List.copyOf(parts));
  }
}
