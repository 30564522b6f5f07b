package deli.logclient;

import deli.core.Flags;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.Session;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deli logclient}: the chapter's sorting clients, logging over the SocketHandler protocol. */
@Command(
    name = "logclient",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sorting clients that log to a log server (the chapter's logging demo).",
      "",
      "The chapter's demo application as actors: each client has its own TCP connection, like one "
          + "process of the chapter, sorts --workload random lists of 3 to 10 numbers with the chosen "
          + "sorter, and logs the chapter's messages (\"sorting %%d collections\", \"Sorting %%d\", "
          + "\"Sorted %%d items in %%d steps, %%.3f ms\", \"produced %%d entries, taking %%f s\") in "
          + "Python's logging.SocketHandler wire format: pickle protocol 1 records that "
          + "logging.makeLogRecord accepts. Each client sends workload * 2 + 2 records.",
      "",
      "Prints the records sent and the rate. Exit code 1 if a client could not deliver its records."
    })
public final class LogClientCommand implements Callable<Integer> {
  /** The settings under {@code deli.logclient} the command line sets, and their bounds. */
  public static final Options OPTIONS =
      Options.commandLine(
          "deli.logclient",
          Setting.text("host").flags("--host")
              .help("HOST", "The log server's host. Default: 127.0.0.1."),
          Setting.integer("port", 1, 65535).flags("--port")
              .help("PORT", "The log server's port. Default: 18842, the chapter's."),
          Setting.integer("clients", 1, LogClientSettings.MAX_CLIENTS).flags("--clients")
              .help("N", "Clients at once, each with its own connection (1 to 10,000). Default: 128."),
          Setting.integer("workload", 0, 10_000_000).flags("--workload")
              .help("N", "Lists each client sorts (0 to 10,000,000). Default: 10, the chapter's."),
          Setting.text("sorter").flags("--sorter")
              .help("gnome|bogo", "gnome (the chapter's fast one, default) or bogo (tries permutations: up to 3.6 "
                  + "million for 10 numbers)."),
          Setting.integer("seed").flags("--seed")
              .help("N", "Seed for the random lists, to repeat a run."),
          Setting.bool("echo").flags("--echo")
              .help("Also print each message, as the chapter's StreamHandler does (to stderr)."));

  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin TraceOptions common;

  @Override
  public Integer call() {
    var config = flags.load();
    LogClientSettings settings = flags.settings(config, LogClientSettings::from);
    Trace flow = common.startFlow(config, "cli", System.err);
    return Session.run(
        Session.oneShot(
            "clients",
            (LogClients.Event e) -> render(e, settings),
            console -> Tracing.traced(LogClients.Command.class, flow, LogClients.create(settings, flow, console))),
        config,
        130);
  }

  static Output render(LogClients.Event event, LogClientSettings s) {
    if (event instanceof LogClients.Echoed e) {
      return Output.warning(e.line());
    }
    LogClients.AllDone d = (LogClients.AllDone) event;
    double seconds = d.nanos() / 1e9;
    List<String> lines = new ArrayList<>();
    int sent = d.clients() - d.failures().size();
    // When no client got through, "0 records sent by 0 clients" beside the failures says nothing.
    if (sent > 0 || d.failures().isEmpty()) {
      lines.add(
          String.format(
              Locale.ROOT,
              "%,d records sent by %,d %s (workload %d, %s sort) to %s:%d in %.3f s: %,.0f records/s",
              d.records(),
              sent,
              sent == 1 ? "client" : "clients",
              s.workload(),
              s.sorter().name().toLowerCase(Locale.ROOT),
              s.host(),
              s.port(),
              seconds,
              seconds > 0 ? d.records() / seconds : 0.0));
    }
    if (d.failures().isEmpty()) {
      return Output.end(lines, 0);
    }
    // The same reason for many clients is said once, with how many.
    Map<String, Integer> reasons = new LinkedHashMap<>();
    d.failures().forEach(r -> reasons.merge(r, 1, Integer::sum));
    List<String> err = new ArrayList<>();
    reasons.forEach(
        (reason, n) -> err.add("deli logclient: " + (n == 1 ? "1 client" : n + " clients") + " failed: " + reason));
    return new Output(lines, err, 1);
  }
}
