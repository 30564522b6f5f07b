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
import org.junit.jupiter.api.Test;
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

  private static String line(TextLines format, java.util.Map<?, ?> record) {
    Chunk c = new RecordDecoder(format).decode(List.of(ByteString.fromArray(LogServerTest.frame(new RecordPickler().pickle(record)))), null);
    assertNull(c.error(), () -> c.error().getMessage());
    return new String(c.bytes(), StandardCharsets.UTF_8);
  }

  /** Records sent with their args still apart (a client's own handler): the message is msg % args, as getMessage() makes it. */
  @Test
  void argsAreAppliedAsLogRecordGetMessageAppliesThemTupleDictOrSingleValue() throws Exception {
    String cases =
        "[('Sorting %d of %s', (3, 'x\u00e9')), ('%(a)s and %(b)r', {'a': 1, 'b': '\u00e9'}), ('just %s', 'one'), ('none %%s', ()),"
            + " ('a dict %s', {'k': [1]}), ('%s%%', (5,)), ('%(a)s', {}), ('ends\\n', None, 'Traceback\\nValueError'),"
            + " ('plain', None, 'exc', 'stack'), ('plain', None, '', '')]";
    String script =
        "import logging, pickle, sys\n"
            + "out = open(sys.argv[1], 'w', encoding='utf-8', newline='')\n"
            + "for c in " + cases + ":\n"
            + "    d = {'name': 'n', 'msg': c[0], 'args': c[1], 'levelname': 'INFO', 'exc_text': c[2] if len(c) > 2 else None,"
            + " 'stack_info': c[3] if len(c) > 3 else None}\n"
            + "    r = logging.makeLogRecord(d)\n"
            + "    out.write(pickle.dumps(d, 2).hex() + ' ' + logging.Formatter('%(levelname)s %(message)s').format(r).encode('utf-8').hex() + '\\n')\n";
    Python.run(dir, "-c", script, dir.resolve("cases.txt").toString());
    TextLines format = new TextLines("%(levelname)s %(message)s", ZoneId.of("UTC"));
    for (String c : Files.readAllLines(dir.resolve("cases.txt"), StandardCharsets.UTF_8)) {
      int space = c.indexOf(' ');
      byte[] pickle = java.util.HexFormat.of().parseHex(c.substring(0, space));
      String expected = new String(java.util.HexFormat.of().parseHex(c.substring(space + 1)), StandardCharsets.UTF_8);
      Chunk chunk = new RecordDecoder(format).decode(List.of(ByteString.fromArray(LogServerTest.frame(pickle))), null);
      assertNull(chunk.error());
      assertEquals(expected + "\n", new String(chunk.bytes(), StandardCharsets.UTF_8), c);
    }
  }

  /** Where Python's logging would print a traceback and drop the record, deli keeps it after a note. */
  @Test
  void aRecordItsArgsDoNotFitIsWrittenAsItsReprAfterANoteSayingWhy() {
    TextLines format = new TextLines("%(message)s", ZoneId.of("UTC"));
    java.util.Map<String, Object> tooMany = new java.util.LinkedHashMap<>();
    tooMany.put("msg", "%s");
    tooMany.put("args", new Object[] {1, 2});
    assertEquals(
        "[deli: the text format cannot take this record: not all arguments converted during string formatting] {'msg': '%s', 'args': (1, 2)}\n",
        line(format, tooMany));
    java.util.Map<String, Object> wrongType = new java.util.LinkedHashMap<>();
    wrongType.put("msg", "%d");
    wrongType.put("args", new Object[] {"x"});
    String written = line(format, wrongType);
    assertEquals(true, written.startsWith("[deli: the text format cannot take this record: "), written);
    assertEquals(true, written.endsWith("] {'msg': '%d', 'args': ('x',)}\n"), written);
  }

  @Test
  void aRecordWithoutItsTimesIsWrittenAtTheEpochRatherThanRefused() {
    java.util.Map<String, Object> r = new java.util.LinkedHashMap<>();
    r.put("msg", "m");
    r.put("created", "not a number");
    assertEquals("1970-01-01 00:00:00,000 m\n", line(new TextLines("%(asctime)s %(message)s", ZoneId.of("UTC")), r));
    r.put("created", 86400.75);
    r.put("msecs", 750.9);
    assertEquals("1970-01-02 00:00:00,750 m\n", line(new TextLines("%(asctime)s %(message)s", ZoneId.of("UTC")), r));
  }
}
