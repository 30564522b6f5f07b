package deli.logserver;

import deli.core.Flags;
import deli.core.InUse;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.Durations;
import deli.core.Session;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.pekko.Done;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code deli logserver}: the chapter's log catcher, as a Pekko Streams TCP collector. */
@Command(
    name = "logserver",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Collects Python logging.SocketHandler records into one file (the chapter's log_catcher).",
      "",
      "Listens for Python's logging.handlers.SocketHandler (a 4-byte big-endian length, then a "
          + "pickled LogRecord dict) and writes each record as one line of one.log: by default the "
          + "JSON that the chapter's serialize() writes, json.dumps(pickle.loads(payload)), byte for "
          + "byte. Connections are read concurrently; one writer owns the file and writes in "
          + "batches; a slow disk slows the clients through TCP instead of filling memory.",
      "",
      "Prints \"From ('HOST', PORT): N lines\" as each connection closes. Ctrl-C or SIGTERM stops "
          + "it gracefully: no new connections, open ones may finish (--drain-timeout), then the "
          + "file ends with the chapter's {\"lines_collected\": N}, N the record lines in the file. "
          + "A bad client (garbage, an oversized or truncated frame, a pickle that is not a dict or "
          + "that calls Python code, silence) is warned about and closed; no other client loses a "
          + "record. An existing non-empty output file is never overwritten: it is kept as "
          + "one.log.1 (older ones move up), as a rotation does.",
      "",
      "SIGHUP or SIGUSR1 (logrotate's postrotate) reopens the file if it was moved or deleted; a "
          + "moved or deleted file is also noticed at the next write. When the disk is full the server "
          + "stops reading (the clients are held back), says so, and tries again with backoff; no "
          + "partial line is ever written.",
      ""
    })
public final class LogServerCommand implements Callable<Integer> {
  /** The settings under {@code deli.logserver} the command line sets, and their bounds. */
  public static final Options OPTIONS =
      Options.commandLine(
          "deli.logserver",
          Setting.text("host").flags("--host")
              .help("HOST", "Interface to listen on. Default: 127.0.0.1."),
          Setting.integer("port", 0, 65535).flags("--port")
              .help("PORT", "Port (0: any free port, printed). Default: 18842, the chapter's."),
          Setting.text("out").flags("--out")
              .help("FILE", "The output file. Default: one.log, the chapter's."),
          Setting.text("format").flags("--format")
              .help("json|text", "json: the chapter's JSON lines (default); text: lines of --text-format."),
          Setting.text("text-format").flags("--text-format")
              .help("FMT", "A logging.Formatter format for --format text. Default: '%%(asctime)s %%(levelname)-8s "
                  + "%%(name)s: %%(message)s'."),
          Setting.value("rotate-size").flags("--rotate-size")
              .help("SIZE", "Rotate the file when it would pass SIZE (100m, 1g): one.log moves to one.log.1. "
                  + "Default: 0, never."),
          Setting.integer("rotate-keep", 0, 100_000).flags("--rotate-keep")
              .help("N", "Keep N rotated files, deleting older ones (0 to 100,000). Default: 0, keep all."),
          Setting.value("max-frame").flags("--max-frame")
              .help("SIZE", "The largest record accepted; a bigger frame closes its connection. Default: 1MiB."),
          Setting.value("max-record").flags("--max-record")
              .help("SIZE", "The longest line one record may become (a small pickle can share one part many "
                  + "times); a record past it closes its connection. Default: 16MiB."),
          Setting.duration("drain-timeout").flags("--drain-timeout")
              .help("DURATION", "On stop, how long open connections may go on sending before they are cut. "
                  + "Default: 5s."),
          Setting.duration("idle-timeout").flags("--idle-timeout")
              .help("DURATION", "Close a client that sends nothing for this long after connecting, or inside a "
                  + "frame (0: never). Between records a client may stay quiet forever. Default: 10s."),
          Setting.duration("frame-timeout").flags("--frame-timeout")
              .help("DURATION", "Close a client whose frame takes longer than this to arrive, all of it (0: "
                  + "never). Default: 60s."),
          Setting.integer("max-connections", 1, 100_000).flags("--max-connections")
              .help("N", "Connections served at once (1 to 100,000); more wait to be accepted. Default: 1024."));

  @Spec CommandSpec spec;
  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin TraceOptions common;

  @Override
  public Integer call() {
    var config = flags.load();
    LogServerSettings settings = flags.settings(config, LogServerSettings::from);
    java.nio.file.Path dir = settings.out().toAbsolutePath().getParent();
    if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
      throw new deli.core.DeliException("cannot write " + settings.out() + ": no such directory " + dir);
    }
    if (dir != null && !java.nio.file.Files.isWritable(dir)) {
      throw new deli.core.DeliException("cannot write " + settings.out() + ": the directory " + dir + " is not writable");
    }
    // The drain runs in CoordinatedShutdown's service-requests-done phase: give it the time asked for.
    config =
        OPTIONS.load(
            spec,
            Map.of("pekko.coordinated-shutdown.phases.service-requests-done.timeout", Durations.format(settings.drainTimeout().plusSeconds(15))));
    common.startFlow(config, "cli", System.err);
    return Session.run(
        Session.oneShot(
            "logserver",
            LogServerCommand::render,
            console -> Tracing.traced(LogServer.Command.class, LogServer.create(settings, console, false))),
        config,
        0);
  }

  /** The chapter's lines, and deli's warnings on stderr. */
  static Output render(ServerEvent event) {
    if (event instanceof ServerEvent.Listening l) {
      return Output.lines(
          List.of(
              "Serving on " + l.address(),
              "writing " + (l.format().equals("json") ? "JSON" : "text") + " lines to " + l.out()
                  + " (Ctrl-C or SIGTERM stops)"));
    }
    if (event instanceof ServerEvent.ConnectionClosed c) {
      List<String> err = new ArrayList<>();
      if (c.cutAtStop()) {
        err.add("deli logserver: warning: " + c.peer() + " was still connected at the drain deadline and was closed"
            + (c.error() != null ? "; " + c.error().getMessage() : ""));
      } else if (c.error() != null) {
        err.add("deli logserver: warning: closed " + c.peer() + " (" + c.error().reason().key() + "): " + c.error().getMessage());
      }
      return new Output(List.of("From " + c.peer() + ": " + c.lines() + " lines"), err, null);
    }
    if (event instanceof ServerEvent.Draining d) {
      return Output.warning(
          "deli logserver: stopping: no new connections"
              + (d.open() == 0
                  ? ""
                  : "; " + d.open() + (d.open() == 1 ? " open connection" : " open connections") + " may finish within "
                      + Durations.format(d.drain())));
    }
    if (event instanceof ServerEvent.Rotated r) {
      return Output.line(String.format(Locale.ROOT, "rotated %s to %s (%,d lines)", r.from().getFileName(), r.to().getFileName(), r.lines()));
    }
    if (event instanceof ServerEvent.KeptPrevious k) {
      return Output.line("kept the existing " + k.from().getFileName() + " as " + k.to().getFileName());
    }
    if (event instanceof ServerEvent.NotListening n) {
      return new Output(List.of(), List.of("deli logserver: cannot listen on " + n.address() + ": " + n.reason() + InUse.hint(n.reason(), "--port")), 1);
    }
    if (event instanceof ServerEvent.Reopened r) {
      return r.replaced()
          ? Output.line(String.format(Locale.ROOT, "reopened %s: it had been moved or deleted; the old file ends with its %,d lines", r.file().getFileName(), r.lines()))
          : Output.line("reopen: " + r.file().getFileName() + " is still in place, nothing to reopen");
    }
    if (event instanceof ServerEvent.WriterStalled w) {
      return Output.warning(
          "deli logserver: " + w.message() + "; holding the clients back and trying again from " + Durations.format(w.retryIn()));
    }
    if (event instanceof ServerEvent.WriterResumed w) {
      return Output.warning("deli logserver: writing again after " + Durations.format(w.after()));
    }
    if (event instanceof ServerEvent.RecordsDropped d) {
      return Output.warning(
          String.format(Locale.ROOT, "deli logserver: %,d records received were not written: %s; the file ends with its last whole record", d.lines(), d.message()));
    }
    if (event instanceof ServerEvent.WriterFailed f) {
      return new Output(List.of(), List.of("deli logserver: " + f.message()), 1);
    }
    ServerEvent.Stopped s = (ServerEvent.Stopped) event;
    s.ack().tell(Done.getInstance()); // the lines below are printed before this actor can be stopped
    ServerStats st = s.stats();
    List<String> lines = new ArrayList<>();
    lines.add("{'lines_collected': " + st.lines() + "}");
    lines.add(
        "deli logserver: " + count(st.lines(), "line") + " in " + st.out()
            + (st.files() > 1 ? " and " + count(st.files() - 1, "rotated file") : "")
            + " from " + count(st.connections(), "connection") + ", "
            + String.format(Locale.ROOT, "%,d", st.badInputs()) + " closed for bad input");
    return Output.lines(lines);
  }

  /** {@code 1 line}, {@code 5,633 lines}: deli's own summaries speak English (the chapter's "From ...: 1 lines" stays as Python prints it). */
  static String count(long n, String noun) {
    return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
  }
}
