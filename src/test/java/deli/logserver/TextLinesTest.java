package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** --format text against CPython's logging.Formatter, byte for byte. */
class TextLinesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "%(asctime)s %(levelname)-8s %(name)s: %(message)s",
        "%(levelname)s:%(name)s:%(message)s",
        "%(asctime)s|%(msecs)03d|%(created)f|%(relativeCreated)12.3f|%(levelno)+4d|%(process)x|%(lineno)05d|%(message)r|%(name)-20s|%(funcName).2s|100%%"
      })
  void textLinesAreWhatLoggingFormatterWrites(String format) throws Exception {
    Python.run(dir, Python.script(dir, "formatted.py").toString(), "frames.bin", "expected.txt", format, "300");
    List<ByteString> frames = Python.frames(Files.readAllBytes(dir.resolve("frames.bin")));
    String expected = Files.readString(dir.resolve("expected.txt"), StandardCharsets.UTF_8);

    RecordDecoder decoder = new RecordDecoder(new TextLines(format, ZoneId.of("UTC")));
    Chunk c = decoder.decode(frames, null);
    assertNull(c.error());
    String actual = new String(c.bytes(), StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      int at = JsonLinesTest.firstDifference(expected, actual);
      fail("differs at character " + at + ":\n python: ..." + expected.substring(Math.max(0, at - 80), Math.min(expected.length(), at + 40))
          + "\n deli:   ..." + actual.substring(Math.max(0, at - 80), Math.min(actual.length(), at + 40)));
    }
    assertEquals(300, c.lines());
  }
}
