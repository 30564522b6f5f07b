package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImportScannerTest {
  static Stream<ImportCorpus.Case> corpus() {
    return ImportCorpus.cases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachTrickyFileGivesWhatCPythonsAstGives(ImportCorpus.Case c) throws Exception {
    if (c.modules() != null) {
      assertEquals(c.modules(), ImportScanner.scan(c.source(), false).modules());
    } else {
      PythonSyntaxError e = assertThrows(PythonSyntaxError.class, () -> ImportScanner.scan(c.source(), false));
      assertEquals(c.problem() == Analysis.Problem.DECODE ? PythonSyntaxError.Kind.DECODE : PythonSyntaxError.Kind.SYNTAX, e.kind(), e.reason());
    }
  }

  static Set<String> modules(String source) throws PythonSyntaxError {
    return ImportScanner.scan(source.getBytes(StandardCharsets.UTF_8), false).modules();
  }

  static PythonSyntaxError refused(String source) {
    return assertThrows(PythonSyntaxError.class, () -> modules(source));
  }

  @Test
  void failuresAreWordedAsCPythonWordsThemWithTheLine() {
    assertEquals(
        "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? (line 2)",
        refused("import a\nprint 'x'\n").reason());
    assertEquals("IndentationError: unexpected indent (line 2)", refused("import a\n  import b\n").reason());
    assertEquals("TabError: inconsistent use of tabs and spaces in indentation (line 3)", refused("if x:\n\tif y:\n        a\n").reason());
    assertEquals("SyntaxError: '(' was never closed (line 1)", refused("x = (1,\n2\n").reason());
    assertEquals("SyntaxError: unterminated triple-quoted string literal (detected at line 2) (line 1)", refused("'''\n\n").reason());
    assertEquals("SyntaxError: invalid digit '8' in octal literal (line 1)", refused("x = 0o8\n").reason());
    assertEquals(
        "SyntaxError: trailing comma not allowed without surrounding parentheses (line 1)", refused("from a import b,\n").reason());
    assertEquals("SyntaxError: unknown encoding: nope", refused("# coding: nope\n").reason());
    assertEquals("ValueError: source code string cannot contain null bytes", refused("\0").reason());
  }

  @Test
  void anAliasMustBeANameAndACommaBeforeASemicolonIsPlainInvalidSyntaxAsInCPython() {
    // CPython 3.11's ast.parse, each: "invalid syntax" at line 1. Only a comma that ends the
    // line gets the trailing-comma message.
    for (String s :
        List.of(
            "import os as 3\n",
            "import os as class\n",
            "from os import path as 3\n",
            "from os import path as def\n",
            "from a import b,;\n",
            "from a import b, ; pass\n")) {
      assertEquals("SyntaxError: invalid syntax (line 1)", refused(s).reason(), s);
    }
    assertEquals(
        "SyntaxError: trailing comma not allowed without surrounding parentheses (line 1)",
        refused("from a import b, # c\n").reason());
    assertEquals(
        "SyntaxError: trailing comma not allowed without surrounding parentheses (line 1)",
        refused("from a import b,").reason());
  }

  @Test
  void aDottedNameWithNonAsciiPartsKeepsEachPartAsCPythonDoes() throws Exception {
    assertEquals(Set.of("a.\u00e9"), modules("import a.\u00e9\n"));
    assertEquals(Set.of("\u00e9.a.b"), modules("import \u00e9.a.b\n"));
    assertEquals(Set.of("a.\u00e9.c"), modules("import a .\u00e9. c\n"));
  }

  @Test
  void referencesKeepEachStatementsDotsModuleAndNamesForTheGraph() throws Exception {
    List<Analysis.Reference> refs =
        ImportScanner.scan("import a.b as c\nfrom ..m import (x, y as z)\nfrom . import w\nfrom p import *\n".getBytes(StandardCharsets.UTF_8), true)
            .references();
    assertEquals(
        List.of(
            new Analysis.Reference(0, "a.b", List.of()),
            new Analysis.Reference(2, "m", List.of("x", "y")),
            new Analysis.Reference(1, null, List.of("w")),
            new Analysis.Reference(0, "p", List.of("*"))),
        refs);
  }

  @Test
  void aDottedNameWrittenWithBlanksOrContinuationsIsJoined() throws Exception {
    assertEquals(Set.of("a.b.c", "d.e"), modules("import a . b .\\\n c\nfrom d. e import f\n"));
  }

  @Test
  void onlyTheFirstTwoLinesCanDeclareAnEncoding() throws Exception {
    byte[] third = "#\n#\n# coding: latin-1\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(PythonSyntaxError.Kind.DECODE, assertThrows(PythonSyntaxError.class, () -> ImportScanner.scan(third, false)).kind());
    byte[] afterCode = "import a\n# coding: latin-1\nx = 'caf\u00e9'\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThrows(PythonSyntaxError.class, () -> ImportScanner.scan(afterCode, false));
    byte[] second = "\n# coding: latin-1\nimport caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(Set.of("caf\u00e9"), ImportScanner.scan(second, false).modules());
  }

  @Test
  void aHundredLevelsOfIndentationAreTooManyButNinetyNineAreFine() throws Exception {
    StringBuilder ok = new StringBuilder();
    for (int i = 0; i < 99; i++) {
      ok.append(" ".repeat(i)).append("if x:\n");
    }
    assertEquals(Set.of("deep"), modules(ok + " ".repeat(99) + "import deep\n"));
    StringBuilder tooDeep = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      tooDeep.append(" ".repeat(i)).append("if x:\n");
    }
    assertTrue(refused(tooDeep + " ".repeat(100) + "pass\n").reason().contains("too many levels of indentation"));
  }

  @Test
  void twoHundredNestedBracketsAreFineAndOneMoreIsNot() throws Exception {
    assertEquals(Set.of(), modules("x = " + "(".repeat(200) + ")".repeat(200) + "\n"));
    assertTrue(refused("x = " + "(".repeat(201) + ")".repeat(201) + "\n").reason().contains("too many nested parentheses"));
  }
}
