package deli.imports;

/**
 * Python 3.11's keywords, and its identifier characters (PEP 3131: XID_Start and XID_Continue),
 * for the tokenizer. Java's Unicode identifier predicates are ID_Start and ID_Continue; the
 * characters that XID leaves out are listed here (checked against CPython for every code point
 * in {@code PythonNamesTest}). Java 17 knows Unicode 13 and CPython 3.11 Unicode 14: a letter
 * new in Unicode 14 is not an identifier character here.
 */
final class PythonNames {
  /** Not a keyword: an identifier (soft keywords included). */
  static final int NAME = 0;
  /** {@code True}, {@code False}, {@code None}: keywords that are operands. */
  static final int OPERAND = 1;
  static final int IMPORT = 2;
  static final int FROM = 3;
  static final int AS = 4;
  static final int LAMBDA = 5;
  /** {@code if elif else while for try except finally with}: a header that ends with ':'. */
  static final int COMPOUND = 6;
  /** {@code def class}: a header that may follow decorators. */
  static final int DEF = 7;
  static final int ASYNC = 8;
  /** Every other keyword. */
  static final int OTHER = 9;

  /** Identifiers the scanner treats specially (they are still identifiers). */
  static final int MATCH = 1;
  static final int CASE = 2;
  static final int PRINT = 3;
  static final int EXEC = 4;

  private PythonNames() {}

  /** The keyword class of the ASCII name {@code b[start, start + len)}. */
  static int keyword(byte[] b, int start, int len) {
    switch (len) {
      case 2:
        return is(b, start, "if") ? COMPOUND
            : is(b, start, "as") ? AS
            : is(b, start, "in") || is(b, start, "is") || is(b, start, "or") ? OTHER
            : NAME;
      case 3:
        return is(b, start, "for") || is(b, start, "try") ? COMPOUND
            : is(b, start, "def") ? DEF
            : is(b, start, "and") || is(b, start, "del") || is(b, start, "not") ? OTHER
            : NAME;
      case 4:
        return is(b, start, "from") ? FROM
            : is(b, start, "True") || is(b, start, "None") ? OPERAND
            : is(b, start, "elif") || is(b, start, "else") || is(b, start, "with") ? COMPOUND
            : is(b, start, "pass") ? OTHER
            : NAME;
      case 5:
        return is(b, start, "False") ? OPERAND
            : is(b, start, "while") ? COMPOUND
            : is(b, start, "class") ? DEF
            : is(b, start, "async") ? ASYNC
            : is(b, start, "await") || is(b, start, "break") || is(b, start, "raise") || is(b, start, "yield")
                ? OTHER
                : NAME;
      case 6:
        return is(b, start, "import") ? IMPORT
            : is(b, start, "lambda") ? LAMBDA
            : is(b, start, "except") ? COMPOUND
            : is(b, start, "assert") || is(b, start, "global") || is(b, start, "return") ? OTHER
            : NAME;
      case 7:
        return is(b, start, "finally") ? COMPOUND : NAME;
      case 8:
        return is(b, start, "continue") || is(b, start, "nonlocal") ? OTHER : NAME;
      default:
        return NAME;
    }
  }

  /** {@link #MATCH}, {@link #CASE}, {@link #PRINT}, {@link #EXEC}, or 0 for other names. */
  static int special(byte[] b, int start, int len) {
    if (len == 5) {
      return is(b, start, "match") ? MATCH : is(b, start, "print") ? PRINT : 0;
    }
    if (len == 4) {
      return is(b, start, "case") ? CASE : is(b, start, "exec") ? EXEC : 0;
    }
    return 0;
  }

  private static boolean is(byte[] b, int start, String word) {
    for (int i = 0; i < word.length(); i++) {
      if (b[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** XID_Start (without '_', which the caller allows). */
  static boolean isXidStart(int cp) {
    return Character.isUnicodeIdentifierStart(cp) && !notXidStart(cp);
  }

  static boolean isXidContinue(int cp) {
    return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp) && !notXidContinue(cp);
  }

  /** ID_Start characters that NFKC does not keep ID_Start, and Java's VERTICAL TILDE. */
  private static boolean notXidStart(int cp) {
    return cp == 0x2E2F || cp == 0x0E33 || cp == 0x0EB3 || cp == 0xFF9E || cp == 0xFF9F || notXidContinue(cp);
  }

  private static boolean notXidContinue(int cp) {
    return cp == 0x2E2F
        || cp == 0x037A
        || cp == 0x309B
        || cp == 0x309C
        || (cp >= 0xFC5E && cp <= 0xFC63)
        || cp == 0xFDFA
        || cp == 0xFDFB
        || (cp >= 0xFE70 && cp <= 0xFE7E && (cp & 1) == 0);
  }

  /** Python's {@code str.isprintable()} for one character. */
  static boolean isPrintable(int cp) {
    int t = Character.getType(cp);
    return !(t == Character.CONTROL
        || t == Character.FORMAT
        || t == Character.SURROGATE
        || t == Character.PRIVATE_USE
        || t == Character.UNASSIGNED
        || t == Character.LINE_SEPARATOR
        || t == Character.PARAGRAPH_SEPARATOR
        || (t == Character.SPACE_SEPARATOR && cp != ' '));
  }
}
