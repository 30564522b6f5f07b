package deli.python;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} against CPython's {@code bytes.decode}: strict to classify, surrogatepass to decode. */
class Utf8Test {
  @Test
  void generatedBytesAreClassifiedAndDecodedAsPythonDoes() throws Exception {
    Random random = new Random(11L);
    List<byte[]> inputs = new ArrayList<>();
    inputs.add(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}); // an encoded surrogate: pickle's way only
    inputs.add(new byte[] {(byte) 0xc0, (byte) 0x80}); // overlong
    inputs.add(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // past U+10FFFF
    // Each edge of each lead byte's range, just inside and just outside, whole and cut short.
    HexFormat edges = HexFormat.of();
    for (String e : List.of(
        "7f", "80", "c0af", "c1bf", "c280", "c2c0", "c27f", "dfbf", "e09fbf", "e0a080", "e0a0", "ecbfbf", "ed9fbf",
        "eda080", "edbfbf", "ee8080", "efbfbf", "efbf", "ef", "f08fbfbf", "f0908080", "f09080", "f3bfbfbf", "f48fbfbf",
        "f4908080", "f5808080", "ff", "e0c080", "e080c0", "f090c080", "f09080c0")) {
      inputs.add(edges.parseHex(e));
      inputs.add(edges.parseHex("61" + e + "62"));
    }
    // ASCII runs around the 8 bytes read at once, with a non-ASCII byte before, inside or after.
    for (int run = 6; run <= 17; run++) {
      String ascii = "61".repeat(run);
      inputs.add(edges.parseHex(ascii));
      inputs.add(edges.parseHex(ascii + "c3a9"));
      inputs.add(edges.parseHex(ascii + "ff"));
      inputs.add(edges.parseHex("c3a9" + ascii));
      inputs.add(edges.parseHex(ascii.substring(0, 8) + "e282ac" + ascii));
    }
    for (int k = 0; k < 600; k++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int i = 0; i < b.length; i++) {
        int r = random.nextInt(4);
        // Lead bytes and continuations often enough to make valid sequences, and near misses.
        b[i] = (byte) (r == 0 ? random.nextInt(0x80) : r == 1 ? 0x80 + random.nextInt(0x40) : 0xc0 + random.nextInt(0x40));
      }
      inputs.add(b);
    }
    HexFormat hex = HexFormat.of();
    List<String> python =
        CPython.run(
            "import sys\n" + CPython.ENCODE
                + "for line in sys.stdin.read().split('\\n')[:-1]:\n"
                + "    b = bytes.fromhex(line)\n"
                + "    try:\n"
                + "        kind = 'ASCII' if b.isascii() else (b.decode('utf-8') and 'UTF8')\n"
                + "    except UnicodeDecodeError:\n"
                + "        kind = 'INVALID'\n"
                + "    try:\n"
                + "        text = points(b.decode('utf-8', 'surrogatepass'))\n"
                + "    except UnicodeDecodeError:\n"
                + "        text = 'error'\n"
                + "    print(kind + ';' + text)\n",
            inputs.stream().map(hex::formatHex).toList());
    for (int i = 0; i < inputs.size(); i++) {
      byte[] b = inputs.get(i);
      int kind = Utf8.classify(b, b.length);
      String ours = kind == Utf8.ASCII ? "ASCII" : kind == Utf8.UTF8 ? "UTF8" : "INVALID";
      String text;
      try {
        text = utf16Units(Utf8.decode(b, 0, b.length));
      } catch (IOException e) {
        text = "error";
      }
      assertEquals(python.get(i), ours + ";" + text, hex.formatHex(b));
    }
  }

  /** Code points, except that surrogates stay apart as Python's lone ones do. */
  private static String utf16Units(String s) {
    return String.join(",", s.codePoints().mapToObj(Integer::toString).toList());
  }
}
