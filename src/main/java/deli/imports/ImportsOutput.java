package deli.imports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code deli imports} prints: the chapter's lines, or one JSON object. */
final class ImportsOutput {
  private ImportsOutput() {}

  /**
   * The chapter's lines, sorted by path: {@code -> } when the file imports the focus module,
   * the path, the set of modules as Python prints a set; then {@code !! path reason} for each
   * file not analyzed, how many of each kind, and {@code Searched N files in DIR at X ms/file}.
   */
  static List<String> lines(ImportAnalyzer.Report r) {
    List<String> out = new ArrayList<>(r.files().size() + r.errors().size() + 2);
    StringBuilder sb = new StringBuilder();
    for (Analysis.Imported f : r.files()) {
      sb.setLength(0);
      sb.append(f.focus() ? "-> " : "   ").append(f.path()).append(' ');
      pythonSet(sb, f.modules());
      out.add(sb.toString());
    }
    for (Analysis.Failed e : r.errors()) {
      out.add("!! " + e.path() + " " + e.reason());
    }
    if (!r.errors().isEmpty()) {
      out.add(problems(r.errors()));
    }
    out.add(summary(r));
    return out;
  }

  /** {@code Searched N files in DIR at X ms/file}. */
  static String summary(ImportAnalyzer.Report r) {
    return String.format(
        Locale.ROOT, "Searched %d %s in %s at %.3f ms/file", r.searched(), r.searched() == 1 ? "file" : "files", r.root(), r.msPerFile());
  }

  /** {@code 9 not analyzed: 4 do not decode, 5 do not parse}. */
  static String problems(List<Analysis.Failed> errors) {
    Map<Analysis.Problem, Integer> counts = new EnumMap<>(Analysis.Problem.class);
    errors.forEach(e -> counts.merge(e.problem(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach(
        (p, n) ->
            parts.add(
                n
                    + switch (p) {
                      case DECODE -> n == 1 ? " does not decode" : " do not decode";
                      case SYNTAX -> n == 1 ? " does not parse" : " do not parse";
                      case READ -> " cannot be read";
                    }));
    return errors.size() + " not analyzed: " + String.join(", ", parts);
  }

  /** Python's repr of a set of names: {@code {'os', 'typing'}}, or {@code set()}. */
  static void pythonSet(StringBuilder sb, List<String> names) {
    if (names.isEmpty()) {
      sb.append("set()");
      return;
    }
    sb.append('{');
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('\'').append(names.get(i)).append('\'');
    }
    sb.append('}');
  }

  /**
   * {@code {"root": ..., "files": [{"path", "imports", "focus"}], "errors": [{"path", "reason"}]}},
   * one file or error per line: {@link ImportsJson}, the record {@code POST /imports} answers too.
   */
  static String json(ImportAnalyzer.Report r) {
    try {
      return WRITER.writeValueAsString(ImportsJson.of(r));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectWriter WRITER = new ObjectMapper().writer(new OnePerLine());

  /** Lays out the top object's lists one item per line, each item on one line. */
  private static final class OnePerLine implements PrettyPrinter {
    private int depth;

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {}

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
      depth++;
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      depth--;
      g.writeRaw('}');
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth == 1 ? ",\n " : ", ");
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw('[');
      depth++;
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      depth--;
      g.writeRaw(depth == 1 && values > 0 ? "\n ]" : "]");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(depth == 2 ? ",\n  " : ", ");
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (depth == 2) {
        g.writeRaw("\n  ");
      }
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) {}
  }
}
