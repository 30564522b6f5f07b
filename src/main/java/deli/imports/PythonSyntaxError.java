package deli.imports;

/**
 * Why CPython would refuse a source file: it does not decode ({@link Kind#DECODE}) or does not
 * parse ({@link Kind#SYNTAX}). {@code type} is the exception CPython raises ({@code SyntaxError},
 * {@code IndentationError}, {@code TabError}, {@code ValueError}); {@code line} is 1-based, 0
 * when the whole file is at fault. Thrown without a stack trace: it is an answer, not a bug.
 */
final class PythonSyntaxError extends Exception {
  enum Kind {
    DECODE,
    SYNTAX
  }

  private final Kind kind;
  private final String type;
  private final int line;

  private PythonSyntaxError(Kind kind, String type, String message, int line) {
    super(message, null, false, false);
    this.kind = kind;
    this.type = type;
    this.line = line;
  }

  static PythonSyntaxError decode(String type, String message, int line) {
    return new PythonSyntaxError(Kind.DECODE, type, message, line);
  }

  static PythonSyntaxError syntax(String message, int line) {
    return new PythonSyntaxError(Kind.SYNTAX, "SyntaxError", message, line);
  }

  static PythonSyntaxError indentation(String message, int line) {
    return new PythonSyntaxError(Kind.SYNTAX, "IndentationError", message, line);
  }

  static PythonSyntaxError tab(int line) {
    return new PythonSyntaxError(Kind.SYNTAX, "TabError", "inconsistent use of tabs and spaces in indentation", line);
  }

  Kind kind() {
    return kind;
  }

  String type() {
    return type;
  }

  int line() {
    return line;
  }

  /** As CPython words it: {@code SyntaxError: invalid syntax (line 3)}. */
  String reason() {
    return type + ": " + getMessage() + (line > 0 ? " (line " + line + ")" : "");
  }
}
