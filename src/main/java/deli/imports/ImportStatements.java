package deli.imports;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The import statements in full, read off the {@link PythonTokenizer} once the
 * {@link ImportScanner} has seen {@code import}, or {@code from} where a statement starts: the
 * modules they name (the chapter's set) and, when asked, each statement for the graph. Each
 * method checks the statement's grammar as CPython does and returns the token that ends it
 * (NEWLINE or {@code ;}), which the scanner reads next.
 */
final class ImportStatements {
  private static final int NAME = PythonTokenizer.NAME;
  private static final int OP = PythonTokenizer.OP;
  private static final int NEWLINE = PythonTokenizer.NEWLINE;

  private final PythonTokenizer tok;
  private final boolean wantReferences;
  private final Set<String> modules = new HashSet<>();
  private final List<Analysis.Reference> references;

  ImportStatements(PythonTokenizer tok, boolean wantReferences) {
    this.tok = tok;
    this.wantReferences = wantReferences;
    this.references = wantReferences ? new ArrayList<>() : List.of();
  }

  Set<String> modules() {
    return modules;
  }

  List<Analysis.Reference> references() {
    return references;
  }

  /** After {@code import}: {@code dotted_name [as NAME] (, dotted_name [as NAME])*}. */
  int importNames() throws PythonSyntaxError {
    int k;
    do {
      String module = dottedName(tok.next());
      k = afterName;
      if (k == NAME && tok.keyword == PythonNames.AS) {
        expectName(tok.next());
        k = tok.next();
      }
      modules.add(module);
      if (wantReferences) {
        references.add(new Analysis.Reference(0, module, List.of()));
      }
    } while (k == OP && tok.op == ',');
    return endOfStatement(k);
  }

  /** After {@code from} at a statement's start: dots, a dotted name, import, and the names. */
  int importFrom() throws PythonSyntaxError {
    int level = 0;
    int k = tok.next();
    while (k == OP && (tok.op == '.' || tok.op == PythonTokenizer.ELLIPSIS)) {
      level += tok.op == '.' ? 1 : 3;
      k = tok.next();
    }
    String module = null;
    if (k == NAME && tok.keyword == PythonNames.IMPORT) {
      if (level == 0) {
        throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
      }
    } else {
      module = dottedName(k);
      k = afterName;
      if (k != NAME || tok.keyword != PythonNames.IMPORT) {
        throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
      }
    }
    List<String> names = wantReferences ? new ArrayList<>() : null;
    k = tok.next();
    if (k == OP && tok.op == '*') {
      if (names != null) {
        names.add("*");
      }
      k = tok.next();
    } else if (k == OP && tok.op == '(') {
      k = importAsName(tok.next(), names);
      while (k == OP && tok.op == ',') {
        k = tok.next();
        if (k == OP && tok.op == ')') {
          break;
        }
        k = importAsName(k, names);
      }
      if (k != OP || tok.op != ')') {
        throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
      }
      k = tok.next();
    } else {
      k = importAsName(k, names);
      while (k == OP && tok.op == ',') {
        k = tok.next();
        // Only a comma that ends the line gets CPython's own message; before a ';' it says "invalid syntax".
        if (k == NEWLINE) {
          throw PythonSyntaxError.syntax("trailing comma not allowed without surrounding parentheses", tok.tokenLine);
        }
        k = importAsName(k, names);
      }
    }
    endOfStatement(k);
    if (module != null) {
      modules.add(module);
    }
    if (wantReferences) {
      references.add(new Analysis.Reference(level, module, names));
    }
    return k;
  }

  /** {@code NAME [as NAME]}; returns the token after it. */
  private int importAsName(int k, List<String> names) throws PythonSyntaxError {
    expectName(k);
    if (names != null) {
      names.add(tok.name());
    }
    k = tok.next();
    if (k == NAME && tok.keyword == PythonNames.AS) {
      expectName(tok.next());
      k = tok.next();
    }
    return k;
  }

  private void expectName(int k) throws PythonSyntaxError {
    if (k != NAME || tok.keyword != PythonNames.NAME) {
      throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
    }
  }

  /** The token that ended the last {@link #dottedName}. */
  private int afterName;

  /**
   * {@code NAME (. NAME)*} from the NAME token {@code k}, as one string; {@link #afterName} holds
   * the token after it. A name written without blanks is one substring of the source.
   */
  private String dottedName(int k) throws PythonSyntaxError {
    expectName(k);
    String joined = null;
    int spanStart = tok.start;
    int spanEnd = tok.end;
    boolean ascii = !tok.nonAscii;
    if (!ascii) {
      joined = tok.name();
    }
    for (; ; ) {
      k = tok.next();
      if (k != OP || tok.op != '.') {
        break;
      }
      int dotStart = tok.start;
      int dotEnd = tok.end;
      expectName(tok.next());
      // A fast path only: the joined path below builds the same string from any ASCII part, so a
      // mutant that sends a blank-free name there (negating `joined == null` or a span test) is
      // an equivalent mutant.
      if (joined == null && !tok.nonAscii && dotStart == spanEnd && tok.start == dotEnd) {
        spanEnd = tok.end;
        continue;
      }
      if (joined == null) {
        joined = tok.ascii(spanStart, spanEnd);
      }
      joined = joined + "." + tok.name();
    }
    afterName = k;
    return joined != null ? joined : tok.ascii(spanStart, spanEnd);
  }

  /** Checks the statement ends here; the token, for the scanner to read next. */
  private int endOfStatement(int k) throws PythonSyntaxError {
    if (k == NEWLINE || (k == OP && tok.op == ';')) {
      return k;
    }
    throw PythonSyntaxError.syntax("invalid syntax", tok.tokenLine);
  }
}
