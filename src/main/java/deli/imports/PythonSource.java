package deli.imports;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Python source bytes read the way CPython 3.11 reads them for {@code ast.parse(bytes)}: no NUL
 * byte, a UTF-8 BOM, a PEP 263 encoding declaration on line 1 or 2, then the text as UTF-8.
 *
 * <p>Where the source is UTF-8 (no declaration, a BOM, or a declaration that CPython normalises
 * to {@code utf-8}) the bytes are tokenized as they are, and CPython checks UTF-8 only where
 * its tokenizer looks at the text: identifiers, strings and other code, never comments. The
 * tokenizer does the same ({@link Decoded#checkUtf8()}). Any other declared encoding decodes
 * the whole file strictly, as CPython's codec does, and is then tokenized as UTF-8.
 */
final class PythonSource {
  /** The bytes to tokenize (UTF-8) from {@code offset}, and whether UTF-8 is still to be checked. */
  record Decoded(byte[] bytes, int offset, boolean checkUtf8) {}

  private static final Set<String> NOT_TEXT =
      Set.of(
          "rot13", "rot_13", "hex", "hex_codec", "base64", "base_64", "base64_codec", "bz2",
          "bz2_codec", "zlib", "zip", "zlib_codec", "uu", "uu_codec", "quopri", "quotedprintable",
          "quoted_printable", "quopri_codec");

  /** Python's own names (after its normalisation) that Java spells differently. */
  private static final Map<String, Charset> PYTHON_NAMES =
      Map.ofEntries(
          Map.entry("utf_8", StandardCharsets.UTF_8),
          Map.entry("utf8", StandardCharsets.UTF_8),
          Map.entry("u8", StandardCharsets.UTF_8),
          Map.entry("utf", StandardCharsets.UTF_8),
          Map.entry("utf8_ucs2", StandardCharsets.UTF_8),
          Map.entry("utf8_ucs4", StandardCharsets.UTF_8),
          Map.entry("cp65001", StandardCharsets.UTF_8),
          Map.entry("latin_1", StandardCharsets.ISO_8859_1),
          Map.entry("latin1", StandardCharsets.ISO_8859_1),
          Map.entry("latin", StandardCharsets.ISO_8859_1),
          Map.entry("l1", StandardCharsets.ISO_8859_1),
          Map.entry("iso8859_1", StandardCharsets.ISO_8859_1),
          Map.entry("iso_8859_1", StandardCharsets.ISO_8859_1),
          Map.entry("8859", StandardCharsets.ISO_8859_1),
          Map.entry("cp819", StandardCharsets.ISO_8859_1),
          Map.entry("iso_ir_100", StandardCharsets.ISO_8859_1),
          Map.entry("csisolatin1", StandardCharsets.ISO_8859_1),
          Map.entry("ascii", StandardCharsets.US_ASCII),
          Map.entry("us_ascii", StandardCharsets.US_ASCII),
          Map.entry("646", StandardCharsets.US_ASCII),
          Map.entry("us", StandardCharsets.US_ASCII),
          Map.entry("ansi_x3.4_1968", StandardCharsets.US_ASCII),
          Map.entry("iso646_us", StandardCharsets.US_ASCII),
          Map.entry("mac_roman", Charset.forName("x-MacRoman")),
          Map.entry("macroman", Charset.forName("x-MacRoman")));

  private PythonSource() {}

  static Decoded decode(byte[] raw) throws PythonSyntaxError {
    for (byte x : raw) {
      if (x == 0) {
        throw PythonSyntaxError.decode("ValueError", "source code string cannot contain null bytes", 0);
      }
    }
    int offset = 0;
    boolean bom = raw.length >= 3 && (raw[0] & 0xff) == 0xEF && (raw[1] & 0xff) == 0xBB && (raw[2] & 0xff) == 0xBF;
    if (bom) {
      offset = 3;
    }
    String cookie = cookie(raw, offset);
    if (cookie == null) {
      return new Decoded(raw, offset, true);
    }
    if (bom) {
      if (!cookie.equals("utf-8")) {
        throw PythonSyntaxError.decode("SyntaxError", "encoding problem: " + cookie + " with BOM", 0);
      }
      return new Decoded(raw, offset, true);
    }
    if (cookie.equals("utf-8")) {
      return new Decoded(raw, offset, true);
    }
    Charset cs = charset(cookie);
    CharsetDecoder decoder =
        cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(raw, offset, raw.length - offset);
    CharBuffer text = CharBuffer.allocate((int) (raw.length * (double) decoder.maxCharsPerByte()) + 16);
    CoderResult r = decoder.decode(in, text, true);
    if (r.isUnderflow()) {
      r = decoder.flush(text);
    }
    if (r.isError()) {
      throw PythonSyntaxError.decode(
          "SyntaxError",
          String.format(
              Locale.ROOT,
              "'%s' codec can't decode byte 0x%02x in position %d",
              cookie,
              raw[in.position()] & 0xff,
              in.position() - offset),
          0);
    }
    text.flip();
    ByteBuffer out = StandardCharsets.UTF_8.encode(text);
    byte[] utf8 = new byte[out.remaining()];
    out.get(utf8);
    return new Decoded(utf8, 0, false);
  }

  /**
   * The encoding declared on line 1 or 2 (line 2 only when line 1 is blank or a comment), as
   * CPython's tokenizer normalises it ({@code get_normal_name}), or null when there is none.
   */
  static String cookie(byte[] b, int from) {
    int end1 = lineEnd(b, from);
    String first = codingSpec(b, from, end1);
    if (first != null) {
      return first;
    }
    if (!blankOrComment(b, from, end1) || end1 >= b.length) {
      return null;
    }
    int start2 = end1 + (b[end1] == '\r' && end1 + 1 < b.length && b[end1 + 1] == '\n' ? 2 : 1);
    return codingSpec(b, start2, lineEnd(b, start2));
  }

  private static int lineEnd(byte[] b, int from) {
    int i = from;
    while (i < b.length && b[i] != '\n' && b[i] != '\r') {
      i++;
    }
    return i;
  }

  private static boolean blankOrComment(byte[] b, int from, int end) {
    for (int i = from; i < end; i++) {
      byte c = b[i];
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\f') {
        return false;
      }
    }
    return true;
  }

  /** CPython's {@code get_coding_spec}, with its loop bounds: {@code coding[:=]\s*([-\w.]+)}. */
  private static String codingSpec(byte[] b, int from, int end) {
    int size = end - from;
    int i = 0;
    for (; i < size - 6; i++) {
      byte c = b[from + i];
      if (c == '#') {
        break;
      }
      if (c != ' ' && c != '\t' && c != '\f') {
        return null;
      }
    }
    for (; i < size - 6; i++) {
      int t = from + i;
      if (b[t] == 'c' && b[t + 1] == 'o' && b[t + 2] == 'd' && b[t + 3] == 'i' && b[t + 4] == 'n' && b[t + 5] == 'g') {
        t += 6;
        if (b[t] != ':' && b[t] != '=') {
          continue;
        }
        do {
          t++;
        } while (t < end && (b[t] == ' ' || b[t] == '\t'));
        int begin = t;
        while (t < end && (isAlnum(b[t]) || b[t] == '-' || b[t] == '_' || b[t] == '.')) {
          t++;
        }
        if (begin < t) {
          return normalName(new String(b, begin, t - begin, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return null;
  }

  private static boolean isAlnum(byte c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** CPython's {@code get_normal_name}: the spellings of utf-8 and latin-1 it knows. */
  static String normalName(String s) {
    String buf = s.substring(0, Math.min(12, s.length())).replace('_', '-').toLowerCase(Locale.ROOT);
    if (buf.equals("utf-8") || buf.startsWith("utf-8-")) {
      return "utf-8";
    }
    if (buf.equals("latin-1")
        || buf.equals("iso-8859-1")
        || buf.equals("iso-latin-1")
        || buf.startsWith("latin-1-")
        || buf.startsWith("iso-8859-1-")
        || buf.startsWith("iso-latin-1-")) {
      return "iso-8859-1";
    }
    return s;
  }

  /** The Java charset for a Python codec name, or the error CPython gives for it. */
  static Charset charset(String name) throws PythonSyntaxError {
    String norm = pythonNormalized(name);
    if (NOT_TEXT.contains(norm)) {
      throw PythonSyntaxError.decode(
          "SyntaxError",
          "'" + name + "' is not a text encoding; use codecs.decode() to handle arbitrary codecs",
          0);
    }
    Charset known = PYTHON_NAMES.get(norm);
    if (known != null) {
      return known;
    }
    for (String candidate : new String[] {norm, norm.replace('_', '-'), norm.replace("_", "")}) {
      try {
        if (!candidate.isEmpty() && Charset.isSupported(candidate)) {
          return Charset.forName(candidate);
        }
      } catch (IllegalArgumentException e) {
        // not a name Java knows: try the next spelling
      }
    }
    throw PythonSyntaxError.decode("SyntaxError", "unknown encoding: " + name, 0);
  }

  /** Python's codec-name normalisation: lower case, runs of other than [a-z0-9.] become one '_'. */
  private static String pythonNormalized(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean punct = false;
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') {
        if (punct && out.length() > 0) {
          out.append('_');
        }
        out.append(c);
        punct = false;
      } else {
        punct = true;
      }
    }
    return out.toString();
  }
}
