package deli.trace;

import deli.core.Bounds;
import deli.core.DeliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deli trace}: draws the message sequence of one trace from trace logs. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Draws one trace's messages between actors (Mermaid or SVG), sums it up, or exports it.",
      "",
      "Draws the messages of one trace, as written by any command's --trace FILE: one lifeline "
          + "per actor, one arrow per message, in time order. Give several files (one per "
          + "cluster node) to see a trace across nodes.",
      "",
      "Without --trace-id it draws the last trace in the files (the latest run). --stats sums the "
          + "trace up; --format chrome, zipkin or otlp exports its spans for Perfetto, Zipkin, Jaeger or Tempo."
    })
public final class TraceCommand implements Callable<Integer> {
  private static final Bounds LIMIT = Bounds.of(1, 1_000_000);

  @Spec CommandSpec spec;
  /** The formats {@code --format} takes. */
  public enum Format {
    mermaid,
    svg,
    chrome,
    zipkin,
    otlp
  }

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace logs (JSON lines).")
  List<Path> files;

  @Option(names = "--trace-id", paramLabel = "ID", description = "The trace to draw. Default: the last one.")
  String traceId;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "mermaid (text), svg, chrome (Trace Event Format: Perfetto, chrome://tracing), zipkin (Zipkin v2 JSON) "
          + "or otlp (OTLP JSON: Jaeger, Grafana Tempo). Default: mermaid.")
  Format format = Format.mermaid;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the diagram here instead of stdout.")
  Path output;

  @Option(names = "--list", description = "List the traces in the files (id, messages, first time) instead.")
  boolean list;

  @Option(names = "--details", description = "Label arrows with the messages' contents, not only their types.")
  boolean details;

  @Option(names = "--stats", description = "Sum the trace up: per actor, messages in and out, mailbox wait and handling time; "
      + "per message type, counts; the critical path.")
  boolean stats;

  @Option(names = "--span", paramLabel = "ID", description = "Only the messages under this span (itself included).")
  String span;

  @Option(names = "--times", description = "Say on each arrow when its handling began, how long it waited and took.")
  boolean times;

  @Option(names = "--limit", paramLabel = "N", description = "Draw at most N messages (1 to 1,000,000). Default: 1000.")
  int limit = 1000;

  @Override
  public Integer call() throws IOException {
    if (!LIMIT.contains(limit)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--limit must be " + LIMIT.describe() + ", not " + limit);
    }
    TraceLine.Read read = TraceLine.read(files);
    if (read.lines().isEmpty()) {
      throw new DeliException("no trace lines in " + files + (read.skipped() > 0 ? " (" + read.skipped() + " other lines)" : ""));
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, TraceLine> first = new LinkedHashMap<>();
    for (TraceLine l : read.lines()) {
      if (!l.traceId().isEmpty()) {
        counts.merge(l.traceId(), 1, Integer::sum);
        first.putIfAbsent(l.traceId(), l);
      }
    }
    if (list) {
      counts.forEach((id, n) -> System.out.println(id + "  " + n + " messages  from " + first.get(id).time()));
      return 0;
    }
    String id = traceId;
    if (id == null) {
      id = read.lines().get(read.lines().size() - 1).traceId();
    } else if (!counts.containsKey(id)) {
      throw new DeliException(
          "no trace " + id + " in " + files + "; traces there: " + String.join(", ", counts.keySet().stream().limit(10).toList()));
    }
    String chosen = id;
    List<TraceLine> lines = read.lines().stream().filter(l -> l.traceId().equals(chosen)).toList();
    if (span != null) {
      lines = TraceStats.subtree(lines, id, span);
      if (lines.isEmpty()) {
        throw new DeliException("no span " + span + " in trace " + id);
      }
    }
    if (stats) {
      print(TraceStats.report(id, lines), null);
      return 0;
    }
    if (format == Format.chrome || format == Format.zipkin || format == Format.otlp) {
      if (TraceExport.spans(lines).isEmpty()) {
        throw new DeliException("trace " + id + " has no spans to export (its lines were written before spans)");
      }
      java.io.StringWriter out = new java.io.StringWriter();
      switch (format) {
        case chrome -> TraceExport.chrome(lines, out);
        case zipkin -> TraceExport.zipkin(lines, out);
        default -> TraceExport.otlp(lines, out);
      }
      print(out.append('\n').toString(), "trace " + id + ": " + TraceExport.spans(lines).size() + " spans");
      return 0;
    }
    TraceDiagram d = TraceDiagram.of(lines, id, limit, details, times);
    String text = format == Format.svg ? d.svg() : d.mermaid();
    if (output != null) {
      write(text);
      System.err.println("trace " + id + ": " + d.arrows().size() + " messages, " + d.lifelines().size() + " actors, written to " + output);
    } else {
      System.out.print(text);
    }
    return 0;
  }

  private void print(String text, String what) {
    if (output != null) {
      write(text);
      if (what != null) {
        System.err.println(what + ", written to " + output);
      }
    } else {
      System.out.print(text);
    }
  }

  /** Writes {@code text} to {@code -o}'s file; a path that cannot be written is the user's to fix: one line. */
  private void write(String text) {
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DeliException("cannot write " + output + ": no such directory " + output.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new DeliException("cannot write " + output + ": " + deli.core.Failures.describe(e));
    }
  }
}
