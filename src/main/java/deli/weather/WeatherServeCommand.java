package deli.weather;

import deli.core.Flags;
import deli.core.InUse;
import deli.core.Failures;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Session;
import deli.trace.Tracing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code deli weather serve}: a local stand-in for the NWS, for tests and offline use. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves forecast files on 127.0.0.1, with latency and failures on demand.",
      "",
      "A fixture server for deli weather, for tests and offline use: GET /anz531.txt answers "
          + "DIR/anz531.txt (read at each request, so an edited file is served at once), after "
          + "--latency, with the failures --failure-rate and --fault ask for. Without DIR it "
          + "serves deli's samples for the chapter's 13 zones. It prints the URL it serves on; "
          + "Ctrl-C stops it (exit 0) and it says what it served."
    },
    footer = {"", "Example: 'deli weather serve --latency 50ms --fault anz540=404', then 'deli weather --base-url URL' with the URL it prints."})
public final class WeatherServeCommand implements Callable<Integer> {
  /** The settings under {@code deli.weather.serve} the command line sets, and their bounds. */
  public static final Options OPTIONS =
      Options.commandLine(
          "deli.weather.serve",
          Setting.text("dir").flags("DIR"),
          Setting.text("host").flags("--host").help("HOST", "Interface to listen on. Default: 127.0.0.1."),
          Setting.integer("port", 0, 65535).flags("--port")
              .help("N", "Port (0: any free port). Default: 0."),
          Setting.range("latency").flags("--latency")
              .help("DURATION|RANGE", "Added before every answer: 50ms, or a range such as 20ms..80ms. Default: "
                  + "0."),
          Setting.number("failure-rate", new Bounds(0, 1, false)).flags("--failure-rate")
              .help("P", "Chance (0 to 1) that a request is answered 503. Default: 0."),
          Setting.list("faults").flags("--fault")
              .help("CODE=WHAT[*N]", "A fault for one file (repeatable): anz540=404 (a status), anz534=500*2 (the "
                  + "first 2 requests only), anz533=3s (that much later), anz536=cut (half the document, then a broken "
                  + "connection), anz537=moved (a redirect)."),
          Setting.integer("seed").flags("--seed")
              .help("N", "Seed for the latency and failure draws, to repeat a run."));

  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin TraceOptions common;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder of forecast .txt files. Default: deli's samples.")
  Path dir;

  @Override
  public Integer call() {
    var config = flags.load();
    FixtureSettings settings = flags.settings(config, FixtureSettings::from);
    ForecastFiles files = settings.dir().isBlank() ? ForecastFiles.samples() : ForecastFiles.in(Path.of(settings.dir()));
    int count = files.count();
    common.startFlow(config, "cli", System.err);
    return Session.run(root(settings, files, count), config, 0);
  }

  private static Behavior<Void> root(FixtureSettings settings, ForecastFiles files, int count) {
    return Behaviors.setup(
        ctx -> {
          ActorSystem<Void> system = ctx.getSystem();
          SplittableRandom random = new SplittableRandom(settings.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
          FixturePlan plan = new FixturePlan(settings.latency(), settings.failureRate(), settings.faults(), random);
          ActorRef<ForecastOffice.Command> office =
              ctx.spawn(Tracing.traced(ForecastOffice.Command.class, ForecastOffice.create(plan)), "office");
          FixtureServer.bind(system, office, files, settings.host(), settings.port())
              .whenComplete(
                  (binding, failure) -> {
                    if (failure != null) {
                      System.err.println(
                          "deli weather serve: cannot listen on " + settings.host() + ":" + settings.port() + ": " + Failures.describe(failure) + InUse.hint(failure, "--port"));
                      Session.finish(system, 1);
                      return;
                    }
                    binding.addToCoordinatedShutdown(Duration.ofSeconds(2), system);
                    sayWhatWasServed(system, office);
                    String url = "http://" + binding.localAddress().getHostString() + ":" + binding.localAddress().getPort();
                    System.out.println(
                        "serving "
                            + count
                            + (count == 1 ? " forecast" : " forecasts")
                            + " from "
                            + files.describe()
                            + " at "
                            + url
                            + " (latency "
                            + settings.latency()
                            + ", failure rate "
                            + settings.failureRate()
                            + (settings.faults().isEmpty() ? "" : ", faults " + settings.faults())
                            + ")");
                    System.out.println("try: deli weather --base-url " + url);
                    System.out.flush();
                  });
          return Behaviors.empty();
        });
  }

  private static void sayWhatWasServed(ActorSystem<Void> system, ActorRef<ForecastOffice.Command> office) {
    CoordinatedShutdown.get(system)
        .addTask(
            CoordinatedShutdown.PhaseServiceStop(),
            "deli-weather-served",
            () ->
                AskPattern.<ForecastOffice.Command, ForecastOffice.Stats>ask(
                        office, ForecastOffice.GetStats::new, Duration.ofSeconds(2), system.scheduler())
                    .handle(
                        (stats, error) -> {
                          if (stats != null) {
                            System.out.println("deli weather serve: stopped after " + stats.summary());
                            System.out.flush();
                          }
                          return Done.getInstance();
                        })
                    .exceptionally(e -> Done.getInstance()));
  }

}
