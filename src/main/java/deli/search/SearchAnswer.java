package deli.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /search}'s answer. {@code missing*} only when some part of the tree did not answer
 * (in a cluster, what the lost slices hold, so a reader knows which files were not searched);
 * {@code counts} for a count-only query, {@code returned}, {@code truncated} and {@code results}
 * otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchAnswer(
    String traceId,
    String query,
    int files,
    long matches,
    int filesMatched,
    double ms,
    boolean complete,
    List<Integer> missingShards,
    Integer missingFiles,
    List<Missing> missing,
    List<FileCount> counts,
    Integer returned,
    Boolean truncated,
    List<Line> results) {

  /** A matching line. */
  public record Line(String file, int line, String text) {}

  /** How many lines of a file match. */
  public record FileCount(String file, int count) {}

  /** A part of the tree no shard answered for: slice {@code slice} of {@code slices}; {@code files} null when unknown. */
  public record Missing(String root, int slice, int slices, Integer files, List<String> examples, String reason) {}

  static SearchAnswer of(String traceId, DirectorySearch.Found f) {
    List<Integer> missingShards = null;
    Integer missingFiles = null;
    List<Missing> missing = null;
    if (!f.complete()) {
      missingShards = f.missing();
      if (!f.missingParts().isEmpty()) {
        missingFiles = f.missingParts().stream().mapToInt(m -> Math.max(0, m.files())).sum();
        missing =
            f.missingParts().stream()
                .map(m -> new Missing(m.root(), m.slice(), m.slices(), m.files() < 0 ? null : m.files(), m.samples(), m.reason()))
                .toList();
      }
    }
    if (f.query().countOnly()) {
      List<FileCount> counts = f.hits().stream().map(h -> new FileCount(h.path(), h.count())).toList();
      return new SearchAnswer(
          traceId, f.query().text(), f.files(), f.lines(), f.hits().size(), f.nanos() / 1e6, f.complete(), missingShards, missingFiles,
          missing, counts, null, null, null);
    }
    List<Line> lines = new ArrayList<>();
    for (FileHits h : f.hits()) {
      for (int i = 0; i < h.returned(); i++) {
        lines.add(new Line(h.path(), h.lineNumber(i), h.line(i)));
      }
    }
    return new SearchAnswer(
        traceId, f.query().text(), f.files(), f.lines(), f.hits().size(), f.nanos() / 1e6, f.complete(), missingShards, missingFiles,
        missing, null, lines.size(), lines.size() < f.lines(), lines);
  }
}
