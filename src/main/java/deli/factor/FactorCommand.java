package deli.factor;

import deli.core.Flags;
import deli.core.Bounds;
import deli.trace.TraceOptions;
import deli.core.SharedFlags;
import deli.core.DeliException;
import deli.core.Session;
import deli.trace.Trace;
import java.io.FileInputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** {@code deli factor}: the chapter's {@code prime_factors} on a pool, printed as GNU factor prints. */
@Command(
    name = "factor",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Print the prime factors of each number, as GNU factor does (the chapter's prime_factors on a Pool).",
      "",
      "The chapter's Pool.map (section \"Многопроцессные пулы\"): the numbers go in batches to a "
          + "FactorPool, a router of FactorWorker actors on the CPU dispatcher, and come back in input "
          + "order. Numbers come from the arguments, --file, --random, or else stdin (any number per "
          + "line, separated by spaces). Each is printed as 'n: p1 p2 ...', smallest factor first.",
      "",
      "Every number of any size is factored exactly (longs by trial division and Pollard-Brent rho, "
          + "larger ones by rho and the elliptic-curve method); 0 and 1 print with no factors, as GNU "
          + "factor prints them. A bad token (not digits after an optional '+') gets GNU factor's error "
          + "line on stderr, and the rest still comes out.",
      "",
      "Exit codes: 0 every number factored; 1 some input was bad or not factored (each said on "
          + "stderr), or the input could not be read; 2 a usage error."
    },
    footer = {
      "",
      "Examples:",
      "  deli factor 42 97                                 42: 2 3 7, then 97: 97",
      "  deli factor --random 40960 --seed 42 --primes     the chapter's 9-digit primes",
      "  seq 2 100000 | deli factor > factors.txt",
      "  deli factor --file numbers.txt --repeat 20        numbers/s, JIT warm"
    })
public final class FactorCommand implements Callable<Integer> {
  private static final String CHAPTER_RANGE = "100000000..1000000000";
  /** Drawn as they are factored, never held: a bound only against a typo's run of days. */
  private static final long MAX_RANDOM = 1_000_000_000_000L;

  @Mixin Flags flags = new Flags(FactorSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Parameters(paramLabel = "NUMBER", arity = "0..*", description = "Numbers to factor (none: read --file, --random or stdin).")
  List<String> numbers = new ArrayList<>();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the numbers from FILE ('-' is stdin).")
  Path file;

  @Option(
      names = "--random",
      paramLabel = "N",
      description = "Factor N random numbers (0 to 1,000,000,000,000; the chapter's 40960), drawn as Python's random.randint draws them.")
  Long random;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for --random, as Python's random.seed(S): --random 40960 --seed 42 is the chapter's list.")
  Long seed;

  @Option(
      names = "--range",
      paramLabel = "LOW..HIGH",
      description = "Range of --random, both ends included. Default: the chapter's " + CHAPTER_RANGE + ".")
  String range;

  @Option(names = "--primes", description = "Print only the numbers that are prime, one per line (the chapter's '9-digit primes').")
  boolean primes;

  @Mixin SharedFlags.Workers workers;

  @Mixin SharedFlags.Progress progress;

  @Option(names = "--stats", description = "Say on stderr how many numbers were factored, how fast, by how many workers.")
  boolean stats;

  @Mixin SharedFlags.Repeat repeat;

  @Override
  public Integer call() {
    workers.check();
    var config = flags.load();
    FactorSettings settings = flags.settings(config, FactorSettings::from);
    FactorRun.Job job = job(repeat.rounds());
    Trace flow = common.startFlow(config, "cli", System.err);
    boolean primesOnly = primes;
    boolean showStats = stats;
    return Session.run(
        Session.<FactorRun.Event>oneShot("factor", e -> FactorLines.render(e, primesOnly, showStats), console -> FactorRun.create(settings, job, flow, console)),
        config,
        130);
  }

  private FactorRun.Job job(int repeat) {
    int sources = (numbers.isEmpty() ? 0 : 1) + (file == null ? 0 : 1) + (random == null ? 0 : 1);
    if (sources > 1) {
      throw usage("give the numbers one way: as arguments, --file or --random");
    }
    if (random == null && (seed != null || range != null)) {
      throw usage("--seed and --range go with --random");
    }
    boolean bar = progress.on();
    if (random != null) {
      if (!Bounds.of(0, MAX_RANDOM).contains(random)) {
        throw usage("--random must be " + Bounds.of(0, MAX_RANDOM).describe() + ", not " + random);
      }
      long[] lowHigh = range(range == null ? CHAPTER_RANGE : range);
      long s = seed != null ? seed : new java.util.Random().nextLong();
      long n = random;
      return new FactorRun.Job(() -> NumberSource.random(n, s, lowHigh[0], lowHigh[1]), n, repeat, bar);
    }
    if (!numbers.isEmpty()) {
      List<String> given = List.copyOf(numbers);
      return new FactorRun.Job(() -> NumberSource.ofArguments(given), given.size(), repeat, bar);
    }
    if (file != null && !file.toString().equals("-")) {
      Path f = file;
      if (!Files.isReadable(f) || Files.isDirectory(f)) {
        throw new DeliException("cannot read " + f + ": " + (Files.exists(f) ? (Files.isDirectory(f) ? "it is a directory" : "permission denied") : "no such file"));
      }
      return new FactorRun.Job(() -> NumberSource.ofStream(Files.newInputStream(f), size(f)), -1, repeat, bar);
    }
    return new FactorRun.Job(
        () -> {
          FileInputStream in = new FileInputStream(FileDescriptor.in);
          return NumberSource.ofStream(in, stdinSize(in));
        },
        -1,
        repeat,
        bar);
  }

  private long[] range(String text) {
    String[] parts = text.split("\\.\\.", -1);
    if (parts.length != 2) {
      throw usage("--range takes LOW..HIGH, not '" + text + "'");
    }
    long low = rangeEnd(parts[0].strip());
    long high = rangeEnd(parts[1].strip());
    if (high < low) {
      throw usage("--range: " + high + " is below " + low);
    }
    return new long[] {low, high};
  }

  private long rangeEnd(String text) {
    Numbers.Builder end = new Numbers.Builder(1);
    if (!NumberSource.parseInto(text, end)) {
      throw usage("--range: " + NumberSource.refusal(text));
    }
    Numbers n = end.build();
    if (n.isBig(0)) {
      throw usage("--range: " + n + " is too large: at most " + Long.MAX_VALUE);
    }
    return n.get(0);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return 0;
    }
  }

  /** The size of stdin when it is a file ({@code < numbers.txt}), else 0. */
  private static long stdinSize(FileInputStream in) {
    try {
      return in.getChannel().size();
    } catch (IOException e) {
      return 0;
    }
  }

  private ParameterException usage(String message) {
    return flags.error(message);
  }
}
