package deli.weather;

import deli.core.Flags;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.Durations;
import deli.core.Session;
import deli.trace.Trace;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code deli weather}: the chapter's MarineWX, forecasts fetched concurrently by actors. */
@Command(
    name = "weather",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    subcommands = WeatherServeCommand.class,
    description = {
      "Marine forecasts and their advisories, fetched concurrently (the chapter's MarineWX).",
      "",
      "The chapter's MarineWX and task_main (section \"Использование AsyncIO клиентскими "
          + "программами\"): a ForecastFetcher actor per zone GETs <base-url>/<zone code>.txt "
          + "through Pekko HTTP's connection pool, at most --concurrency at once, and finds the "
          + "advisory with the chapter's pattern. Prints '<zone name> <advisory>' in zone order, "
          + "then 'Got N forecasts in X seconds'.",
      "",
      "A zone that fails says why in its place ('[no forecast: ...]') and the others still "
          + "print; timeouts, broken connections, 5xx, 408 and 429 are retried with backoff. "
          + "Exit code 0 when every zone was fetched, 1 when any failed (0 with --allow-partial "
          + "as long as one was fetched), 2 for a usage error.",
      "",
      "There is no internet? 'deli weather serve' serves forecasts locally."
    },
    footer = {"", "Offline: run 'deli weather serve' in one terminal, then 'deli weather --base-url URL' with the URL it prints."})
public final class WeatherCommand implements Callable<Integer> {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** The settings under {@code deli.weather} the command line sets, and their bounds. */
  public static final Options OPTIONS =
      Options.commandLine(
          "deli.weather",
          Setting.text("zones-file").flags("--zones").type(Path.class)
              .help("FILE", "Zones file: one zone a line, 'CODE [SAME] NAME' ('#' comments). Default: the "
                  + "chapter's 13 Chesapeake Bay zones (--list-zones prints them in this format)."),
          Setting.text("base-url").flags("--base-url")
              .help("URL", "Where the forecasts are: <URL>/<zone code lowercased>.txt. Default: the chapter's NWS "
                  + "folder."),
          Setting.integer("concurrency", 1, WeatherSettings.MAX_CONCURRENCY).flags("--concurrency")
              .help("N", "Zones fetched at once, at most (1 to 1024). Default: 16."),
          Setting.duration("timeout").flags("--timeout")
              .help("DURATION", "How long one request may take, to the document's last byte. Default: 10s."),
          Setting.integer("retries", 0, WeatherSettings.MAX_RETRIES).flags("--retries")
              .help("N", "Retries of a transient failure (0 to 10), with backoff. Default: 2."),
          Setting.duration("backoff").flags("--backoff")
              .help("DURATION", "Wait before the first retry; doubles for each next one, up to "
                  + "deli.weather.backoff-max (5s). Default: 250ms."),
          Setting.bool("allow-partial").flags("--allow-partial")
              .help("Exit 0 when some zones failed, as long as one was fetched."),
          Setting.duration("watch").flags("--watch")
              .help("INTERVAL", "Fetch again every INTERVAL (more than 0) and print only the advisories that "
                  + "changed, until Ctrl-C (exit 0)."));

  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin TraceOptions common;

  @Option(names = {"-q", "--quiet"}, description = "Print only failed zones and the 'Got N forecasts' line.")
  boolean quiet;

  @Option(names = "--list-zones", description = "Print the zones (in the zones-file format) and exit.")
  boolean listZones;

  @Override
  public Integer call() {
    Optional<Duration> watch = flags.given("watch").map(Duration.class::cast);
    if (watch.isPresent() && (watch.get().isZero() || watch.get().isNegative())) {
      throw flags.error("--watch must be more than 0, not " + deli.core.Durations.format(watch.get()));
    }
    var config = flags.load();
    WeatherSettings settings = flags.settings(config, WeatherSettings::from);
    if (listZones) {
      Zones.format(settings.zones()).forEach(System.out::println);
      return 0;
    }
    Trace flow = common.startFlow(config, "cli", System.err);
    if (settings.watch().isZero()) {
      return Session.run(
          Session.<WeatherEvent>oneShot("weather", e -> render(e, settings, quiet), console -> ForecastRound.create(settings, flow, console)),
          config,
          130);
    }
    return Session.run(
        Session.<WeatherEvent>oneShot("weather", e -> render(e, settings, quiet), console -> WeatherWatch.create(settings, flow, console)),
        config,
        0);
  }

  /** The chapter's lines; in watch mode the first round does not end the command. */
  static Output render(WeatherEvent event, WeatherSettings settings, boolean quiet) {
    if (event instanceof ForecastRound.Forecasts f) {
      List<String> lines = new ArrayList<>(f.outcomes().size());
      for (Outcome o : f.outcomes()) {
        if (o instanceof Outcome.Failed || !quiet) {
          lines.add(line(o));
        }
      }
      return Output.lines(lines);
    }
    if (event instanceof ForecastRound.RoundDone done) {
      List<String> out = List.of(String.format(Locale.ROOT, "Got %d forecasts in %.3f seconds", done.fetched(), done.took().toNanos() / 1e9));
      List<String> err = new ArrayList<>();
      boolean watching = !settings.watch().isZero();
      int code = done.failed().isEmpty() || (settings.allowPartial() && done.fetched() > 0) ? 0 : 1;
      if (!done.failed().isEmpty()) {
        err.add("deli weather: " + failureSummary(done, code != 0 && !watching));
      }
      if (watching) {
        err.add("deli weather: watching, fetching again every " + Durations.format(settings.watch()) + " (Ctrl-C stops)");
        return new Output(out, err, null);
      }
      return new Output(out, err, code);
    }
    WeatherWatch.Changed c = (WeatherWatch.Changed) event;
    String at = CLOCK.format(c.at());
    List<String> out = new ArrayList<>();
    List<String> err = new ArrayList<>();
    List<AdvisoryBoard.Change> failing = c.changes().stream().filter(ch -> ch.kind() == AdvisoryBoard.Kind.FAILING).toList();
    boolean oneReason = failing.size() > 3 && failing.stream().map(ch -> ch.failure().detail()).distinct().count() == 1;
    if (oneReason) {
      err.add(at + " " + failing.size() + " zones: no forecast (" + failing.get(0).failure() + "); keeping the last ones");
    }
    for (AdvisoryBoard.Change ch : c.changes()) {
      String name = ch.zone().name();
      if (oneReason && ch.kind() == AdvisoryBoard.Kind.FAILING) {
        continue;
      }
      switch (ch.kind()) {
        case ADVISORY -> out.add(
            at + " " + (ch.after().isEmpty() ? name + (ch.before() == null ? "" : " (no advisory now)") : name + " " + ch.after()));
        case FAILING -> err.add(at + " " + name + ": no forecast (" + ch.failure() + ")" + (ch.before() == null ? "" : "; keeping the last one"));
        case RECOVERED -> err.add(at + " " + name + ": fetched again, no change");
      }
    }
    return new Output(out, err, null);
  }

  /** The chapter's {@code __repr__}: the zone's name and its advisory; or why there is none. */
  static String line(Outcome o) {
    if (o instanceof Outcome.Fetched f) {
      return f.advisory().isEmpty() ? f.zone().name() : f.zone().name() + " " + f.advisory();
    }
    Outcome.Failed failed = (Outcome.Failed) o;
    return failed.zone().name()
        + " [no forecast: "
        + failed.failure()
        + (failed.attempts() > 1 ? ", after " + failed.attempts() + " attempts" : "")
        + "]";
  }

  /** One line about the failed zones: how many, the first few and why, and a hint. */
  static String failureSummary(ForecastRound.RoundDone done, boolean hintPartial) {
    List<Outcome.Failed> failed = done.failed();
    StringBuilder b = new StringBuilder();
    boolean all = failed.size() == done.outcomes().size();
    b.append(all ? "all " + failed.size() : failed.size() + " of " + done.outcomes().size())
        .append(done.outcomes().size() == 1 ? " zone" : " zones")
        .append(" failed from ")
        .append(done.baseUrl());
    boolean sameReason = failed.stream().map(f -> f.failure().detail()).distinct().count() == 1;
    if (sameReason) {
      b.append(": ").append(failed.get(0).failure());
    } else {
      b.append(" (");
      for (int i = 0; i < Math.min(3, failed.size()); i++) {
        b.append(i > 0 ? "; " : "").append(failed.get(i).zone().code()).append(": ").append(failed.get(i).failure());
      }
      b.append(failed.size() > 3 ? "; and " + (failed.size() - 3) + " more)" : ")");
    }
    if (all && failed.stream().allMatch(f -> f.failure().kind() == Failure.Kind.CONNECTION)) {
      b.append(". No network? 'deli weather serve' serves forecasts locally");
    } else if (hintPartial && !all) {
      b.append(". --allow-partial accepts a partial result");
    }
    return b.toString();
  }
}
