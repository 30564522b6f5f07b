package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link GnuQuote}: the C escapes, octal for other control and bad bytes, printable UTF-8 as is. */
class GnuQuoteTest {

  private static String q(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return GnuQuote.escape(b, 0, b.length);
  }

  @Test
  void everyCEscapeAndOctalForTheOtherControlCharacters() {
    assertEquals("\\a\\b\\t\\n\\v\\f\\r\\\\", q(7, 8, 9, 10, 11, 12, 13, '\\'));
    assertEquals("\\000\\006\\016\\037\\177", q(0, 6, 14, 31, 127));
    assertEquals(" ~A", q(' ', '~', 'A'));
  }

  @Test
  void validSequencesOfEachLengthPassAsTheyAre() {
    String s = "\u00a0\u07ff\u0800\uffff\ud800\udc00\udbff\udfff"; // U+00A0 U+07FF U+0800 U+FFFF U+10000 U+10FFFF
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    assertEquals(s, GnuQuote.escape(b, 0, b.length));
  }

  @Test
  void onlyTheRangeFromToIsQuoted() {
    byte[] b = "xa\u20acy".getBytes(StandardCharsets.UTF_8);
    assertEquals("a\u20ac", GnuQuote.escape(b, 1, b.length - 1));
    assertEquals("a\\342\\202", GnuQuote.escape(b, 1, 4)); // a sequence cut by 'to'
  }

  @Test
  void badBytesAreOctalOneByOne() {
    assertEquals("\\300\\200", q(0xc0, 0x80)); // overlong, and 0xc0/0xc1 never lead
    assertEquals("\\301\\277", q(0xc1, 0xbf));
    assertEquals("\\340\\237\\277", q(0xe0, 0x9f, 0xbf)); // overlong three-byte U+07FF
    assertEquals("\\360\\217\\277\\277", q(0xf0, 0x8f, 0xbf, 0xbf)); // overlong four-byte U+FFFF
    assertEquals("\\355\\240\\200", q(0xed, 0xa0, 0x80)); // surrogate U+D800
    assertEquals("\\355\\277\\277", q(0xed, 0xbf, 0xbf)); // surrogate U+DFFF
    assertEquals("\ud7ff\ue000", q(0xed, 0x9f, 0xbf, 0xee, 0x80, 0x80)); // either side of them
    assertEquals("\\364\\220\\200\\200", q(0xf4, 0x90, 0x80, 0x80)); // U+110000
    assertEquals("\\365\\200\\200\\200", q(0xf5, 0x80, 0x80, 0x80));
    assertEquals("\\370\\377", q(0xf8, 0xff));
    assertEquals("\\302A", q(0xc2, 'A')); // not a continuation
    assertEquals("\\342\\202A", q(0xe2, 0x82, 'A'));
    assertEquals("\\200", q(0x80));
  }

  @Test
  void c1ControlCharactersAreOctalByteForByte() {
    assertEquals("\\302\\200\\302\\237", q(0xc2, 0x80, 0xc2, 0x9f));
    assertEquals("\u00a0", q(0xc2, 0xa0));
  }
}
