package deli.imports;

import deli.trace.TraceOptions;
import deli.core.Flags;
import deli.core.Console.Output;
import deli.core.DeliException;
import deli.core.Session;
import deli.trace.Trace;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deli imports}: the chapter's find_imports, as actors. */
@Command(
    name = "imports",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Lists the modules every Python file in a tree imports (the chapter's find_imports).",
      "",
      "The chapter's futures (section \"Фьючерсы\"): a walker finds the files while workers on "
          + "the CPU dispatcher read and scan them, gathered as they complete. The scanner agrees "
          + "with CPython 3.11's ast: 'import a.b as c' gives a.b, 'from x.y import z' gives x.y, "
          + "'from .m import z' gives m, 'from . import z' nothing; at any depth, never in "
          + "comments or strings. Files CPython would not decode or parse are reported with the "
          + "reason and counted apart; they never stop the run.",
      "",
      "Prints one line per file, sorted by path: '-> ' when it imports the focus module, the "
          + "path, the set of modules; then 'Searched N files in DIR at X ms/file'. Exit code 0 "
          + "even when some files do not parse."
    })
public final class ImportsCommand implements Callable<Integer> {
  @Mixin Flags flags = new Flags(ImportsSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "The tree to analyze. Default: the current directory.")
  String dir;

  @Option(
      names = "--pattern",
      paramLabel = "GLOB",
      description = "Which files, by name, as a shell pattern (fnmatch). Default: '*.py'.")
  String pattern;

  @Option(
      names = "--json",
      description =
          "Print one JSON object instead of the lines: {\"root\", \"files\": [{\"path\", \"imports\", "
              + "\"focus\"}], \"errors\": [{\"path\", \"reason\"}]}. The summary goes to stderr.")
  boolean json;

  @Option(
      names = "--graph",
      arity = "0..1",
      fallbackValue = "dot",
      paramLabel = "dot|mermaid",
      description =
          "Print the import graph of the tree's own modules instead of the lines, as Graphviz DOT "
              + "(the default) or Mermaid. The summary goes to stderr.")
  String graph;

  @Override
  public Integer call() {
    ImportGraph.Format format = null;
    boolean fromGraph = false;
    if (graph != null) {
      try {
        format = ImportGraph.Format.parse(graph);
      } catch (IllegalArgumentException e) {
        if (dir != null) {
          throw flags.error(e.getMessage());
        }
        dir = graph; // '--graph DIR': picocli took the directory for the format
        fromGraph = true;
        format = ImportGraph.Format.DOT;
      }
    }
    if (json && format != null) {
      throw flags.error("give --json or --graph, not both");
    }
    Map<String, Object> worked = new HashMap<>();
    if (fromGraph) {
      worked.put("deli.imports.dir", dir);
    }
    // The graph keeps each import statement: on exactly when this run draws one.
    worked.put("deli.imports.graph", format != null);
    var config = flags.load(worked);
    ImportsSettings settings = flags.settings(config, ImportsSettings::from);
    Path root = Path.of(settings.dir());
    if (!Files.exists(root)) {
      throw new DeliException("no such directory: " + settings.dir());
    }
    if (!Files.isDirectory(root)) {
      throw new DeliException(settings.dir() + " is not a directory");
    }
    if (!Files.isReadable(root)) {
      throw new DeliException("cannot read the directory " + settings.dir() + ": permission denied");
    }
    Mode mode = new Mode(json, format, format != null ? ImportGraph.packagePrefix(root) : "", System.console() != null);
    Trace flow = common.startFlow(config, "cli", System.err);
    // UTF-8 whatever the locale, as Python 3 writes under a C locale (PEP 538), and as JSON must be.
    PrintStream out = deli.core.Console.stdout();
    return Session.run(
        Session.oneShot(
            "imports",
            (ImportAnalyzer.Event e) -> render(e, mode),
            console -> ImportAnalyzer.create(settings, flow, console),
            out,
            System.err),
        config,
        130);
  }

  /** How to print: lines, JSON or a graph (with the package that holds the root), and progress. */
  record Mode(boolean json, ImportGraph.Format graph, String packagePrefix, boolean progress) {}

  static Output render(ImportAnalyzer.Event event, Mode mode) {
    if (event instanceof ImportAnalyzer.Progress p) {
      if (!mode.progress()) {
        return Output.none();
      }
      return Output.warning(
          String.format(Locale.ROOT, "... %,d of %,d files analyzed%s", p.analyzed(), p.found(), p.walked() ? "" : " (still walking)"));
    }
    if (event instanceof ImportAnalyzer.RoundDone d) {
      return Output.warning(
          String.format(
              Locale.ROOT, "run %d: %d files at %.3f ms/file", d.round(), d.searched(), d.searched() == 0 ? 0 : d.nanos() / 1e6 / d.searched()));
    }
    ImportAnalyzer.Report r = (ImportAnalyzer.Report) event;
    if (!mode.json() && mode.graph() == null) {
      return Output.end(ImportsOutput.lines(r), 0);
    }
    String body =
        mode.json() ? ImportsOutput.json(r) : ImportGraph.of(r, mode.packagePrefix()).render(mode.graph()).stripTrailing();
    List<String> err = new ArrayList<>();
    if (!r.errors().isEmpty()) {
      err.add(ImportsOutput.problems(r.errors()));
    }
    err.add(ImportsOutput.summary(r));
    return new Output(List.of(body), err, 0);
  }
}
