package deli.factor;

/**
 * How GNU coreutils' {@code quote()} shows a string in an error message, in a UTF-8 locale,
 * between the quotes: printable characters as they are, a backslash doubled, {@code \t},
 * {@code \n} and the other C escapes for control characters, and every other byte that is not
 * part of a printable UTF-8 character in octal ({@code \377}). Pure.
 */
final class GnuQuote {
  private GnuQuote() {}

  static String escape(byte[] b, int from, int to) {
    // Equivalent mutant: the capacity (to + from + 8) changes no output.
    StringBuilder out = new StringBuilder(to - from + 8);
    int i = from;
    while (i < to) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        ascii(out, c);
        i++;
        continue;
      }
      // 0xf5..0xff lead nothing (they were once taken for three-byte leads: 0xf5 0x80 0x80 showed
      // as U+5000). Equivalent mutant: c > 0xf5 (0xf5 as a four-byte lead decodes past U+10FFFF,
      // which decode refuses as well).
      int length = c >= 0xf5 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
      int cp = length == 0 ? -1 : decode(b, i, to, length);
      // Equivalent mutants: cp <= 0, and decode's -1 returned as 0 (U+0000 is a control
      // character: octal, as -1 is); decode never returns 0 itself (the shortest U+0000 is ASCII).
      if (cp < 0 || Character.isISOControl(cp)) {
        octal(out, c);
        i++;
      } else {
        out.appendCodePoint(cp);
        i += length;
      }
    }
    return out.toString();
  }

  /** The code point of the UTF-8 sequence of {@code length} bytes at {@code i}, or -1 when it is not a valid one. */
  private static int decode(byte[] b, int i, int to, int length) {
    if (i + length > to) {
      return -1; // equivalent mutant: 0 (see escape)
    }
    int cp = (b[i] & 0xff) & (0x7f >> length);
    for (int k = 1; k < length; k++) {
      int cont = b[i + k] & 0xff;
      if ((cont & 0xc0) != 0x80) {
        return -1; // equivalent mutant: 0 (see escape)
      }
      cp = cp << 6 | (cont & 0x3f);
    }
    int least = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    boolean surrogate = cp >= 0xd800 && cp <= 0xdfff;
    return cp < least || cp > 0x10ffff || surrogate ? -1 : cp;
  }

  private static void ascii(StringBuilder out, int c) {
    switch (c) {
      case 7 -> out.append("\\a");
      case 8 -> out.append("\\b");
      case 9 -> out.append("\\t");
      case 10 -> out.append("\\n");
      case 11 -> out.append("\\v");
      case 12 -> out.append("\\f");
      case 13 -> out.append("\\r");
      case '\\' -> out.append("\\\\");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          octal(out, c);
        } else {
          out.append((char) c);
        }
      }
    }
  }

  private static void octal(StringBuilder out, int c) {
    out.append('\\').append((char) ('0' + (c >> 6))).append((char) ('0' + (c >> 3 & 7))).append((char) ('0' + (c & 7)));
  }
}
