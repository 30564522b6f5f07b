package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportsOutputTest {
  static final ImportAnalyzer.Report REPORT =
      new ImportAnalyzer.Report(
          Trace.start("test"),
          "src",
          "typing",
          4,
          List.of(
              new Analysis.Imported("a.py", List.of(), false, List.of()),
              new Analysis.Imported("pkg/b.py", List.of("os", "typing"), true, List.of()),
              new Analysis.Imported("caf\u00e9.py", List.of("caf\u00e9"), false, List.of())),
          List.of(new Analysis.Failed("bad.py", Analysis.Problem.SYNTAX, "SyntaxError: invalid syntax (line 1)")),
          2_000_000,
          1);

  @Test
  void theLinesAreTheChaptersThenTheFailuresThenTheSummary() {
    assertEquals(
        List.of(
            "   a.py set()",
            "-> pkg/b.py {'os', 'typing'}",
            "   caf\u00e9.py {'caf\u00e9'}",
            "!! bad.py SyntaxError: invalid syntax (line 1)",
            "1 not analyzed: 1 does not parse",
            "Searched 4 files in src at 0.500 ms/file"),
        ImportsOutput.lines(REPORT));
  }

  @Test
  void theJsonHasTheIssuesShapeExactly() throws Exception {
    JsonNode j = new ObjectMapper().readTree(ImportsOutput.json(REPORT));
    assertEquals(List.of("root", "files", "errors"), iterable(j.fieldNames()));
    assertEquals("src", j.get("root").asText());
    JsonNode b = j.get("files").get(1);
    assertEquals(List.of("path", "imports", "focus"), iterable(b.fieldNames()));
    assertEquals("pkg/b.py", b.get("path").asText());
    assertEquals("typing", b.get("imports").get(1).asText());
    assertEquals(true, b.get("focus").asBoolean());
    assertEquals("caf\u00e9", j.get("files").get(2).get("imports").get(0).asText());
    JsonNode e = j.get("errors").get(0);
    assertEquals(List.of("path", "reason"), iterable(e.fieldNames()));
    assertEquals("SyntaxError: invalid syntax (line 1)", e.get("reason").asText());
  }

  @Test
  void anEmptyReportIsStillOneValidObject() throws Exception {
    ImportAnalyzer.Report empty = new ImportAnalyzer.Report(Trace.start("t"), "x\"y", "typing", 0, List.of(), List.of(), 0, 1);
    JsonNode j = new ObjectMapper().readTree(ImportsOutput.json(empty));
    assertEquals("x\"y", j.get("root").asText());
    assertEquals(0, j.get("files").size());
    assertEquals(0, j.get("errors").size());
    assertEquals("Searched 0 files in x\"y at 0.000 ms/file", ImportsOutput.summary(empty));
  }

  static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
