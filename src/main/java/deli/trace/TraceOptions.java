package deli.trace;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The option every command has, {@code --trace FILE}: where its flow's messages are traced. */
public final class TraceOptions {
  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write every message an actor receives to FILE, one JSON line each (appended), "
              + "then draw it with 'deli trace FILE'. Config: deli.trace.file.")
  Path trace;

  /**
   * Starts the command's flow: opens the trace log when {@code --trace} or
   * {@code deli.trace.file} asks for one, and returns the flow's trace, sent by {@code edge}.
   */
  public Trace startFlow(Config config, String edge, PrintStream err) {
    Path file = trace;
    if (file == null && !config.getString("deli.trace.file").isBlank()) {
      file = Path.of(config.getString("deli.trace.file"));
    }
    Trace flow = Trace.start(edge);
    if (file != null) {
      TraceLog.open(file);
      err.println("tracing " + flow.id() + " to " + file + " (draw it: deli trace " + file + ")");
    }
    return flow;
  }
}
