package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link PyFloat} against CPython's {@code repr(float)} on generated doubles of every magnitude. */
class PyFloatTest {
  @Test
  void generatedDoublesAreWrittenAsPythonsReprWritesThem() throws Exception {
    Random random = new Random(7L);
    List<Double> values = new ArrayList<>(List.of(0.1, 1e16, 1e-5, 1e-4, 5e-324, 1e22, 123456789012345678.0, -0.0, 2.5e-308));
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
