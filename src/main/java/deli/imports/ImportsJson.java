package deli.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A run of {@code deli imports} as JSON: what {@code --json} prints and {@code POST /imports}
 * answers (which adds the trace id and the run's figures).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportsJson(String traceId, String root, Integer searched, Double msPerFile, List<FileJson> files, List<ErrorJson> errors) {

  /** One analyzed file. */
  public record FileJson(String path, List<String> imports, boolean focus) {}

  /** One file not analyzed, and why. */
  public record ErrorJson(String path, String reason) {}

  /** The answer over HTTP: the run, its trace id and its figures. */
  static ImportsJson answer(String traceId, ImportAnalyzer.Report r) {
    return new ImportsJson(traceId, r.root(), r.searched(), r.msPerFile(), files(r), errors(r));
  }

  /** What {@code --json} prints: the run alone. */
  static ImportsJson of(ImportAnalyzer.Report r) {
    return new ImportsJson(null, r.root(), null, null, files(r), errors(r));
  }

  private static List<FileJson> files(ImportAnalyzer.Report r) {
    return r.files().stream().map(f -> new FileJson(f.path(), f.modules(), f.focus())).toList();
  }

  private static List<ErrorJson> errors(ImportAnalyzer.Report r) {
    return r.errors().stream().map(e -> new ErrorJson(e.path(), e.reason())).toList();
  }
}
