package deli.trace;

import com.typesafe.config.Config;
import deli.core.Console.Output;
import deli.core.Flags;
import deli.core.Session;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command has: {@code --trace FILE}, where its flows' messages are traced, and
 * {@code --trace-sample} and {@code --trace-types}, which of them.
 */
public final class TraceOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description =
          "Write every message an actor handles to FILE, one JSON line (a span) each, appended; "
              + "then see it with 'deli trace FILE'. Config: deli.trace.file.")
  Path trace;

  @Option(
      names = "--trace-sample",
      paramLabel = "FRACTION",
      description = "Trace this fraction of flows (0 to 1), all of a flow's messages or none. Default: 1. "
          + "Config: deli.trace.sample.")
  Double sample;

  @Option(
      names = "--trace-types",
      paramLabel = "TYPE",
      split = ",",
      description = "Write only messages of these types (simple class names, comma-separated). Default: all. "
          + "Config: deli.trace.types.")
  List<String> types;

  /**
   * Starts the command's flow: opens the trace log when {@code --trace} or
   * {@code deli.trace.file} asks for one, and returns the flow's trace, sent by {@code edge}.
   */
  public Trace startFlow(Config config, String edge, PrintStream err) {
    Path file = trace;
    if (file == null && !config.getString("deli.trace.file").isBlank()) {
      file = Path.of(config.getString("deli.trace.file"));
    }
    double fraction = sample != null ? sample : config.getDouble("deli.trace.sample");
    if (!(fraction >= 0 && fraction <= 1)) {
      String what = sample != null ? "--trace-sample" : "deli.trace.sample";
      String message = what + " must be a fraction from 0 to 1, not " + fraction;
      throw spec != null ? new ParameterException(spec.commandLine(), message) : new IllegalArgumentException(message);
    }
    TraceLog.sampling(fraction);
    TraceLog.types(types != null ? types : new ArrayList<>(config.getStringList("deli.trace.types")));
    if (file != null) {
      TraceLog.open(file);
    }
    Trace flow = Trace.start(edge);
    if (file != null) {
      String sampled = fraction < 1 ? ", " + fraction + " of flows (this one " + (flow.sampled() ? "traced" : "not traced") + ")" : "";
      err.println("tracing " + flow.id() + " to " + file + sampled + " (draw it: deli trace " + file + ")");
    }
    return flow;
  }

  /** A program a command runs once: its actors from its settings and its flow, telling {@code console} its events. */
  public interface Program<S, E> {
    Behavior<?> create(S settings, Trace flow, ActorRef<E> console);
  }

  /**
   * Runs {@code program} once, as a command that needs nothing but its declared settings does:
   * the flags typed over config, read by {@code read}, its flow traced as asked, its events
   * rendered by {@code render}. Returns the exit code: the program's, 130 after Ctrl-C.
   */
  public <S, E> int runOnce(Flags flags, Function<Config, S> read, String name, Function<E, Output> render, Program<S, E> program) {
    Config config = flags.load();
    S settings = flags.settings(config, read);
    Trace flow = startFlow(config, "cli", System.err);
    return Session.run(Session.oneShot(name, render, console -> program.create(settings, flow, console)), config, 130);
  }
}
