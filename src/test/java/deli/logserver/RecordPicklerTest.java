package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deli's SocketHandler pickles against CPython's pickle.dumps(record, 1), byte for byte. */
class RecordPicklerTest {
  @TempDir Path dir;

  @Test
  void recordsArePickledByteForByteAsPythonPicklesThemWithProtocolOne() throws Exception {
    RecordPickler pickler = new RecordPickler();
    List<String> hex = new ArrayList<>();
    for (Map<String, Object> r : samples()) {
      hex.add(HexFormat.of().formatHex(pickler.pickle(r)));
    }
    Path in = dir.resolve("pickles.txt");
    Files.write(in, hex);
    String out =
        Python.run(
            dir,
            "-c",
            "import logging, pickle, sys\n"
                + "for line in open(sys.argv[1]):\n"
                + "    b = bytes.fromhex(line.strip())\n"
                + "    d = pickle.loads(b)\n"
                + "    logging.makeLogRecord(d).getMessage()\n"
                + "    print('same' if pickle.dumps(d, 1) == b else 'differs: ' + pickle.dumps(d, 1).hex())\n",
            in.toString());
    List<String> answers = out.lines().toList();
    assertEquals(hex.size(), answers.size());
    for (int i = 0; i < answers.size(); i++) {
      assertEquals("same", answers.get(i), "sample " + i + ": deli wrote " + hex.get(i));
    }
  }

  @Test
  void aFrameIsTheLengthInFourBigEndianBytesThenThePickle() {
    RecordPickler pickler = new RecordPickler();
    Map<String, Object> r = Map.of("msg", "x".repeat(300));
    byte[] frame = pickler.frame(r);
    byte[] pickle = pickler.pickle(r);
    assertEquals(pickle.length + 4, frame.length);
    assertEquals(pickle.length, ((frame[0] & 0xff) << 24) | ((frame[1] & 0xff) << 16) | ((frame[2] & 0xff) << 8) | (frame[3] & 0xff));
    assertEquals(HexFormat.of().formatHex(pickle), HexFormat.of().formatHex(Arrays.copyOfRange(frame, 4, frame.length)));
  }

  private static List<Map<String, Object>> samples() {
    List<Map<String, Object>> all = new ArrayList<>();
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("name", "app_7.GnomeSort");
    record.put("msg", "Sorted 7 items in 21 steps, 0.004 ms");
    record.put("args", null);
    record.put("levelname", "INFO");
    record.put("levelno", 20);
    record.put("lineno", 143);
    record.put("created", 1795534252.0648844);
    record.put("msecs", 64.0);
    record.put("thread", 139878480837504L);
    record.put("process", 21723);
    all.add(record);
    Map<String, Object> odd = new LinkedHashMap<>();
    odd.put("caf\u00e9 \u65e5\u672c \uD83D\uDE00", "\u00e9\u00e8");
    odd.put("ints", List.of(0, 255, 256, 65535, 65536, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 1L << 31, -(1L << 31) - 1, Long.MAX_VALUE, Long.MIN_VALUE, new BigInteger("123456789012345678901234567890")));
    odd.put("floats", List.of(0.0, -0.0, 1e-05, 1e16, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE));
    odd.put("bools", new Object[] {true, false, null});
    odd.put("empty", new Object[] {});
    odd.put("nested", Map.of("k", List.of()));
    odd.put("one", List.of("only"));
    all.add(odd);
    Map<String, Object> big = new LinkedHashMap<>();
    for (int i = 0; i < 1200; i++) {
      big.put("key" + i, i); // over 1000 items: SETITEMS in batches, and LONG_BINPUT past 255
    }
    big.put("list", java.util.stream.IntStream.range(0, 1500).boxed().toList());
    all.add(big);
    all.add(new LinkedHashMap<>(Map.of("lonely", 1)));
    all.add(new LinkedHashMap<>());
    return all;
  }
}
