package deli.python;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python values a logging program puts in a record's {@code extra=} that Java has no type for,
 * each kept as its pickle has it, with CPython's {@code str()} and {@code repr()}.
 */
public final class PyObjects {
  private PyObjects() {}

  /** {@code complex}. */
  public record Complex(double real, double imag) implements PyValue {
    @Override
    public String repr() {
      // CPython: a real part of +0.0 is left out, with no parens; the parts are written as
      // repr() writes floats, less the ".0" of whole ones.
      if (real == 0 && 1 / real > 0) {
        return part(imag, false) + "j";
      }
      return "(" + part(real, false) + part(imag, true) + "j)";
    }

    private static String part(double v, boolean sign) {
      String r = PyFloat.repr(v);
      if (r.endsWith(".0")) {
        r = r.substring(0, r.length() - 2);
      }
      return sign && !r.startsWith("-") ? "+" + r : r;
    }
  }

  /** {@code decimal.Decimal}: its pickle is its own str(). */
  public record Decimal(String text) implements PyValue {
    @Override
    public String str() {
      return text;
    }

    @Override
    public String repr() {
      return "Decimal('" + text + "')";
    }
  }

  /** {@code bytearray}. */
  public record ByteArray(byte[] bytes) implements PyValue {
    @Override
    public String repr() {
      return PyRepr.bytearray(bytes);
    }
  }

  /** A {@code pathlib} path: its class name ({@code PosixPath}) and the parts it pickles. */
  public record Path(String type, List<String> parts) implements PyValue {
    @Override
    public String str() {
      String sep = type.contains("Windows") ? "\\" : "/";
      if (parts.isEmpty()) {
        return ".";
      }
      String first = parts.get(0);
      // The first part is the anchor when there is one ('/', 'C:\'): the rest follow it directly.
      boolean anchor = first.endsWith("/") || first.endsWith("\\") || (sep.equals("\\") && first.endsWith(":"));
      List<String> rest = anchor ? parts.subList(1, parts.size()) : parts;
      return (anchor ? first : "") + String.join(sep, rest);
    }

    @Override
    public String repr() {
      return type + "(" + PyRepr.repr(str().replace('\\', '/')) + ")";
    }
  }

  /** A class or function named in a pickle without being called: a defaultdict's factory. */
  public record Global(String module, String name) implements PyValue {
    @Override
    public String repr() {
      boolean builtin = module.equals("builtins") || module.equals("__builtin__");
      return "<class '" + (builtin ? name : module + "." + name) + "'>";
    }
  }

  /**
   * An instance made without running any of its class's code: a {@code uuid.UUID} (whose state,
   * set by the pickle's BUILD, is its 128-bit int), or of a class deli does not know, whose str()
   * would name its address, which the pickle does not carry.
   */
  public static final class Instance implements PyValue {
    private final String module;
    private final String name;
    private Object state;

    public Instance(String module, String name) {
      this.module = module;
      this.name = name;
    }

    /** The pickle's BUILD: the state Python would give {@code __setstate__}. */
    public void build(Object state) {
      this.state = state;
    }

    @Override
    public String str() {
      if (uuid() != null) {
        String hex = String.format("%032x", uuid());
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
            + "-" + hex.substring(20);
      }
      return repr();
    }

    @Override
    public String repr() {
      return uuid() != null ? "UUID('" + str() + "')" : "<" + module + "." + name + " object>";
    }

    private BigInteger uuid() {
      if (module.equals("uuid") && name.equals("UUID") && state instanceof java.util.Map<?, ?> m) {
        Object n = m.get("int");
        if (n instanceof Number x) {
          BigInteger v = n instanceof BigInteger b ? b : BigInteger.valueOf(x.longValue());
          return v.signum() >= 0 && v.bitLength() <= 128 ? v : null;
        }
      }
      return null;
    }
  }

  /** {@code set} and {@code frozenset}, in the order the sender's set had its items. */
  public static final class Set extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private final boolean frozen;

    public Set(Collection<?> items, boolean frozen) {
      super(items);
      this.frozen = frozen;
    }

    public boolean frozen() {
      return frozen;
    }
  }

  /** {@code collections.deque}, and its maxlen (null: none). */
  public static final class Deque extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
    private final Object maxlen;

    public Deque(Object maxlen) {
      this.maxlen = maxlen;
    }

    public Object maxlen() {
      return maxlen;
    }
  }
}
