package deli.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * grep's everyday flags on {@code deli search}, with grep's meaning: which lines a query selects
 * (-w, -v, -e) and how what it finds is printed (-l, -L, -o, -n, -H, -h, --color). Where grep
 * lets a later flag undo an earlier one (-n and --no-line-number, -H and -h, -l and -L), so
 * does deli: the last one typed wins.
 */
public final class GrepOptions {
  @Option(
      names = {"-e", "--regexp"},
      paramLabel = "PATTERN",
      description = "A pattern (repeatable; a line holding any of them matches, as grep -e). With -e, give no QUERY.")
  List<String> patterns = new ArrayList<>();

  @Option(names = {"-w", "--word-regexp"}, description = "Only whole words match: nothing of a word (letter, digit, _) on either side (grep -w).")
  boolean word;

  @Option(names = {"-v", "--invert-match"}, description = "Select the lines that do not match (grep -v).")
  boolean invert;

  @Option(names = {"-o", "--only-matching"}, description = "Print only the matched parts, each on its own line (grep -o).")
  boolean onlyMatching;

  @Option(
      names = {"--color", "--colour"},
      arity = "0..1",
      fallbackValue = "auto",
      preprocessor = GrepOptions.AttachedWhen.class,
      paramLabel = "WHEN",
      description = "Colour matches, file names, line numbers: auto (on a terminal; the default), always or never. GREP_COLORS as grep reads it.")
  String color;

  /**
   * {@code --color} takes its WHEN only as {@code --color=WHEN}, as grep does: a bare
   * {@code --color} is {@code auto}, and the word after it is a query ({@code --color never}
   * searches for "never"), not the option's value.
   */
  static final class AttachedWhen implements picocli.CommandLine.IParameterPreprocessor {
    @Override
    public boolean preprocess(
        java.util.Stack<String> args,
        picocli.CommandLine.Model.CommandSpec command,
        picocli.CommandLine.Model.ArgSpec option,
        java.util.Map<String, Object> info) {
      if (" ".equals(info.get("separator"))) {
        args.push("auto");
      }
      return false;
    }
  }

  // Where grep lets a later flag undo an earlier one, the flags are fields (picocli lists
  // fields in the order declared, methods in no fixed order) and the last one typed is found
  // in the parse result.
  @Option(names = {"-l", "--files-with-matches"}, description = "Print only the names of files with a selected line (grep -l).")
  boolean filesWithMatches;

  @Option(names = {"-L", "--files-without-match"}, description = "Print only the names of files without a selected line (grep -L).")
  boolean filesWithoutMatch;

  @Option(names = {"-n", "--line-number"}, description = "Print each line's number (the default).")
  boolean lineNumbers;

  @Option(names = "--no-line-number", description = "Print no line numbers.")
  boolean noLineNumbers;

  @Option(names = {"-H", "--with-filename"}, description = "Print each line's file name (the default).")
  boolean withFilename;

  @Option(names = {"-h", "--no-filename"}, description = "Print no file names (grep -h; --help is deli's help).")
  boolean noFilename;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * Of {@code flags} (each flag's longest name), the one typed last; null when none was.
   */
  private String last(String... flags) {
    List<String> wanted = List.of(flags);
    String last = null;
    for (ArgSpec arg : spec.commandLine().getParseResult().matchedArgs()) {
      if (arg instanceof OptionSpec o && wanted.contains(o.longestName())) {
        last = o.longestName();
      }
    }
    return last;
  }

  /**
   * How to print: for {@code root}, with -c asked for or not, in colour when {@code --color}
   * says so ({@code auto}: when {@code terminal}), with {@code grepColors} (GREP_COLORS) read as grep reads it.
   */
  GrepFormat format(String root, boolean count, boolean terminal, String grepColors) {
    String when = color == null ? "auto" : color;
    boolean colour =
        switch (when) {
          case "always", "yes", "force" -> true;
          case "never", "no", "none" -> false;
          case "auto", "tty", "if-tty" -> terminal;
          default -> throw new IllegalArgumentException("--color must be auto, always or never, not '" + color + "'");
        };
    String listing = last("--files-with-matches", "--files-without-match");
    GrepFormat.Mode mode =
        listing != null
            ? (listing.equals("--files-with-matches") ? GrepFormat.Mode.FILES_WITH : GrepFormat.Mode.FILES_WITHOUT)
            : count ? GrepFormat.Mode.COUNT : onlyMatching ? GrepFormat.Mode.ONLY_MATCHING : GrepFormat.Mode.LINES;
    boolean names = !"--no-filename".equals(last("--with-filename", "--no-filename"));
    boolean numbers = !"--no-line-number".equals(last("--line-number", "--no-line-number"));
    return new GrepFormat(mode, names, numbers, colour ? GrepFormat.Colors.of(grepColors) : null, GrepFormat.prefixOf(root));
  }

  /** The queries given: the QUERY parameters, or with -e the one query that holds every pattern. */
  List<String> given(List<String> queries) {
    if (patterns.isEmpty()) {
      return queries;
    }
    if (!queries.isEmpty()) {
      throw new IllegalArgumentException(
          "with -e, give every pattern with -e: '" + queries.get(0) + "' is not one (the tree to search is --root DIR)");
    }
    return List.of(patterns.get(0));
  }

  /** Each text as a query with the settings' options and these flags, printed as {@code format} prints it. */
  Function<String, SearchQuery> form(SearchSettings s, GrepFormat format) {
    List<String> also = patterns.size() > 1 ? List.copyOf(patterns.subList(1, patterns.size())) : List.of();
    boolean countOnly = !format.needsText();
    boolean without = format.mode() == GrepFormat.Mode.FILES_WITHOUT;
    return text ->
        new SearchQuery(text, also, s.ignoreCase(), s.regex(), word, invert, countOnly, without, s.limit(), Integer.MAX_VALUE);
  }
}
