package deli.search;

import deli.core.Bounds;
import deli.core.Cli;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.DeliException;
import deli.core.Session;
import deli.python.PyRepr;
import deli.trace.Trace;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code deli search}: the chapter's DirectorySearch, as shard actors holding a tree in memory. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Search a source tree held in memory by shard actors (the chapter's DirectorySearch).",
      "",
      "The chapter's DirectorySearch (section \"Очереди\"): the files under --root whose names "
          + "match --pattern are split [i::n] over N SearchShard actors, each loading its slice "
          + "into memory once; each query is broadcast to every shard and their matches gathered. "
          + "Prints each matching line (right-stripped) as PATH:LINE:TEXT in path and line order, "
          + "then the chapter's 'Found N 'q' in F files in X ms'. X is measured in the process, "
          + "from sending the query to holding every shard's matches with their text; printing "
          + "is not part of it.",
      "",
      "With no QUERY, queries are read from stdin, one per line, until it ends. Loading "
          + "progress and the load summary go to stderr. Files that are not UTF-8 are searched "
          + "byte for byte and counted; files that cannot be read are reported and skipped."
    },
    footer = {
      "",
      "Exit codes: 0 done (whether or not anything matched), 1 a query failed or a shard did "
          + "not answer in time, or the root cannot be read, 2 a usage error."
    })
public final class SearchCommand implements Callable<Integer> {
  /**
   * The settings under {@code deli.search} the command line sets. {@code GET /search} takes
   * query parameters of its own (a query, not a loaded tree), read by {@code SearchService}.
   */
  public static final Options OPTIONS =
      Options.of(
          "deli.search",
          Setting.text("root").flags("--root").cliOnly(),
          Setting.text("pattern").flags("--pattern").cliOnly(),
          Setting.list("skip").flags("--skip").cliOnly().fromFlag(SearchCommand::skipNames),
          // 0 in config is one per core; on the command line that is leaving --shards out.
          Setting.integer("shards", 0, SearchSettings.MAX_SHARDS).flags("--shards").cliOnly(),
          Setting.bool("index").flags("--index").cliOnly(),
          Setting.bool("count").flags("-c", "--count").cliOnly(),
          Setting.integer("limit", 0, Integer.MAX_VALUE).flags("-m", "--limit").cliOnly(),
          Setting.bool("ignore-case").flags("-i", "--ignore-case").cliOnly(),
          Setting.bool("regex").flags("-E", "--regex").cliOnly(),
          Setting.integer("repeat", 1, 1_000_000).flags("--repeat").cliOnly(),
          Setting.value("query-timeout").flags("--timeout").cliOnly());

  @Spec CommandSpec spec;
  @Mixin TraceOptions common;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Strings to search for. None: read them from stdin.")
  List<String> queries = new ArrayList<>();

  @Option(names = "--root", paramLabel = "DIR", description = "The tree to search. Default: the current directory.")
  Path root;

  @Option(
      names = "--pattern",
      paramLabel = "GLOB",
      description = "Load files whose names match GLOB (fnmatch, as the chapter's all_source). Default: *.py.")
  String pattern;

  @Option(
      names = "--skip",
      paramLabel = "NAMES",
      split = ",",
      description =
          "Also skip directories with these names (comma-separated fnmatch patterns; repeatable). "
              + ".tox, .mypy_cache, __pycache__, .idea and .git are always skipped.")
  List<String> skip;

  @Option(names = "--shards", paramLabel = "N", description = "Shards holding the tree (1 to 1024). Default: one per core.")
  Integer shards;

  @Option(
      names = "--index",
      description = "Build a trigram index per shard: rare strings then scan a few chunks, not every byte.")
  Boolean index;

  @Option(names = {"-c", "--count"}, description = "Print PATH:COUNT per file with matches instead of the lines (grep -c).")
  Boolean count;

  @Option(
      names = {"-m", "--limit"},
      paramLabel = "N",
      description = "At most N matching lines per file (grep -m); 0: all. Default: 0.")
  Integer limit;

  @Option(names = {"-i", "--ignore-case"}, description = "Letters match in either case (grep -i).")
  Boolean ignoreCase;

  @Option(
      names = {"-E", "--regex"},
      description = "Queries are regular expressions (grep -E; Java's syntax, with [[:alpha:]] and \\< \\> as grep has them).")
  Boolean regex;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Run the queries N times (1 to 1,000,000): lines printed once, timings every time, then the median of the runs after the first "
              + "(which warms the JIT up).")
  Integer repeat;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Cli.DurationConverter.class,
      description = "How long a query waits for every shard. Default: 30s.")
  Duration timeout;

  @Override
  public Integer call() {
    // In config 0 shards is one per core; on the command line that is leaving --shards out.
    if (shards != null && shards < 1) {
      throw OPTIONS.usage(spec, "shards", "must be " + Bounds.of(1, SearchSettings.MAX_SHARDS).describe() + ", not " + shards);
    }
    var config = OPTIONS.load(spec);
    SearchSettings settings = OPTIONS.settings(spec, config, SearchSettings::from);
    try {
      for (String q : queries) {
        settings.query(q);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path dir = Path.of(settings.root());
    if (!Files.isDirectory(dir)) {
      throw new DeliException((Files.exists(dir) ? "not a directory: " : "no such directory: ") + settings.root());
    }
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean interactive = queries.isEmpty() && System.console() != null;
    if (interactive) {
      System.err.println("deli search: type a query per line, Ctrl-D to end");
    }
    Trace flow = common.startFlow(config, "cli", System.err);
    // stdout is ours: one buffer, flushed by the console, UTF-8 whatever the locale says.
    PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
    Render render = new Render(settings);
    SearchSession.Queries given = new SearchSession.Queries(queries, stdin, interactive);
    return Session.run(
        Session.oneShot(
            "search", render::render, console -> SearchSession.create(settings, given, flow, console), out, System.err),
        config,
        130);
  }

  /** {@code --skip} as config holds it: the names stripped, empty ones left out. */
  private static Object skipNames(Object flag) {
    return ((List<?>) flag).stream().map(n -> ((String) n).strip()).filter(n -> !n.isEmpty()).toList();
  }

  /** Turns a session's events into the lines a user reads. */
  static final class Render {
    private static final int MAX_PROBLEMS = 20;
    private final SearchSettings settings;
    private final String prefix;

    Render(SearchSettings settings) {
      this.settings = settings;
      String r = settings.root();
      while (r.length() > 1 && r.endsWith("/")) {
        r = r.substring(0, r.length() - 1);
      }
      this.prefix = r.equals(".") ? "" : r.endsWith("/") ? r : r + "/";
    }

    Output render(SearchSession.Event event) {
      if (event instanceof SearchSession.Progress p) {
        var l = p.progress();
        return Output.warning(
            String.format(Locale.ROOT, "loading: %d of %d files, %s", l.filesDone(), l.filesTotal(), megabytes(l.bytes())));
      }
      if (event instanceof SearchSession.Loaded l) {
        return new Output(List.of(), loaded(l.loaded()), null);
      }
      if (event instanceof SearchSession.Reloaded r) {
        return Output.warning(
            String.format(
                Locale.ROOT,
                "shard %d reloaded its %d files in %.3f s",
                r.reloaded().slice(),
                r.reloaded().report().files(),
                (r.reloaded().report().loadNanos() + r.reloaded().report().indexNanos()) / 1e9));
      }
      if (event instanceof SearchSession.Printing p) {
        p.replyTo().tell(SearchSession.Printed.INSTANCE);
        return Output.none();
      }
      if (event instanceof SearchSession.Matched m) {
        return Output.lines(matched(m));
      }
      if (event instanceof SearchSession.Answer a) {
        return answer(a);
      }
      if (event instanceof SearchSession.Medians m) {
        List<String> lines = new ArrayList<>();
        for (SearchSession.QueryTimes t : m.queries()) {
          List<Long> sorted = t.nanos().stream().sorted().toList();
          List<Long> scans = t.scanNanos().stream().sorted().toList();
          lines.add(
              String.format(
                  Locale.ROOT,
                  "%s: median %.3f ms, min %.3f ms, max %.3f ms over %d runs after the first (the slowest shard's scan: median %.3f ms)",
                  PyRepr.repr(t.query()),
                  median(sorted) / 1e6,
                  sorted.get(0) / 1e6,
                  sorted.get(sorted.size() - 1) / 1e6,
                  sorted.size(),
                  median(scans) / 1e6));
        }
        return Output.lines(lines);
      }
      SearchSession.Finished f = (SearchSession.Finished) event;
      return new Output(List.of(), f.error() == null ? List.of() : List.of("deli search: " + f.error()), f.exitCode());
    }

    private List<String> loaded(DirectorySearch.TreeLoaded t) {
      LoadReport r = t.report();
      List<String> err = new ArrayList<>();
      int shown = 0;
      for (ShardCorpus.Problem p : r.problems()) {
        if (shown++ == MAX_PROBLEMS) {
          err.add("... and " + (r.problems().size() - MAX_PROBLEMS) + " more that cannot be read");
          break;
        }
        err.add("cannot read " + prefix + p.path() + ": " + p.reason());
      }
      err.add(
          String.format(
              Locale.ROOT,
              "loaded %d files (%s, %d lines) into %d %s in %.3f s%s; %s in memory, %.2fx the files' bytes (largest shard %.2fx)%s%s",
              r.files(),
              megabytes(r.bytes()),
              r.lines(),
              t.shards(),
              t.shards() == 1 ? "shard" : "shards",
              t.nanos() / 1e9,
              r.indexed() ? String.format(Locale.ROOT, " (indexing %.3f s)", r.indexNanos() / 1e9) : "",
              megabytes(r.memoryBytes()),
              r.bytes() == 0 ? 0.0 : (double) r.memoryBytes() / r.bytes(),
              r.largestShardRatio(),
              r.notUtf8() == 0 ? "" : "; " + r.notUtf8() + (r.notUtf8() == 1 ? " file is" : " files are") + " not UTF-8, searched byte for byte",
              r.problems().isEmpty() ? "" : "; " + r.problems().size() + " cannot be read"));
      return err;
    }

    private List<String> matched(SearchSession.Matched m) {
      List<String> out = new ArrayList<>();
      for (FileHits h : m.hits()) {
        String path = prefix + h.path();
        if (m.countOnly()) {
          out.add(path + ":" + h.count());
          continue;
        }
        for (int i = 0; i < h.returned(); i++) {
          out.add(path + ":" + h.lineNumber(i) + ":" + h.line(i));
        }
      }
      return out;
    }

    private Output answer(SearchSession.Answer a) {
      if (a.answer() instanceof DirectorySearch.SearchFailed failed) {
        return Output.warning("deli search: " + failed.reason());
      }
      DirectorySearch.Found f = (DirectorySearch.Found) a.answer();
      List<String> out = new ArrayList<>();
      out.add(
          String.format(
              Locale.ROOT,
              "Found %d %s in %d files in %.3f ms",
              f.lines(),
              PyRepr.repr(f.query().text()),
              f.files(),
              a.nanos() / 1e6));
      List<String> err =
          f.complete()
              ? List.of()
              : List.of(
                  "deli search: shards "
                      + f.missing()
                      + " of "
                      + f.shards()
                      + " did not answer within "
                      + deli.core.Durations.format(settings.queryTimeout())
                      + ": the results above are incomplete");
      return new Output(out, err, null);
    }

    static double median(List<Long> sorted) {
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static String megabytes(long bytes) {
      return bytes < 1_000_000
          ? String.format(Locale.ROOT, "%.1f kB", bytes / 1e3)
          : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
  }
}
