package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code repr()} and {@code str()} of the values a pickle decodes to, against CPython: each Java
 * value beside the Python expression that makes the same value, and CPython's repr of it as the
 * answer.
 */
class PyReprValuesTest {
  private record Case(Object value, String python) {}

  private static final List<Case> CASES = cases();

  private static List<Case> cases() {
    Map<Object, Object> dict = new LinkedHashMap<>();
    dict.put("b", 1L);
    dict.put(2L, List.of("x", Boolean.FALSE));
    dict.put(null, new Object[] {});
    PyObjects.Deque bounded = new PyObjects.Deque(3L);
    bounded.addAll(List.of(1L, "a"));
    PyObjects.Deque unbounded = new PyObjects.Deque(null);
    unbounded.add(2.5);
    List<Object> nested = new ArrayList<>(Arrays.asList(1L, new ArrayList<>(List.of()), new Object[] {"t"}));
    return List.of(
        new Case(null, "None"),
        new Case(Boolean.TRUE, "True"),
        new Case(Boolean.FALSE, "False"),
        new Case(7, "7"),
        new Case(-12L, "-12"),
        new Case(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
        new Case(1.0, "1.0"),
        new Case(1e16, "1e16"),
        new Case(-0.0, "-0.0"),
        new Case(Double.NaN, "float('nan')"),
        new Case(Double.NEGATIVE_INFINITY, "float('-inf')"),
        new Case("it's", "\"it's\""),
        new Case("both ' and \"", "'both \\' and \"'"),
        new Case("tab\there\r\n\\ \u0085 \u2028 \u00e9 \ud83d\ude00 \u0000", "'tab\\there\\r\\n\\\\ \\x85 \\u2028 \\xe9 \\U0001f600 \\x00'"),
        new Case(new byte[] {}, "b''"),
        new Case(new byte[] {'a', 0, 0x7f, (byte) 0xff, '\n', '\r', '\t', '\\', ' ', '~'}, "b'a\\x00\\x7f\\xff\\n\\r\\t\\\\ ~'"),
        new Case("x'y".getBytes(), "b\"x'y\""),
        new Case("x'y\"z".getBytes(), "b'x\\'y\"z'"),
        new Case("x\"y".getBytes(), "b'x\"y'"),
        new Case(new Object[] {}, "()"),
        new Case(new Object[] {1L}, "(1,)"),
        new Case(new Object[] {1L, "a", null}, "(1, 'a', None)"),
        new Case(List.of(), "[]"),
        new Case(nested, "[1, [], ('t',)]"),
        new Case(new LinkedHashMap<>(), "{}"),
        new Case(dict, "{'b': 1, 2: ['x', False], None: ()}"),
        new Case(new PyObjects.Set(List.of(), false), "set()"),
        new Case(new PyObjects.Set(List.of(), true), "frozenset()"),
        new Case(new PyObjects.Set(List.of(1L), false), "{1}"),
        new Case(new PyObjects.Set(List.of("a"), true), "frozenset({'a'})"),
        new Case(bounded, "__import__('collections').deque([1, 'a'], maxlen=3)"),
        new Case(unbounded, "__import__('collections').deque([2.5])"),
        new Case(new PyObjects.Decimal("1.50"), "__import__('decimal').Decimal('1.50')"),
        new Case(new PyObjects.Complex(0.0, 2.0), "2j"),
        new Case(new PyObjects.Complex(1.5, -2.0), "complex(1.5, -2)"),
        new Case(new PyObjects.Complex(-0.0, 1.0), "complex(-0.0, 1)"),
        new Case(new PyObjects.ByteArray(new byte[] {'a', 1}), "bytearray(b'a\\x01')"),
        // CPython escapes ' in a bytearray whichever quote it picks (found by PickleProperties).
        new Case(new PyObjects.ByteArray(new byte[] {'N', '\'', 'G'}), "bytearray(b\"N\\'G\")"),
        new Case(new PyObjects.ByteArray(new byte[] {'a', '"', 'b', '\'', 'c'}), "bytearray(b'a\"b\\'c')"),
        new Case(new byte[] {'N', '\'', 'G'}, "b\"N'G\""),
        new Case(new PyObjects.Global("builtins", "int"), "int"),
        new Case(new PyObjects.Global("collections", "OrderedDict"), "__import__('collections').OrderedDict"));
  }

  @Test
  void everyValueIsWrittenAsCPythonWritesIt() throws Exception {
    String script = CPython.ENCODE + "import sys\nfor line in sys.stdin:\n    print(points(repr(eval(line))) + ' ' + points(str(eval(line))))\n";
    List<String> answers = CPython.run(script, CASES.stream().map(Case::python).toList());
    List<String> differ = new ArrayList<>();
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      String[] both = answers.get(i).split(" ", -1);
      String repr = text(both[0]);
      String str = text(both[1]);
      if (!repr.equals(PyRepr.repr(c.value()))) {
        differ.add("repr(" + c.python() + "): CPython " + repr + ", deli " + PyRepr.repr(c.value()));
      }
      if (!str.equals(PyRepr.str(c.value()))) {
        differ.add("str(" + c.python() + "): CPython " + str + ", deli " + PyRepr.str(c.value()));
      }
    }
    assertEquals(List.of(), differ);
  }

  @Test
  void aValueNestedDeeperThanTheLimitEndsInAnEllipsis() {
    List<Object> deep = new ArrayList<>();
    List<Object> at = deep;
    for (int i = 0; i < PyRepr.MAX_DEPTH + 10; i++) {
      List<Object> inner = new ArrayList<>();
      at.add(inner);
      at = inner;
    }
    String r = PyRepr.repr(deep);
    assertEquals("[".repeat(PyRepr.MAX_DEPTH + 1) + "..." + "]".repeat(PyRepr.MAX_DEPTH + 1), r);
    assertEquals("[[]]", PyRepr.repr(List.of(List.of())));
  }

  @Test
  void aValueOfNoPythonTypeIsWrittenAsJavaWritesIt() {
    assertEquals("java.lang.Object", PyRepr.repr(new Object()).replaceAll("@.*", ""));
    assertEquals("java.lang.Object", PyRepr.str(new Object()).replaceAll("@.*", ""));
  }

  private static String text(String points) {
    StringBuilder sb = new StringBuilder();
    for (String p : points.split(",")) {
      if (!p.isEmpty()) {
        sb.appendCodePoint(Integer.parseInt(p));
      }
    }
    return sb.toString();
  }
}
