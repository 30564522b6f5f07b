package deli;

import com.typesafe.config.ConfigException;
import deli.chefs.ChefsCommand;
import deli.core.Cli;
import deli.core.DeliException;
import deli.core.Options;
import deli.cpu.CpuCommand;
import deli.imports.ImportsCommand;
import deli.logclient.LogClientCommand;
import deli.logserver.LogServerCommand;
import deli.factor.FactorCommand;
import deli.node.NodeCommand;
import deli.philosophers.PhilosophersCommand;
import deli.search.SearchCommand;
import deli.sleepers.SleepersCommand;
import deli.trace.TraceCommand;
import deli.trace.TraceLog;
import deli.tune.TuneCommand;
import deli.weather.WeatherCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The deli command line: parses flags and hands each subcommand to its program. Exit codes:
 * 0 success, 1 a runtime failure (one clear line), 2 a usage error (one line), and what a
 * program documents beyond those.
 */
@Command(
    name = "deli",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "The concurrency chapter of a Python book, rebuilt as an actor system on Apache Pekko.",
      "Each command is one of the chapter's programs; 'deli node' runs them all as a service.",
      ""
    },
    commandListHeading = "%nCommands:%n",
    footer = {
      "",
      "Durations are written 250ms, 1s, 1.5s (a bare 0 is zero); random ranges 1s..2s.",
      "Every command takes --trace FILE; 'deli CMD --help' tells more."
    })
public final class Main implements Runnable {
  /** The commands, in the order {@code deli --help} lists them. */
  static final List<Class<?>> COMMANDS =
      List.of(
          ChefsCommand.class,
          SleepersCommand.class,
          CpuCommand.class,
          ImportsCommand.class,
          LogServerCommand.class,
          LogClientCommand.class,
          FactorCommand.class,
          PhilosophersCommand.class,
          SearchCommand.class,
          TuneCommand.class,
          NodeCommand.class,
          WeatherCommand.class,
          TraceCommand.class);

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // Initialise logging before anything logs, or SLF4J replays its start-up warnings.
    LoggerFactory.getILoggerFactory();
    // Source trees, paths and Python's output are UTF-8: print them as UTF-8 whatever the
    // locale (Java 17 otherwise encodes stdout in the locale's charset, ASCII under C/POSIX).
    System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8));
    System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, java.nio.charset.StandardCharsets.UTF_8));
    int code = execute(args);
    TraceLog.close();
    System.exit(code);
  }

  /** Runs the command line and returns the exit code (the tests call this). */
  public static int execute(String... args) {
    CommandLine cli = commandLine(args);
    // @FILE is deli's own (--orders @orders.txt reads the file's lines): picocli must not expand it.
    cli.setExpandAtFiles(false);
    // Numbers in deli's one wording ("--seed must be an integer, not 'abc'"), for every command.
    cli.registerConverter(Long.class, Cli::parseLong);
    cli.registerConverter(Long.TYPE, Cli::parseLong);
    cli.registerConverter(Integer.class, Cli::parseInt);
    cli.registerConverter(Integer.TYPE, Cli::parseInt);
    cli.registerConverter(Double.class, Cli::parseDouble);
    cli.registerConverter(Double.TYPE, Cli::parseDouble);
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionExceptionHandler(Main::runtimeError);
    return cli.execute(args);
  }

  /**
   * deli's command line for {@code args}: when they start with a command's name, only that
   * command is built, since picocli reads every option of every command it is given by
   * reflection (a seventh of {@code deli factor 42}'s start); otherwise ({@code deli},
   * {@code --help}, a name that is no command) all of them, for the list and the error; for
   * {@code --version} alone, none.
   */
  public static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    String first = args.length > 0 ? args[0] : "";
    if (args.length == 1 && (first.equals("--version") || first.equals("-V"))) {
      return cli;
    }
    Class<?> only = COMMANDS.stream().filter(c -> named(c, first)).findFirst().orElse(null);
    for (Class<?> c : COMMANDS) {
      if (only == null || c == only) {
        cli.addSubcommand(Cli.commandLine(c));
      }
    }
    return cli;
  }

  private static boolean named(Class<?> command, String name) {
    Command c = command.getAnnotation(Command.class);
    return c.name().equals(name) || List.of(c.aliases()).contains(name);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "choose a command");
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    String hint = " (see '" + name + " --help')";
    String message = e.getMessage();
    if (e.getCause() instanceof CommandLine.TypeConversionException bad && e.getArgSpec() != null) {
      // picocli's "Invalid value for option '--seed': ..." in deli's wording, the flag as typed.
      String flag =
          e.getArgSpec() instanceof CommandLine.Model.OptionSpec o ? Options.typed(o, java.util.List.of(args)) : e.getArgSpec().paramLabel();
      message = Options.named(bad.getMessage(), flag);
    }
    if (e instanceof CommandLine.MissingParameterException m
        && m.getMissing().size() == 1
        && m.getMissing().get(0) instanceof CommandLine.Model.OptionSpec o) {
      // picocli's "Missing required parameter for option '--root' (DIR)", the flag as typed.
      message = Options.typed(o, java.util.List.of(args)) + " needs a value (" + o.paramLabel() + ")";
    }
    if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      String typed = u.getUnmatched().get(0);
      if (typed.startsWith("-")) {
        // The first unknown option as typed, not picocli's list of every word after it ("Unknown
        // options: '--chefz', '2'": the 2 was its value), and the nearest known one.
        String near = nearest(typed.split("=", 2)[0], u.getSuggestions());
        message = "unknown option '" + typed + "'" + (near == null ? "" : ", did you mean '" + near + "'?");
      } else if (!cmd.getSubcommands().isEmpty()) {
        message = "unknown command '" + typed + "'";
      }
    }
    err.println(name + ": " + message + hint);
    err.flush();
    return 2;
  }

  /** Of picocli's suggestions, the one fewest edits from {@code typed} (the first of equals); null for none. */
  static String nearest(String typed, List<String> suggestions) {
    String best = null;
    int bestEdits = Integer.MAX_VALUE;
    for (String s : suggestions) {
      int edits = edits(typed, s);
      if (edits < bestEdits) {
        best = s;
        bestEdits = edits;
      }
    }
    return best;
  }

  /** Levenshtein's distance: insertions, deletions and substitutions from a to b (a few lines: no library for it). */
  private static int edits(String a, String b) {
    int[] row = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      row[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int diagonal = row[0];
      row[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int above = row[j];
        row[j] = Math.min(Math.min(row[j] + 1, row[j - 1] + 1), diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length()];
  }

  private static int runtimeError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    if (e instanceof DeliException) {
      err.println(name + ": " + e.getMessage());
    } else if (e instanceof ConfigException) {
      err.println(name + ": bad configuration: " + e.getMessage());
    } else {
      err.println(name + ": internal error, please report it: " + e);
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** The version from the build, {@code deli 0.1.0}. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = Main.class.getResourceAsStream("/deli/version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "deli " + p.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + ", Pekko " + p.getProperty("pekko", "unknown")
      };
    }
  }
}
