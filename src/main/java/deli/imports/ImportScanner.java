package deli.imports;

import java.util.List;
import java.util.Set;

/**
 * The modules a Python 3.11 source file imports, as the chapter's {@code ImportVisitor} collects
 * them from CPython's {@code ast}: {@code import a.b as c} adds {@code a.b}; {@code from x.y
 * import z} adds {@code x.y}; {@code from .m import z} adds {@code m}; {@code from . import z}
 * adds nothing; at any depth, never in comments or strings.
 *
 * <p>Why a scanner of our own (checked on Maven Central, November 2026): no library parses
 * Python 3.11 for the JVM as a supported API. GraalPy's PEG parser, a port of CPython's, ships
 * as an internal package of {@code org.graalvm.python:python-language}, an 88 MB jar built on
 * Truffle, and would build a whole tree to read two kinds of statement; Jython
 * ({@code org.python:jython-standalone}) parses Python 2.7; the ANTLR-based
 * {@code io.github.danielnaczo:python3parser} does not resolve from the registry here, and a
 * grammar alone would not refuse the files CPython's tokenizer refuses (encoding declarations,
 * indentation, literals), which the oracle test demands. Imports need far less than a parser:
 * {@code import} is a hard keyword that only ever starts an import statement, and {@code from}
 * starts one exactly where a statement starts. What takes care is the tokenizer, which
 * {@link PythonTokenizer} follows line by line from CPython's own.
 *
 * <p>How far it checks the grammar: everything CPython's tokenizer refuses (see
 * {@link PythonTokenizer}) and the decoding rules of {@link PythonSource}; the import statements
 * in full; and these rules of the parser, cheap at token level: two operands side by side
 * ({@code print "x"}, {@code exec code}, {@code a b}, Python 2's usual way to fail), bytes next
 * to str literals, an indented block where none is expected or none where one is, a line
 * ending in a binary operator, stray semicolons and commas, a dot not followed by a name,
 * {@code def} or {@code class} without a name, {@code ->} outside a def, {@code as} outside
 * import, with, except and case, decorators before anything but a def or class,
 * {@code async} before anything but def/for/with. Other grammar errors ({@code x = = 1},
 * a bad expression inside an f-string) are not found: such a file is scanned like any other
 * and its imports are reported. The oracle test holds the scanner to CPython on every file of
 * the machine's Python library, failures included.
 */
final class ImportScanner {
  /** What a file imports: the chapter's set of module names, and (when asked) each statement. */
  record Found(Set<String> modules, List<Analysis.Reference> references) {}

  private static final int NAME = PythonTokenizer.NAME;
  private static final int OP = PythonTokenizer.OP;
  private static final int NEWLINE = PythonTokenizer.NEWLINE;

  private final PythonTokenizer tok;
  private final ImportStatements imports;
  private int pushed = -1;

  private ImportScanner(PythonTokenizer tok, boolean wantReferences) {
    this.tok = tok;
    this.imports = new ImportStatements(tok, wantReferences);
  }

  /**
   * Scans one file's bytes; {@code references} also collects each statement for the graph.
   *
   * @throws PythonSyntaxError when CPython would not decode or parse the file
   */
  static Found scan(byte[] source, boolean references) throws PythonSyntaxError {
    ImportScanner s = new ImportScanner(new PythonTokenizer(PythonSource.decode(source)), references);
    s.run();
    return new Found(s.imports.modules(), s.imports.references());
  }

  private int next() throws PythonSyntaxError {
    if (pushed >= 0) {
      int k = pushed;
      pushed = -1;
      return k;
    }
    return tok.next();
  }

  private void run() throws PythonSyntaxError {
    boolean stmtStart = true; // where a statement may begin: import and from are statements here
    boolean lineStart = true; // at the first token of a logical line
    boolean blockExpected = false; // the last line ended with a header's ':'
    boolean headerOpen = false; // the line began a compound statement whose ':' is still to come
    int lambdas = 0; // lambdas whose ':' is still to come, outside brackets
    boolean decorated = false; // the last line was a decorator
    boolean decoratorLine = false;
    boolean exempt = false; // match/case at a line's start may be followed by an operand
    boolean prevOperand = false;
    boolean prevString = false;
    boolean prevBytes = false;
    int prevOp = 0; // the last token's operator, 0 if it was not an operator
    int prevSpecial = 0; // print or exec at a statement's start, for CPython's message
    boolean nameExpected = false; // after '.', def, class
    boolean arrowAllowed = false; // the line is a def
    boolean asAllowed = false; // the line is a with, except or case
    for (; ; ) {
      int k = next();
      if (k == PythonTokenizer.INDENT) {
        if (!blockExpected) {
          throw PythonSyntaxError.indentation("unexpected indent", tok.tokenLine);
        }
        blockExpected = false;
        continue;
      }
      if (blockExpected) {
        throw PythonSyntaxError.indentation("expected an indented block", tok.tokenLine);
      }
      if (k == PythonTokenizer.EOF) {
        return;
      }
      if (k == NEWLINE) {
        if (prevOp != 0 && prevOp != ':' && prevOp != ';' && prevOp != ',' && prevOp != ')' && prevOp != ']'
            && prevOp != '}' && prevOp != PythonTokenizer.ELLIPSIS) {
          throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
        }
        blockExpected = prevOp == ':';
        decorated = decoratorLine;
        decoratorLine = false;
        stmtStart = lineStart = true;
        headerOpen = arrowAllowed = asAllowed = false;
        lambdas = 0;
        prevOperand = prevString = false;
        prevOp = prevSpecial = 0;
        continue;
      }
      if (k == PythonTokenizer.DEDENT) {
        continue;
      }
      boolean mayTouch = exempt;
      exempt = false;
      if (nameExpected) {
        nameExpected = false;
        if (k != NAME || tok.keyword != PythonNames.NAME) {
          throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
        }
      }
      if (decorated) {
        decorated = false;
        boolean def = k == NAME && (tok.keyword == PythonNames.DEF || tok.keyword == PythonNames.ASYNC);
        if (!def && !(k == OP && tok.op == '@')) {
          throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
        }
      }
      if (k == NAME) {
        int kw = tok.keyword;
        if (kw == PythonNames.IMPORT || (kw == PythonNames.FROM && stmtStart)) {
          if (!stmtStart) {
            throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
          }
          pushed = kw == PythonNames.IMPORT ? imports.importNames() : imports.importFrom();
          stmtStart = lineStart = false;
          prevOperand = prevString = false;
          prevOp = prevSpecial = 0;
          continue;
        }
        boolean operand = kw == PythonNames.NAME || kw == PythonNames.OPERAND;
        if (operand && prevOperand && !mayTouch) {
          throw juxtaposed(prevSpecial);
        }
        int special = 0;
        if (kw == PythonNames.NAME && stmtStart) {
          special = tok.special();
        }
        if (lineStart) {
          if (kw == PythonNames.COMPOUND || kw == PythonNames.DEF) {
            headerOpen = true;
            asAllowed = tok.is("with") || tok.is("except");
          } else if (special == PythonNames.MATCH || special == PythonNames.CASE) {
            headerOpen = true;
            exempt = true;
            asAllowed = special == PythonNames.CASE;
          }
        }
        if (kw == PythonNames.DEF) {
          nameExpected = true;
          arrowAllowed |= tok.is("def");
        } else if (kw == PythonNames.AS && !asAllowed) {
          throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
        }
        if (kw == PythonNames.ASYNC) {
          int after = tok.next();
          if (after != NAME || !isAsyncable()) {
            throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
          }
          pushed = after;
          headerOpen = true;
          asAllowed |= tok.is("with");
        } else if (kw == PythonNames.LAMBDA && tok.depth() == 0) {
          lambdas++;
        }
        prevOperand = operand;
        prevSpecial = special == PythonNames.PRINT || special == PythonNames.EXEC ? special : 0;
        prevString = false;
        prevOp = 0;
      } else if (k == PythonTokenizer.STRING) {
        if (prevString) {
          if (prevBytes != tok.bytesLiteral) {
            throw PythonSyntaxError.syntax("cannot mix bytes and nonbytes literals", tok.tokenLine);
          }
        } else if (prevOperand && !mayTouch) {
          throw juxtaposed(prevSpecial);
        }
        prevOperand = prevString = true;
        prevBytes = tok.bytesLiteral;
        prevOp = prevSpecial = 0;
      } else if (k == PythonTokenizer.NUMBER) {
        if (prevOperand && !mayTouch) {
          throw juxtaposed(prevSpecial);
        }
        prevOperand = true;
        prevString = false;
        prevOp = prevSpecial = 0;
      } else { // OP
        int op = tok.op;
        // A ';', or the ':' that ends a compound statement's header, starts a statement on the same line.
        boolean statementNext = false;
        if (op == ';') {
          if (stmtStart) {
            throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
          }
          statementNext = true;
        } else if (op == ':' && tok.depth() == 0) {
          if (lambdas > 0) {
            lambdas--;
          } else if (headerOpen) {
            headerOpen = false;
            statementNext = true;
          }
        }
        if (statementNext) {
          stmtStart = true;
          lineStart = false;
          prevOperand = prevString = false;
          prevSpecial = 0;
          prevOp = op;
          continue;
        }
        if ((op == ',' && (prevOp == ',' || prevOp == '(' || prevOp == '[' || prevOp == '{'))
            || (op == PythonTokenizer.ARROW && !arrowAllowed)) {
          throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
        }
        nameExpected = op == '.';
        if (op == PythonTokenizer.ELLIPSIS) {
          if (prevOperand && !mayTouch) {
            throw juxtaposed(prevSpecial);
          }
          prevOperand = true;
        } else {
          prevOperand = op == ')' || op == ']' || op == '}';
          if (op == '@' && lineStart) {
            decoratorLine = true;
          }
        }
        prevString = false;
        prevSpecial = 0;
        prevOp = op;
      }
      stmtStart = lineStart = false;
    }
  }

  private boolean isAsyncable() {
    return tok.is("def") || tok.is("for") || tok.is("with");
  }

  private PythonSyntaxError juxtaposed(int special) {
    if (special == PythonNames.PRINT || special == PythonNames.EXEC) {
      String name = special == PythonNames.PRINT ? "print" : "exec";
      return PythonSyntaxError.syntax(
          "Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?", tok.tokenLine);
    }
    return PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
  }
}
