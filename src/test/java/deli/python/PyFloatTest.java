package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PyFloat} against CPython's {@code repr(float)} on generated doubles of every magnitude. */
class PyFloatTest {
  @Test
  void theOddFloatsAreWrittenAsReprAndJsonDumpsWriteThem() {
    assertEquals("nan", PyFloat.repr(Double.NaN));
    assertEquals("inf", PyFloat.repr(Double.POSITIVE_INFINITY));
    assertEquals("-inf", PyFloat.repr(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", PyFloat.json(Double.NaN));
    assertEquals("Infinity", PyFloat.json(Double.POSITIVE_INFINITY));
    assertEquals("-Infinity", PyFloat.json(Double.NEGATIVE_INFINITY));
    assertEquals("-0.0", PyFloat.json(-0.0));
    assertEquals("0.0", PyFloat.json(0.0));
    assertEquals("0.0", PyFloat.repr(0.0));
    assertEquals("-0.0", PyFloat.repr(-0.0));
    assertEquals("1e-05", PyFloat.json(1e-5));
  }

  @Test
  void generatedDoublesAreWrittenAsPythonsReprWritesThem() throws Exception {
    Random random = new Random(7L);
    List<Double> values = new ArrayList<>(List.of(0.1, 1e16, 1e-5, 1e-4, 5e-324, 1e22, 123456789012345678.0, -0.0, 2.5e-308));
    // The smallest subnormals, where Java writes two digits and Python one (4.9E-324 is 5e-324,
    // 9.9E-324 is 1e-323), and the layout's edges: exponents of one, two and three digits.
    for (int k = 1; k <= 40; k++) {
      values.add(Double.MIN_VALUE * k);
      values.add(-Double.MIN_VALUE * k * 1000);
    }
    values.addAll(List.of(Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL), Double.MAX_VALUE, 9.999999999999999e15, 1e15, 1.5e16, 1e17,
        0.0001, 0.00012345, 0.001, 1e-10, 1e-99, 1e-100, 1e99, 1e100, 123.0, 1.0, 10.0, 100.5, -1.0, 1e22, 1e23,
        1.5e15, 2.5e10, 1.2345e8, -7e12));
    for (int k = 0; k < 500; k++) {
      // Any bit pattern covers subnormals and huge exponents; a decimal draw covers the layout edges.
      values.add(k % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : Math.scalb(random.nextDouble(), random.nextInt(120) - 60));
    }
    values.removeIf(v -> v.isNaN() || v.isInfinite());
    // Doubles travel as their bits in hex, so nothing is rounded on the way.
    List<String> python =
        CPython.run(
            "import sys, struct\n"
                + "for line in sys.stdin.read().split()[:]:\n"
                + "    print(repr(struct.unpack('>d', bytes.fromhex(line))[0]))\n",
            values.stream().map(v -> String.format("%016x", Double.doubleToRawLongBits(v))).toList());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(python.get(i), PyFloat.repr(values.get(i)), "repr of " + values.get(i));
    }
  }
}
