package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The frame the unpickler reads: never a byte past its end (the frame sits inside a larger
 * buffer of the connection's), lengths checked against what is left, LONG's text read as
 * Python's {@code pickle} reads it.
 */
class PickleFrameTest {
  /** A frame of {@code text} inside a buffer with a byte of garbage either side. */
  private static PickleFrame frame(byte[] text) {
    byte[] buffer = new byte[text.length + 2];
    buffer[0] = '!';
    System.arraycopy(text, 0, buffer, 1, text.length);
    buffer[buffer.length - 1] = '\n';
    PickleFrame f = new PickleFrame();
    f.reset(buffer, 1, 1 + text.length);
    return f;
  }

  private static PickleFrame frame(String ascii) {
    return frame(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void readsStopAtTheFramesEndNotTheBuffers() {
    PickleFrame f = frame("ab\u00ff");
    assertEquals(3, f.available());
    assertEquals('a', f.read());
    byte[] b = new byte[5];
    assertEquals(0, f.read(b, 0, 0));
    assertEquals(2, f.read(b, 1, 4));
    assertArrayEquals(new byte[] {0, 'b', (byte) 0xff, 0, 0}, b);
    assertEquals(0, f.available());
    assertEquals(-1, f.read());
    assertEquals(-1, f.read(b, 0, 1));
    assertEquals(4, f.limit());
  }

  @Test
  void aLengthMayClaimExactlyWhatIsLeftAndNotOneByteMore() throws IOException {
    assertEquals(3, frame("\u0003abc").length(1));
    byte[] le = new byte[4 + 0x0201];
    le[0] = 1;
    le[1] = 2;
    assertEquals(0x0201, frame(le).length(4), "little-endian, four bytes");
    assertThrows(IOException.class, () -> frame("\u0004abc").length(1));
    assertEquals(0, frame("\u0000").length(1), "a zero length in the frame's last byte");
    assertEquals(0, frame(new byte[8]).length(8));
    assertEquals(
        "pickle data was truncated",
        assertThrows(IOException.class, () -> frame("\u0001\u0000\u0000").length(4)).getMessage(),
        "fewer bytes than the prefix itself, refused before reading any");
    byte[] huge = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    IOException e = assertThrows(IOException.class, () -> frame(huge).length(8));
    assertEquals("pickle data was truncated (a length of 18446744073709551615 bytes)", e.getMessage());
    PickleFrame f = frame("\u0002xy");
    f.claim(1);
    assertEquals(2, f.read(), "claim reads nothing");
  }

  @Test
  void aMemoIndexIsAnUnsignedLittleEndian32BitNumber() throws IOException {
    PickleFrame f = frame(new byte[] {(byte) 0x98, (byte) 0xba, (byte) 0xdc, (byte) 0xfe, 'z'});
    assertEquals(0xfedcba98L, f.uint32());
    assertEquals('z', f.read());
    assertEquals(1L << 24, frame(new byte[] {0, 0, 0, 1}).uint32());
    assertThrows(IOException.class, () -> frame(new byte[] {1, 2, 3}).uint32());
  }

  @Test
  void aLineEndsAtItsNewlineOrAtTheFramesEnd() {
    PickleFrame f = frame("12\nrest");
    assertEquals(2, f.lineLength());
    assertEquals("12", f.readLine());
    assertEquals(4, f.lineLength(), "the buffer's newline past the frame's end is not the line's");
    assertEquals("rest", f.readLine());
    assertEquals(-1, f.read());
    byte[] buffer = "12345".getBytes(StandardCharsets.US_ASCII);
    PickleFrame inside = new PickleFrame();
    inside.reset(buffer, 0, 2);
    assertEquals(2, inside.lineLength(), "the buffer's bytes past the frame are not the line's");
    assertEquals("12", inside.readLine());
  }

  @Test
  void longsAreReadAsPythonsPickleReadsThemSmallOrHuge() throws IOException {
    assertEquals(123L, frame("123L\n").textLong());
    assertEquals(-5L, frame("-5L\n").textLong());
    assertEquals(7L, frame("+7L\n").textLong());
    assertEquals(12L, frame(" 12L\n").textLong(), "int() strips blanks");
    assertEquals(1000L, frame("1_000L\n").textLong(), "and takes underscores");
    assertEquals(999_999_999_999_999_999L, frame("999999999999999999L\n").textLong());
    assertEquals(-1_234_567_890_123_456_789L, frame("-1234567890123456789L\n").textLong());
    assertEquals(new BigInteger("99999999999999999999"), frame("99999999999999999999L\n").textLong());
    assertEquals(Long.MAX_VALUE, frame(Long.MAX_VALUE + "L\n").textLong());
    assertEquals(new BigInteger("9223372036854775808"), frame("9223372036854775808\n").textLong());
    PickleFrame f = frame("42L\ns");
    f.textLong();
    assertEquals('s', f.read(), "the newline is consumed");
    PickleFrame end = frame("42");
    assertEquals(42L, end.textLong());
    assertEquals(-1, end.read(), "not a byte past the frame");
    PickleFrame big = frame("12345678901234567890123L\ns");
    big.textLong();
    assertEquals('s', big.read());
    assertThrows(IOException.class, () -> frame("L\n").textLong());
    PickleFrame afterOpcode = frame("L\n");
    afterOpcode.read(); // the LONG opcode itself, an 'L' just before the empty argument
    assertEquals("invalid literal for int(): ''", assertThrows(IOException.class, afterOpcode::textLong).getMessage());
    assertThrows(IOException.class, () -> frame("-L\n").textLong());
    assertThrows(IOException.class, () -> frame("12aL\n").textLong());
    assertThrows(IOException.class, () -> frame("1-2L\n").textLong());
  }

  /** INT's text as CPython reads it: Python 2's 00 and 01 are bools, other ints of any size. */
  @Test
  void intsAreReadAsPythonsPickleReadsThemBoolsOrIntsOfAnySize() throws IOException {
    PickleFrame t = frame("01\ns");
    assertEquals(Boolean.TRUE, t.textInt());
    assertEquals('s', t.read(), "the newline is consumed");
    assertEquals(Boolean.FALSE, frame("00\n").textInt());
    PickleFrame end = frame("01");
    assertEquals(Boolean.TRUE, end.textInt());
    assertEquals(-1, end.read(), "not a byte past the frame");
    assertEquals(0L, frame("0\n").textInt());
    assertEquals(10L, frame("10\n").textInt());
    assertEquals(2L, frame("02\n").textInt());
    assertEquals(5L, frame("+5\n").textInt());
    assertEquals(7L, frame(" 7 \n").textInt());
    assertEquals(10L, frame("1_0\n").textInt());
    assertEquals(new BigInteger("99999999999999999999"), frame("99999999999999999999\n").textInt());
  }

  @Test
  void pythonsDigitLimitIsFourThousandThreeHundredDigitsNotCountingTheSign() throws IOException {
    assertEquals(4300, frame("-" + "9".repeat(4300) + "L\n").textLong().toString().length() - 1);
    BadInput e = assertThrows(BadInput.class, () -> frame("9".repeat(4301) + "L\n").textLong());
    assertEquals(BadInput.Reason.NOT_PICKLE, e.reason());
  }
}
