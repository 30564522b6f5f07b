package deli.imports;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Python 3.11's tokenizer ({@code Parser/tokenizer.c}) over UTF-8 bytes, one token at a time:
 * NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, EOF. Comments, blank lines, newlines inside
 * brackets and backslash continuations produce no token, as in CPython; {@code \r\n}, {@code \r}
 * and {@code \n} all end a line.
 *
 * <p>It raises what CPython's tokenizer raises, with CPython's wording: bad indentation
 * ({@code IndentationError}, {@code TabError}), unterminated strings, malformed numbers,
 * characters that cannot start a token, unbalanced brackets, a backslash not at the end of a
 * line, and the string-literal errors CPython's parser finds in a literal's text (bad escapes,
 * non-ASCII in bytes, UTF-8 that does not decode). An f-string is one STRING token, as in 3.11;
 * the expressions inside it are not looked at.
 *
 * <p>It works on bytes, never building a string for a token the caller does not ask for: most
 * of a file is names, blanks, strings and comments, and each is one tight loop.
 */
final class PythonTokenizer {
  static final int EOF = 0;
  static final int NAME = 1;
  static final int NUMBER = 2;
  static final int STRING = 3;
  static final int OP = 4;
  static final int NEWLINE = 5;
  static final int INDENT = 6;
  static final int DEDENT = 7;

  /** {@link #op} for operators of more than one character; one-character ones are the character. */
  static final int ELLIPSIS = 256;
  static final int COLONEQ = 257;
  static final int OTHER_OP = 258;
  static final int ARROW = 259;

  private static final int MAX_INDENT = 100;
  private static final int MAX_DEPTH = 200;

  private static final byte C_OTHER = 0;
  private static final byte C_SPACE = 1;
  private static final byte C_NEWLINE = 2;
  private static final byte C_ALPHA = 3;
  private static final byte C_DIGIT = 4;
  private static final byte C_HIGH = 5;
  private static final byte C_QUOTE = 6;
  private static final byte C_HASH = 7;
  private static final byte C_BACKSLASH = 8;
  private static final byte C_OP = 9;
  private static final byte C_DOT = 10;
  private static final byte C_OPEN = 11;
  private static final byte C_CLOSE = 12;
  private static final byte C_BANG = 13;

  private static final byte[] CLASS = new byte[256];
  private static final boolean[] IDENT = new boolean[256];
  /** Bytes a string's inner loop stops at: quotes, backslash, newlines, non-ASCII. */
  private static final boolean[] STRING_STOP = new boolean[256];

  static {
    for (int c = 0; c < 256; c++) {
      byte k = C_OTHER;
      if (c == ' ' || c == '\t' || c == '\f') {
        k = C_SPACE;
      } else if (c == '\n' || c == '\r') {
        k = C_NEWLINE;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') {
        k = C_ALPHA;
      } else if (c >= '0' && c <= '9') {
        k = C_DIGIT;
      } else if (c >= 0x80) {
        k = C_HIGH;
      } else if (c == '\'' || c == '"') {
        k = C_QUOTE;
      } else if (c == '#') {
        k = C_HASH;
      } else if (c == '\\') {
        k = C_BACKSLASH;
      } else if (c == '.') {
        k = C_DOT;
      } else if (c == '(' || c == '[' || c == '{') {
        k = C_OPEN;
      } else if (c == ')' || c == ']' || c == '}') {
        k = C_CLOSE;
      } else if (c == '!') {
        k = C_BANG;
      } else if ("+-*/%&|^~<>=@,;:".indexOf(c) >= 0) {
        k = C_OP;
      }
      CLASS[c] = k;
      IDENT[c] = k == C_ALPHA || k == C_DIGIT || k == C_HIGH;
      STRING_STOP[c] = c == '\'' || c == '"' || c == '\\' || c == '\n' || c == '\r' || c >= 0x80;
    }
  }

  /** String prefix flags. */
  private static final int RAW = 1;
  private static final int BYTES = 2;

  private final byte[] b;
  private final int n;
  private final boolean checkUtf8;
  private int pos;
  private int line = 1;
  private boolean atBol = true;
  private boolean lineHasTokens;
  private final int[] indents = new int[MAX_INDENT + 1];
  private final int[] altIndents = new int[MAX_INDENT + 1];
  private int indent;
  private int pendingDedents;
  private final byte[] brackets = new byte[MAX_DEPTH];
  private final int[] bracketLines = new int[MAX_DEPTH];
  private int depth;

  // The current token.
  int kind;
  int start;
  int end;
  int tokenLine;
  /** For OP: the character, or {@link #ELLIPSIS}, {@link #COLONEQ}, {@link #ARROW}, {@link #OTHER_OP}. */
  int op;
  /** For NAME: its {@link PythonNames} keyword class. */
  int keyword;
  /** For NAME: whether it holds non-ASCII characters (then {@link #name()} normalises it). */
  boolean nonAscii;
  /** For STRING: whether it is a bytes literal. */
  boolean bytesLiteral;

  PythonTokenizer(PythonSource.Decoded source) {
    this.b = source.bytes();
    this.n = b.length;
    this.pos = source.offset();
    this.checkUtf8 = source.checkUtf8();
  }

  /** Bracket depth after the current token. */
  int depth() {
    return depth;
  }

  /** The line the scan has reached. */
  int line() {
    return line;
  }

  /** The current NAME as Python sees it: NFKC-normalised when it is not ASCII (PEP 3131). */
  String name() {
    if (!nonAscii) {
      return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    }
    return Normalizer.normalize(new String(b, start, end - start, StandardCharsets.UTF_8), Normalizer.Form.NFKC);
  }

  /** The ASCII source text {@code [from, to)}: a dotted name written without blanks. */
  String ascii(int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Whether the current token is the ASCII word {@code word}. */
  boolean is(String word) {
    if (end - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** For an ASCII NAME: {@link PythonNames#special}. */
  int special() {
    return nonAscii ? 0 : PythonNames.special(b, start, end - start);
  }

  int next() throws PythonSyntaxError {
    if (pendingDedents > 0) {
      pendingDedents--;
      start = end = pos;
      return kind = DEDENT;
    }
    for (; ; ) {
      if (atBol) {
        atBol = false;
        if (depth == 0) {
          int k = indentation();
          if (k != 0) {
            return kind = k;
          }
        }
      }
      int c = 0;
      while (pos < n && ((c = b[pos]) == ' ' || c == '\t' || c == '\f')) {
        pos++;
      }
      if (pos >= n) {
        return atEof();
      }
      c = b[pos] & 0xff;
      start = pos;
      tokenLine = line;
      switch (CLASS[c]) {
        case C_HASH:
          while (pos < n && b[pos] != '\n' && b[pos] != '\r') {
            pos++;
          }
          continue;
        case C_NEWLINE:
          pos += c == '\r' && pos + 1 < n && b[pos + 1] == '\n' ? 2 : 1;
          line++;
          atBol = true;
          if (depth > 0 || !lineHasTokens) {
            continue;
          }
          lineHasTokens = false;
          end = pos;
          return kind = NEWLINE;
        case C_ALPHA:
        case C_HIGH:
          return nameOrString();
        case C_DIGIT:
          return number();
        case C_QUOTE:
          return string(pos, 0);
        case C_DOT:
          if (pos + 1 < n && b[pos + 1] >= '0' && b[pos + 1] <= '9') {
            return number();
          }
          if (pos + 2 < n && b[pos + 1] == '.' && b[pos + 2] == '.') {
            return operator(ELLIPSIS, 3);
          }
          return operator('.', 1);
        case C_BACKSLASH:
          continuation();
          continue;
        case C_OPEN:
          if (depth >= MAX_DEPTH) {
            throw PythonSyntaxError.syntax("too many nested parentheses", line);
          }
          brackets[depth] = (byte) c;
          bracketLines[depth] = line;
          depth++;
          return operator(c, 1);
        case C_CLOSE:
          close(c);
          return operator(c, 1);
        case C_OP:
          return operator();
        case C_BANG:
          if (pos + 1 < n && b[pos + 1] == '=') {
            return operator(OTHER_OP, 2);
          }
          throw PythonSyntaxError.syntax("invalid syntax", line);
        default:
          throw invalidCharacter(c);
      }
    }
  }

  /** At the start of a line outside brackets: INDENT, DEDENT, or 0 for neither (or a blank line). */
  private int indentation() throws PythonSyntaxError {
    int col = 0;
    int alt = 0;
    int p = pos;
    for (; p < n; p++) {
      byte c = b[p];
      if (c == ' ') {
        col++;
        alt++;
      } else if (c == '\t') {
        col = (col / 8 + 1) * 8;
        alt++;
      } else if (c == '\f') {
        col = 0;
        alt = 0;
      } else {
        break;
      }
    }
    pos = p;
    if (p >= n || b[p] == '#' || b[p] == '\n' || b[p] == '\r') {
      return 0; // a blank line (CPython ends the source with a newline, so a last line of blanks is one)
    }
    start = end = p;
    tokenLine = line;
    if (col == indents[indent]) {
      if (alt != altIndents[indent]) {
        throw PythonSyntaxError.tab(line);
      }
      return 0;
    }
    if (col > indents[indent]) {
      if (indent + 1 >= MAX_INDENT) {
        throw PythonSyntaxError.indentation("too many levels of indentation", line);
      }
      if (alt <= altIndents[indent]) {
        throw PythonSyntaxError.tab(line);
      }
      indent++;
      indents[indent] = col;
      altIndents[indent] = alt;
      return INDENT;
    }
    int levels = 0;
    while (indent > 0 && col < indents[indent]) {
      indent--;
      levels++;
    }
    if (col != indents[indent]) {
      throw PythonSyntaxError.indentation("unindent does not match any outer indentation level", line);
    }
    if (alt != altIndents[indent]) {
      throw PythonSyntaxError.tab(line);
    }
    pendingDedents = levels - 1;
    return DEDENT;
  }

  private int atEof() throws PythonSyntaxError {
    start = end = n;
    tokenLine = line;
    if (depth > 0) {
      throw PythonSyntaxError.syntax("'" + (char) brackets[depth - 1] + "' was never closed", bracketLines[depth - 1]);
    }
    if (lineHasTokens) {
      lineHasTokens = false;
      return kind = NEWLINE;
    }
    if (indent > 0) {
      indent--;
      return kind = DEDENT;
    }
    return kind = EOF; // PIT: "return 0" is an equivalent mutant, EOF is 0
  }

  private void continuation() throws PythonSyntaxError {
    pos++;
    if (pos >= n) {
      throw PythonSyntaxError.syntax("unexpected EOF while parsing", line);
    }
    byte c = b[pos];
    if (c != '\n' && c != '\r') {
      throw PythonSyntaxError.syntax("unexpected character after line continuation character", line);
    }
    boolean crlf = c == '\r' && pos + 1 < n && b[pos + 1] == '\n';
    pos += crlf ? 2 : 1;
    line++;
    // CPython ends a source whose last line ends in \r\n with one more \n (translate_newlines):
    // a backslash there continues onto a blank line.
    if (pos >= n && !crlf) {
      throw PythonSyntaxError.syntax("unexpected EOF while parsing", line - 1);
    }
  }

  private void close(int c) throws PythonSyntaxError {
    if (depth == 0) {
      throw PythonSyntaxError.syntax("unmatched '" + (char) c + "'", line);
    }
    depth--;
    int opening = brackets[depth];
    if (!((opening == '(' && c == ')') || (opening == '[' && c == ']') || (opening == '{' && c == '}'))) {
      String msg = "closing parenthesis '" + (char) c + "' does not match opening parenthesis '" + (char) opening + "'";
      if (bracketLines[depth] != line) {
        msg += " on line " + bracketLines[depth];
      }
      throw PythonSyntaxError.syntax(msg, line);
    }
  }

  private int operator(int code, int length) {
    pos += length;
    end = pos;
    op = code;
    lineHasTokens = true;
    return kind = OP;
  }

  /** The operators of {@code +-*}{@code /%&|^~<>=@,;:}, with their two- and three-character forms. */
  private int operator() throws PythonSyntaxError {
    int c1 = b[pos];
    int c2 = pos + 1 < n ? b[pos + 1] : -1;
    int c3 = pos + 2 < n ? b[pos + 2] : -1;
    if (c3 == '=' && ((c1 == '*' && c2 == '*') || (c1 == '/' && c2 == '/') || (c1 == '>' && c2 == '>') || (c1 == '<' && c2 == '<'))) {
      return operator(OTHER_OP, 3);
    }
    if (c1 == ':' && c2 == '=') {
      return operator(COLONEQ, 2);
    }
    if (c1 == '-' && c2 == '>') {
      return operator(ARROW, 2);
    }
    if (c1 == '<' && c2 == '>') {
      // Python 2's not-equal: only under 'from __future__ import barry_as_FLUFL'.
      throw PythonSyntaxError.syntax("invalid syntax", line);
    }
    if (c2 == '=' && "%&*+-/<=>@^|".indexOf(c1) >= 0
        || (c1 == '*' && c2 == '*')
        || (c1 == '/' && c2 == '/')
        || (c1 == '<' && c2 == '<')
        || (c1 == '>' && c2 == '>')) {
      return operator(OTHER_OP, 2);
    }
    return operator(c1, 1);
  }

  private PythonSyntaxError invalidCharacter(int c) {
    if (c == '$' || c == '?' || c == '`') {
      return PythonSyntaxError.syntax("invalid syntax", line);
    }
    return PythonSyntaxError.syntax(String.format(Locale.ROOT, "invalid non-printable character U+%04X", c), line);
  }

  /** A NAME, or a string literal when the name is a string prefix right before a quote. */
  private int nameOrString() throws PythonSyntaxError {
    int p = pos;
    boolean high = false;
    while (p < n && IDENT[b[p] & 0xff]) {
      high |= b[p] < 0; // PIT: "< 0" vs "<= 0" is an equivalent mutant: PythonSource refuses a NUL byte, so no byte here is 0
      p++;
    }
    if (p < n && (b[p] == '\'' || b[p] == '"') && !high && p - pos <= 2) {
      int flags = prefix(pos, p - pos);
      if (flags >= 0) {
        return string(p, flags);
      }
    }
    end = p;
    pos = p;
    nonAscii = high;
    if (high) {
      verifyIdentifier();
      keyword = PythonNames.NAME;
    } else {
      keyword = PythonNames.keyword(b, start, end - start);
    }
    lineHasTokens = true;
    return kind = NAME;
  }

  /** The flags of a string prefix ({@code r u b f br rb fr rf}, any case), or -1. */
  private int prefix(int p, int len) {
    int flags = 0;
    boolean u = false;
    boolean f = false;
    for (int i = p; i < p + len; i++) {
      switch (b[i] | 0x20) {
        case 'r':
          if ((flags & RAW) != 0) {
            return -1;
          }
          flags |= RAW;
          break;
        case 'b':
          if ((flags & BYTES) != 0 || f) {
            return -1;
          }
          flags |= BYTES;
          break;
        case 'f':
          if (f || (flags & BYTES) != 0) {
            return -1;
          }
          f = true;
          break;
        case 'u':
          if (len != 1) {
            return -1;
          }
          u = true;
          break;
        default:
          return -1;
      }
    }
    return u ? 0 : flags;
  }

  /** PEP 3131: decodes the name's UTF-8 and checks XID_Start / XID_Continue, as CPython does. */
  private void verifyIdentifier() throws PythonSyntaxError {
    int p = start;
    boolean first = true;
    while (p < end) {
      int cp;
      int c = b[p] & 0xff;
      if (c < 0x80) {
        cp = c;
        p++;
      } else {
        int len = utf8Length(p, end);
        if (len < 0) { // PIT: "<= 0" is an equivalent mutant, utf8Length gives -1 or 2 to 4
          throw undecodable(p);
        }
        cp = codePoint(p, len);
        p += len;
      }
      boolean ok = first ? cp == '_' || PythonNames.isXidStart(cp) : PythonNames.isXidContinue(cp);
      if (!ok) {
        throw PythonNames.isPrintable(cp)
            ? PythonSyntaxError.syntax(
                String.format(Locale.ROOT, "invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp), line)
            : PythonSyntaxError.syntax(String.format(Locale.ROOT, "invalid non-printable character U+%04X", cp), line);
      }
      first = false;
    }
  }

  private PythonSyntaxError undecodable(int p) {
    return PythonSyntaxError.decode(
        "SyntaxError",
        String.format(Locale.ROOT, "(unicode error) 'utf-8' codec can't decode byte 0x%02x", b[p] & 0xff),
        line);
  }

  /** The length of the well-formed UTF-8 sequence at {@code p} (Python's strict rules), or -1. */
  private int utf8Length(int p, int limit) {
    int c = b[p] & 0xff;
    int len;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return -1;
    }
    if (p + len > limit) {
      return -1;
    }
    int c1 = b[p + 1] & 0xff;
    if (c1 < lo || c1 > hi) {
      return -1;
    }
    for (int i = 2; i < len; i++) {
      int ci = b[p + i] & 0xff;
      if (ci < 0x80 || ci > 0xBF) {
        return -1;
      }
    }
    return len;
  }

  private int codePoint(int p, int len) {
    int c = b[p] & 0xff;
    int cp = len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int i = 1; i < len; i++) {
      cp = (cp << 6) | (b[p + i] & 0x3F);
    }
    return cp;
  }

  /**
   * A string literal from its opening quote at {@code q}. Escapes of non-raw literals are
   * checked as CPython's parser checks them ({@code \x}, and for str {@code \\u \\U \\N{...}}).
   */
  private int string(int q, int flags) throws PythonSyntaxError {
    byte quote = b[q];
    int p = q + 1;
    boolean triple = p + 1 < n && b[p] == quote && b[p + 1] == quote;
    if (triple) {
      p += 2;
    }
    int firstLine = line;
    boolean raw = (flags & RAW) != 0;
    boolean bytes = (flags & BYTES) != 0;
    for (; ; ) {
      while (p < n && !STRING_STOP[b[p] & 0xff]) {
        p++;
      }
      if (p >= n) {
        throw unterminated(triple, firstLine);
      }
      int c = b[p];
      if (c == quote) {
        if (!triple) {
          p++;
          break;
        }
        if (p + 2 < n && b[p + 1] == quote && b[p + 2] == quote) {
          p += 3;
          break;
        }
        p++;
      } else if (c == '\\') {
        p++;
        if (p >= n) {
          throw unterminated(triple, firstLine);
        }
        c = b[p];
        if (c == '\r' || c == '\n') {
          p += c == '\r' && p + 1 < n && b[p + 1] == '\n' ? 2 : 1;
          line++;
        } else if (c < 0) { // PIT: "< 0" vs "<= 0" is an equivalent mutant: PythonSource refuses a NUL byte, so no byte here is 0
          p = high(p, bytes);
        } else {
          if (!raw) {
            escape(p, bytes);
          }
          p++;
        }
      } else if (c == '\n' || c == '\r') {
        if (!triple) {
          throw PythonSyntaxError.syntax("unterminated string literal (detected at line " + line + ")", firstLine);
        }
        p += c == '\r' && p + 1 < n && b[p + 1] == '\n' ? 2 : 1;
        line++;
      } else if (c < 0) { // PIT: "< 0" vs "<= 0" is an equivalent mutant: PythonSource refuses a NUL byte, so no byte here is 0
        p = high(p, bytes);
      } else {
        p++; // the other quote character
      }
    }
    pos = p;
    end = p;
    bytesLiteral = bytes;
    lineHasTokens = true;
    return kind = STRING;
  }

  private PythonSyntaxError unterminated(boolean triple, int firstLine) {
    // At the end of the source. CPython counts a line when it starts reading it: a last newline
    // starts none, except a last \r\n, after which CPython adds one more \n (translate_newlines).
    boolean lastCrLf = n > 1 && b[n - 2] == '\r' && b[n - 1] == '\n';
    // PIT: "n >= 0" is an equivalent mutant: an unterminated literal has at least its quote, so n > 0.
    int detected = n > 0 && (b[n - 1] == '\n' || b[n - 1] == '\r') && !lastCrLf ? line - 1 : line;
    return PythonSyntaxError.syntax(
        "unterminated " + (triple ? "triple-quoted " : "") + "string literal (detected at line " + detected + ")", firstLine);
  }

  /** A non-ASCII character inside a literal: never in bytes, and well-formed UTF-8 in str. */
  private int high(int p, boolean bytes) throws PythonSyntaxError {
    if (bytes) {
      throw PythonSyntaxError.syntax("bytes can only contain ASCII literal characters", line);
    }
    if (!checkUtf8) {
      return p + 1;
    }
    int len = utf8Length(p, n);
    if (len < 0) { // PIT: "<= 0" is an equivalent mutant, utf8Length gives -1 or 2 to 4
      throw undecodable(p);
    }
    return p + len;
  }

  /** The escape whose letter is at {@code p} (after a backslash), in a non-raw literal. */
  private void escape(int p, boolean bytes) throws PythonSyntaxError {
    int c = b[p];
    if (c == 'x') {
      if (!hexDigits(p + 1, 2)) {
        throw bytes
            ? PythonSyntaxError.syntax("(value error) invalid \\x escape", line)
            : PythonSyntaxError.syntax("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\xXX escape", line);
      }
    } else if (bytes) {
      return;
    } else if (c == 'u' || c == 'U') {
      int digits = c == 'u' ? 4 : 8;
      if (!hexDigits(p + 1, digits)) {
        throw PythonSyntaxError.syntax(
            "(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\" + (char) c + "XXXX"
                + (digits == 8 ? "XXXX" : "") + " escape",
            line);
      }
      if (digits == 8 && Long.parseLong(new String(b, p + 1, 8, StandardCharsets.ISO_8859_1), 16) > 0x10FFFF) {
        throw PythonSyntaxError.syntax("(unicode error) 'unicodeescape' codec can't decode bytes: illegal Unicode character", line);
      }
    } else if (c == 'N') {
      // The name itself is not looked up: Java knows neither Python's name aliases (\N{LF},
      // \N{BYTE ORDER MARK}) nor its algorithmic names, and a valid file must never fail here.
      int close = -1;
      if (p + 1 < n && b[p + 1] == '{') {
        for (int i = p + 2; i < n && b[i] != '\n' && b[i] != '\r' && b[i] != '\'' && b[i] != '"'; i++) {
          if (b[i] == '}') {
            close = i;
            break;
          }
        }
      }
      if (close < 0 || close == p + 2) {
        throw PythonSyntaxError.syntax(
            "(unicode error) 'unicodeescape' codec can't decode bytes: malformed \\N character escape", line);
      }
    }
  }

  private boolean hexDigits(int from, int count) {
    if (from + count > n) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      if (!isHex(b[i])) {
        return false;
      }
    }
    return true;
  }

  // Numbers, after CPython's tok_get: the same branches, the same errors.

  private int at(int p) {
    return p < n ? b[p] & 0xff : -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private int number() throws PythonSyntaxError {
    int p = pos;
    int c = at(p);
    if (c == '.') {
      return fraction(p + 1);
    }
    if (c != '0') {
      p = decimalTail(p);
      return afterInteger(p, false);
    }
    p++;
    c = at(p);
    if (c == 'x' || c == 'X') {
      return radix(p + 1, 16, "hexadecimal");
    }
    if (c == 'o' || c == 'O') {
      return radix(p + 1, 8, "octal");
    }
    if (c == 'b' || c == 'B') {
      return radix(p + 1, 2, "binary");
    }
    // Zeros, maybe an old-style octal (now an error), maybe the start of a float.
    for (; ; ) {
      if (c == '_') {
        p++;
        c = at(p);
        if (!isDigit(c)) {
          throw PythonSyntaxError.syntax("invalid decimal literal", line);
        }
      }
      if (c != '0') {
        break;
      }
      p++;
      c = at(p);
    }
    boolean nonzero = false;
    if (isDigit(c)) {
      nonzero = true;
      p = decimalTail(p);
    }
    return afterInteger(p, nonzero);
  }

  private int afterInteger(int p, boolean leadingZeros) throws PythonSyntaxError {
    int c = at(p);
    if (c == '.') {
      return fraction(p + 1);
    }
    if (c == 'e' || c == 'E') {
      return exponent(p);
    }
    if (c == 'j' || c == 'J') {
      return endNumber(p + 1, "imaginary");
    }
    if (leadingZeros) {
      throw PythonSyntaxError.syntax(
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", line);
    }
    return endNumber(p, "decimal");
  }

  /** Digits of base 16, 8 or 2 after the prefix, with single underscores between. */
  private int radix(int p, int base, String kind) throws PythonSyntaxError {
    int c = at(p);
    do {
      if (c == '_') {
        p++;
        c = at(p);
      }
      if (!inBase(c, base)) {
        if (base != 16 && isDigit(c)) {
          throw PythonSyntaxError.syntax("invalid digit '" + (char) c + "' in " + kind + " literal", line);
        }
        throw PythonSyntaxError.syntax("invalid " + kind + " literal", line);
      }
      do {
        p++;
        c = at(p);
      } while (inBase(c, base));
    } while (c == '_');
    if (base != 16 && isDigit(c)) {
      throw PythonSyntaxError.syntax("invalid digit '" + (char) c + "' in " + kind + " literal", line);
    }
    return endNumber(p, kind);
  }

  private static boolean inBase(int c, int base) {
    return base == 16 ? isHex(c) : c >= '0' && c < '0' + base;
  }

  /** From a digit at {@code p}: the digits and single underscores that follow; returns the end. */
  private int decimalTail(int p) throws PythonSyntaxError {
    for (; ; ) {
      do {
        p++;
      } while (isDigit(at(p)));
      if (at(p) != '_') {
        return p;
      }
      p++;
      if (!isDigit(at(p))) {
        throw PythonSyntaxError.syntax("invalid decimal literal", line);
      }
    }
  }

  /** After the point of a float. */
  private int fraction(int p) throws PythonSyntaxError {
    int c = at(p);
    if (isDigit(c)) {
      p = decimalTail(p);
      c = at(p);
    }
    if (c == 'e' || c == 'E') {
      return exponent(p);
    }
    if (c == 'j' || c == 'J') {
      return endNumber(p + 1, "imaginary");
    }
    return endNumber(p, "decimal");
  }

  /** At the 'e' of an exponent; '1else' is a number before the keyword 'else'. */
  private int exponent(int e) throws PythonSyntaxError {
    int p = e + 1;
    int c = at(p);
    if (c == '+' || c == '-') {
      p++;
      if (!isDigit(at(p))) {
        throw PythonSyntaxError.syntax("invalid decimal literal", line);
      }
    } else if (!isDigit(c)) {
      return endNumber(e, "decimal");
    }
    p = decimalTail(p);
    c = at(p);
    if (c == 'j' || c == 'J') {
      return endNumber(p + 1, "imaginary");
    }
    return endNumber(p, "decimal");
  }

  /**
   * CPython's verify_end_of_number: a number may touch a keyword that can follow it in valid
   * code (and, else, for, if, in, is, not, or: only a warning in 3.11), never another name.
   */
  private int endNumber(int p, String kind) throws PythonSyntaxError {
    int c = at(p);
    boolean keywordAhead =
        switch (c) {
          case 'a' -> ahead(p + 1, "nd");
          case 'e' -> ahead(p + 1, "lse");
          case 'f' -> ahead(p + 1, "or");
          case 'i' -> at(p + 1) == 'f' || at(p + 1) == 'n' || at(p + 1) == 's';
          case 'o' -> ahead(p + 1, "r");
          case 'n' -> ahead(p + 1, "ot");
          default -> false;
        };
    if (!keywordAhead && c >= 0 && IDENT[c]) { // PIT: "c > 0" is an equivalent mutant: no NUL byte, and IDENT[0] is false
      throw PythonSyntaxError.syntax("invalid " + kind + " literal", line);
    }
    pos = p;
    end = p;
    lineHasTokens = true;
    return this.kind = NUMBER;
  }

  private boolean ahead(int p, String s) {
    for (int i = 0; i < s.length(); i++) {
      if (at(p + i) != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
