package deli.http;

import com.typesafe.config.Config;
import deli.core.ProgramService;
import deli.imports.Analysis;
import deli.imports.ImportAnalyzer;
import deli.imports.ImportsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /imports}: one analysis of a directory on the node's disk per request. The body
 * takes {@code dir}, {@code pattern} and {@code focus} (the config keys of {@code deli.imports});
 * the answer is {@code deli imports --json}'s object with the trace id and the run's figures.
 */
public final class ImportsRoutes {
  private static final Set<String> KEYS = Set.of("dir", "pattern", "focus");

  private final Edge edge;
  private final Config defaults;
  private final ActorRef<ProgramService.Command> imports;

  public ImportsRoutes(Edge edge, Config config, ActorRef<ProgramService.Command> imports) {
    this.edge = edge;
    this.defaults = config.getConfig("deli.imports");
    this.imports = imports;
  }

  public Route route() {
    return ProgramRoute.<ImportsSettings, ImportAnalyzer.Report>post(
        edge,
        "imports",
        imports,
        defaults,
        KEYS,
        c -> {
          ImportsSettings settings = ImportsSettings.from(c);
          if (!Files.isDirectory(Path.of(settings.dir()))) {
            throw new BadRequest("no such directory: " + settings.dir());
          }
          return settings;
        },
        ImportsRoutes::answer);
  }

  /** One analyzed file in an answer, as {@code --json} writes it. */
  record FileJson(String path, List<String> imports, boolean focus) {}

  record ErrorJson(String path, String reason) {}

  private static Object answer(String traceId, ImportAnalyzer.Report r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("traceId", traceId);
    out.put("root", r.root());
    out.put("searched", r.searched());
    out.put("msPerFile", r.msPerFile());
    out.put("files", r.files().stream().map(f -> new FileJson(f.path(), f.modules(), f.focus())).toList());
    out.put("errors", r.errors().stream().map(ImportsRoutes::error).toList());
    return out;
  }

  private static ErrorJson error(Analysis.Failed f) {
    return new ErrorJson(f.path(), f.reason());
  }
}
