package deli.search;

import deli.core.Flags;
import deli.core.Bounds;
import deli.core.Console;
import deli.core.Options;
import deli.core.Setting;
import deli.trace.TraceOptions;
import deli.core.Session;
import deli.trace.Trace;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deli search}: the chapter's DirectorySearch, as shard actors holding a tree in memory. */
@Command(
    name = "search",
    sortOptions = false,
    description = {
      "Search a source tree with shard actors (the chapter's DirectorySearch), with grep's everyday flags.",
      "",
      "Queries given on the command line: the files under --root whose names match --pattern are "
          + "read by N shards at once, each running every query over what it reads and keeping "
          + "only the matching lines; nothing of the tree stays in memory.",
      "",
      "Queries read from stdin (no QUERY: one per line, until it ends), --repeat and --index, "
          + "as the chapter's DirectorySearch (section \"Очереди\"): the tree is split [i::n] over "
          + "N SearchShard actors, each holding its slice in memory; "
          + "each query is broadcast to every shard and their matches gathered.",
      "",
      "Prints each matching line (right-stripped) as PATH:LINE:TEXT in path and line order, "
          + "then the chapter's 'Found N 'q' in F files in X ms' (q as Python's repr writes it). "
          + "X is measured in the process: for a held tree, from sending the query to holding every "
          + "shard's matches; for queries searched as the files are read, the whole scan, the walk "
          + "included. Printing is not part of it. -- ends the flags: what follows is a query even "
          + "if it starts with '-'.",
      "",
      "Loading progress and the load summary go to stderr. Files that are not UTF-8 are searched "
          + "byte for byte and counted; files that cannot be read are reported and skipped."
    },
    footer = {
      "",
      "Exit codes, grep's: 0 a line was selected, 1 none was, 2 an error (a usage error, a root "
          + "that cannot be read, a query that failed or a shard that did not answer in time)."
    })
public final class SearchCommand implements Callable<Integer> {
  /**
   * The settings under {@code deli.search} the command line sets. {@code GET /search} takes
   * query parameters of its own (a query, not a loaded tree), read by {@code SearchService}.
   */
  public static final Options OPTIONS =
      Options.of(
          "deli.search",
          Setting.text("root").flags("--root").cliOnly().type(Path.class)
              .help("DIR", "The tree to search. Default: the current directory."),
          Setting.text("pattern").flags("--pattern").cliOnly()
              .help("GLOB", "Load files whose names match GLOB (fnmatch, as the chapter's all_source). Default: "
                  + "*.py."),
          Setting.list("skip").flags("--skip").cliOnly().fromFlag(SearchCommand::skipNames).more(b -> b.splitRegex(","))
              .help("NAMES", "Also skip directories with these names (comma-separated fnmatch patterns; repeatable). "
                  + ".tox, .mypy_cache, __pycache__, .idea and .git are always skipped."),
          // 0 in config is one per core; on the command line that is leaving --shards out.
          Setting.integer("shards", 0, SearchSettings.MAX_SHARDS).flags("--shards").cliOnly()
              .help("N", "Shards holding the tree (1 to 1024). Default: one per core."),
          Setting.bool("index").flags("--index").cliOnly()
              .help("Build a trigram index per shard: rare strings then scan a few chunks, not every byte."),
          Setting.bool("count").flags("-c", "--count").cliOnly()
              .help("Print PATH:COUNT per file with matches instead of the lines (grep -c)."),
          Setting.integer("limit", 0, Integer.MAX_VALUE).flags("-m", "--limit").cliOnly()
              .help("N", "At most N matching lines per file (grep -m); 0: all. Default: 0."),
          Setting.bool("ignore-case").flags("-i", "--ignore-case").cliOnly()
              .help("Letters match in either case (grep -i)."),
          Setting.bool("regex").flags("-E", "--regex").cliOnly()
              .help("Queries are regular expressions (grep -E; Java's syntax, with [[:alpha:]] and \\< \\> as "
                  + "grep has them)."),
          Setting.integer("repeat", 1, 1_000_000).flags("--repeat").cliOnly()
              .help("N", "Run the queries N times (1 to 1,000,000): lines printed once, timings every time, then "
                  + "the median of the runs after the first (which warms the JIT up)."),
          Setting.duration("query-timeout").flags("--timeout").cliOnly()
              .help("DURATION", "How long a query waits for every shard. Default: 30s."));

  @Mixin Flags flags = new Flags(OPTIONS);
  @Mixin TraceOptions common;
  @Mixin GrepOptions grep;

  @Option(names = "--help", usageHelp = true, description = "Show this help and exit (-h is grep's --no-filename).")
  boolean help;

  @Parameters(paramLabel = "QUERY", arity = "0..*", description = "Strings to search for. None: read them from stdin.")
  List<String> queries = new ArrayList<>();

  @Option(
      names = "--node",
      paramLabel = "URL",
      description = "Send the queries to the running node at URL (its GET /search, over the tree it holds), with DELI_TOKEN as its token if set.")
  java.net.URI node;

  @Override
  public Integer call() {
    // In config 0 shards is one per core; on the command line that is leaving --shards out.
    long shards = flags.given("shards").map(n -> (Long) n).orElse(1L);
    if (shards < 1) {
      throw flags.usage("shards", "must be " + Bounds.of(1, SearchSettings.MAX_SHARDS).describe() + ", not " + shards);
    }
    var config = flags.load();
    SearchSettings settings = flags.settings(config, SearchSettings::from);
    GrepFormat format;
    Function<String, SearchQuery> form;
    List<String> given;
    try {
      format = grep.format(settings.root(), settings.count(), Console.isTerminal(1), System.getenv("GREP_COLORS"));
      form = grep.form(settings, format);
      given = grep.given(queries);
      given.forEach(form::apply);
    } catch (IllegalArgumentException e) {
      throw flags.error(e.getMessage());
    }
    if (node != null) {
      return askNode(settings, format, form, given);
    }
    Path dir = Path.of(settings.root());
    if (!Files.isDirectory(dir)) {
      // grep's exit code for a tree it cannot read.
      System.err.println("deli search: " + (Files.exists(dir) ? "not a directory: " : "no such directory: ") + settings.root());
      return 2;
    }
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    boolean interactive = given.isEmpty() && System.console() != null;
    if (interactive) {
      System.err.println("deli search: type a query per line, Ctrl-D to end");
    }
    Trace flow = common.startFlow(config, "cli", System.err);
    // stdout is ours: one buffer, flushed by the console, UTF-8 whatever the locale says.
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
    SearchRender render = new SearchRender(settings, format);
    SearchSession.Queries asked = new SearchSession.Queries(given, stdin, interactive, form);
    return Session.run(
        Session.oneShot(
            "search", render::render, console -> SearchSession.create(settings, asked, flow, console), out, System.err),
        config,
        130);
  }

  /** The queries, given or read from stdin, sent to the node at {@code --node}. */
  private int askNode(SearchSettings settings, GrepFormat format, Function<String, SearchQuery> form, List<String> given) {
    if (grep.patterns.size() > 1 || format.mode() == GrepFormat.Mode.FILES_WITHOUT) {
      throw flags.error("--node takes one pattern a query and no -L: a node's /search has neither");
    }
    List<String> texts = new ArrayList<>(given);
    if (texts.isEmpty()) {
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).lines().filter(l -> !l.isBlank()).forEach(texts::add);
    }
    List<SearchQuery> asked = new ArrayList<>();
    try {
      texts.forEach(t -> asked.add(form.apply(t)));
    } catch (IllegalArgumentException e) {
      throw flags.error(e.getMessage());
    }
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out, 1 << 16), false, StandardCharsets.UTF_8);
    return new NodeSearch(node, System.getenv("DELI_TOKEN"), settings.queryTimeout()).run(asked, format, out, System.err);
  }

  /** {@code --skip} as config holds it: the names stripped, empty ones left out. */
  private static Object skipNames(Object flag) {
    return ((List<?>) flag).stream().map(n -> ((String) n).strip()).filter(n -> !n.isEmpty()).toList();
  }
}
