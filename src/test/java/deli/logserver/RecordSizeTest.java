package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A record's size is bounded before it is written, whatever its pickle shares. */
class RecordSizeTest {
  /** A list repeating one object ten times, nested {@code levels} deep: 10^levels leaves. */
  private static Object bomb(int levels) {
    Object x = "boom";
    for (int i = 0; i < levels; i++) {
      x = Collections.nCopies(10, x);
    }
    return x;
  }

  @Test
  void aSharedReferenceBombIsRefusedAfterCountingNoMoreThanTheBound() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("msg", "m");
    record.put("x", bomb(8));
    BadInput e = assertThrows(BadInput.class, () -> RecordSize.check(record, 265, 1024 * 1024));
    assertEquals(BadInput.Reason.TOO_LARGE, e.reason());
    assertTrue(e.getMessage().startsWith("a pickle of 265 bytes would make a line of more than --max-record (1,048,576 bytes)"), e.getMessage());
  }

  @Test
  void aRecordWithinTheBoundPassesAndItsJsonFitsTheBound() {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("x", bomb(3)); // 1000 leaves
    RecordSize.check(record, 100, 16 * 1024);
    LineBuffer out = new LineBuffer(64, 16 * 1024);
    new JsonLines().write(record, out);
    assertTrue(out.lineLength() > 8_000 && out.lineLength() < 16 * 1024, "" + out.lineLength());
    assertThrows(BadInput.class, () -> RecordSize.check(record, 100, 4 * 1024));
  }

  @Test
  void aDecoderRefusesTheBombWithItsReasonAndKeepsTheRecordsBefore() {
    RecordPickler pickler = new RecordPickler();
    Map<String, Object> bomb = LogServerTest.record("bomb", "m");
    bomb.put("x", new ArrayList<>(List.of(bomb(5))));
    RecordDecoder decoder = new RecordDecoder(new JsonLines(), 64 * 1024);
    Chunk c =
        decoder.decode(
            List.of(
                org.apache.pekko.util.ByteString.fromArray(pickler.frame(LogServerTest.record("a", "fine"))),
                org.apache.pekko.util.ByteString.fromArray(pickler.frame(bomb))),
            null);
    assertEquals(1, c.lines());
    assertEquals("{\"name\": \"a\", \"msg\": \"fine\"}\n", new String(c.bytes(), StandardCharsets.US_ASCII));
    assertEquals(BadInput.Reason.TOO_LARGE, c.error().reason());
    // RecordPickler shares nothing: the line's own bound refuses it, once it passes 64 KiB
    assertTrue(c.error().getMessage().startsWith("record 2 of the connection: the record makes a line of more than --max-record"), c.error().getMessage());
  }

  @Test
  void aLineBufferRefusesALinePastItsBoundAndDropsOnlyThatLine() {
    LineBuffer b = new LineBuffer(64, 100);
    b.appendAscii("first");
    b.endLine();
    BadInput e = assertThrows(BadInput.class, () -> b.appendAscii("x".repeat(200)));
    assertEquals(BadInput.Reason.TOO_LARGE, e.reason());
    b.dropPartialLine();
    Chunk c = b.take(null);
    assertEquals("first\n", new String(c.bytes(), StandardCharsets.US_ASCII));
  }

  @Test
  void aLineBufferGrowsByDoublingWithoutOverflowingPastOneGibibyte() {
    int oneGiB = 1 << 30;
    assertEquals(LineBuffer.MAX_ARRAY, LineBuffer.newCapacity(oneGiB + 10, oneGiB + 11L), "doubling past 2^31 is capped, not negative");
    assertEquals(2 * 4096, LineBuffer.newCapacity(4096, 4097));
    assertEquals(100_000, LineBuffer.newCapacity(4096, 100_000));
    assertEquals(BadInput.Reason.TOO_LARGE, assertThrows(BadInput.class, () -> LineBuffer.newCapacity(LineBuffer.MAX_ARRAY, LineBuffer.MAX_ARRAY + 1L)).reason());
  }
}
