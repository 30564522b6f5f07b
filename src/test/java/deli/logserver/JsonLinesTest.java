package deli.logserver;

import deli.python.PyFloat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deli's JSON lines against CPython's json.dumps(pickle.loads(payload)), byte for byte. */
class JsonLinesTest {
  @TempDir Path dir;

  @Test
  void everyRecordIsWrittenExactlyAsPythonsJsonDumpsWritesIt() throws Exception {
    int count = 3000;
    Python.run(dir, Python.script(dir, "records.py").toString(), "frames.bin", "expected.jsonl", String.valueOf(count), "20261124");
    List<ByteString> frames = Python.frames(Files.readAllBytes(dir.resolve("frames.bin")));
    List<String> expected = Python.lines(Files.readString(dir.resolve("expected.jsonl"), StandardCharsets.US_ASCII));
    assertEquals(count, frames.size());

    RecordDecoder decoder = new RecordDecoder(new JsonLines());
    StringBuilder got = new StringBuilder();
    for (int i = 0; i < frames.size(); i += 37) { // batches of odd sizes, as a connection makes them
      Chunk c = decoder.decode(frames.subList(i, Math.min(frames.size(), i + 37)), null);
      assertNull(c.error(), () -> "a good record was refused: " + c.error().getMessage());
      got.append(new String(c.bytes(), StandardCharsets.US_ASCII));
    }
    List<String> actual = Python.lines(got.toString());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      int line = i + 1;
      String e = expected.get(i);
      String a = actual.get(i);
      if (!e.equals(a)) {
        int at = firstDifference(e, a);
        fail("line " + line + " differs at character " + at + ":\n python: ..." + window(e, at) + "\n deli:   ..." + window(a, at));
      }
    }
  }

  @Test
  void pythonsFloatReprRulesHoldAtTheirEdges() {
    assertEquals("1e-05", PyFloat.json(0.00001));
    assertEquals("0.0001", PyFloat.json(0.0001));
    assertEquals("1e+16", PyFloat.json(1e16));
    assertEquals("1000000000000000.0", PyFloat.json(1e15));
    assertEquals("5e-324", PyFloat.json(Double.MIN_VALUE));
    assertEquals("-0.0", PyFloat.json(-0.0));
    assertEquals("NaN", PyFloat.json(Double.NaN));
    assertEquals("-Infinity", PyFloat.json(Double.NEGATIVE_INFINITY));
    assertEquals("0.30000000000000004", PyFloat.json(0.1 + 0.2));
    assertEquals("1795534252.0648844", PyFloat.json(1795534252.0648844));
  }

  private static String window(String s, int at) {
    return s.substring(Math.max(0, at - 60), Math.min(s.length(), at + 60));
  }

  static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }
}
