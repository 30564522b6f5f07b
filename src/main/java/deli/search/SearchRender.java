package deli.search;

import deli.core.Console.Output;
import deli.python.PyRepr;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a {@code deli search} session's events into the lines a user reads: the files and
 * lines found, as {@link GrepFormat} prints them, each query's summary, the load on stderr.
 */
final class SearchRender {
  private static final int MAX_PROBLEMS = 20;
  private final SearchSettings settings;
  private final GrepFormat format;
  private final String prefix;

  SearchRender(SearchSettings settings, GrepFormat format) {
    this.settings = settings;
    this.format = format;
    this.prefix = format.prefix();
  }

  Output render(SessionEvent event) {
    if (event instanceof SessionEvent.Progress p) {
      var l = p.progress();
      return Output.warning(
          String.format(Locale.ROOT, "loading: %d of %d files, %s", l.filesDone(), l.filesTotal(), megabytes(l.bytes())));
    }
    if (event instanceof SessionEvent.Loaded l) {
      return new Output(List.of(), loaded(l.loaded()), null);
    }
    if (event instanceof SessionEvent.Scanned s) {
      return new Output(List.of(), scanned(s.scanned()), null);
    }
    if (event instanceof SessionEvent.Reloaded r) {
      return Output.warning(
          String.format(
              Locale.ROOT,
              "shard %d reloaded its %d files in %.3f s",
              r.reloaded().slice(),
              r.reloaded().report().files(),
              (r.reloaded().report().loadNanos() + r.reloaded().report().indexNanos()) / 1e9));
    }
    if (event instanceof SessionEvent.Printing p) {
      p.replyTo().tell(SearchSession.Printed.INSTANCE);
      return Output.none();
    }
    if (event instanceof SessionEvent.Matched m) {
      return Output.lines(matched(m));
    }
    if (event instanceof SessionEvent.Answer a) {
      return answer(a);
    }
    if (event instanceof SessionEvent.Medians m) {
      List<String> lines = new ArrayList<>();
      for (SessionEvent.QueryTimes t : m.queries()) {
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
    SessionEvent.Finished f = (SessionEvent.Finished) event;
    return new Output(List.of(), f.error() == null ? List.of() : List.of("deli search: " + f.error()), f.exitCode());
  }

  private List<String> loaded(TreeEvent.TreeLoaded t) {
    LoadReport r = t.report();
    return summary(
        r,
        t.shards(),
        t.nanos(),
        String.format(
            Locale.ROOT,
            "%s; %s in memory, %.2fx the files' bytes (largest shard %.2fx)",
            r.indexed() ? String.format(Locale.ROOT, " (indexing %.3f s)", r.indexNanos() / 1e9) : "",
            megabytes(r.memoryBytes()),
            r.bytes() == 0 ? 0.0 : (double) r.memoryBytes() / r.bytes(),
            r.largestShardRatio()));
  }

  private List<String> scanned(TreeEvent.TreeScanned t) {
    return summary(t.report(), t.shards(), t.nanos(), ", each searched as it was read and none kept in memory");
  }

  /**
   * What a loaded or scanned tree prints on stderr: the files it could not read, then its line:
   * files and shards, {@code how} it was read, what was unusual.
   */
  private List<String> summary(LoadReport r, int shards, long nanos, String how) {
    List<String> err = problems(r);
    err.add(loadedInto(r, shards, nanos) + how + unusual(r));
    return err;
  }

  /** The start of the line a loaded or scanned tree prints: its files, and into how many shards in how long. */
  private static String loadedInto(LoadReport r, int shards, long nanos) {
    return String.format(
        Locale.ROOT,
        "loaded %d files (%s, %d lines) into %d %s in %.3f s",
        r.files(),
        megabytes(r.bytes()),
        r.lines(),
        shards,
        shards == 1 ? "shard" : "shards",
        nanos / 1e9);
  }

  private List<String> problems(LoadReport r) {
    List<String> err = new ArrayList<>();
    int shown = 0;
    for (ShardCorpus.Problem p : r.problems()) {
      if (shown++ == MAX_PROBLEMS) {
        err.add("... and " + (r.problems().size() - MAX_PROBLEMS) + " more that cannot be read");
        break;
      }
      err.add("cannot read " + prefix + p.path() + ": " + p.reason());
    }
    return err;
  }

  private static String unusual(LoadReport r) {
    return (r.notUtf8() == 0 ? "" : "; " + r.notUtf8() + (r.notUtf8() == 1 ? " file is" : " files are") + " not UTF-8, searched byte for byte")
        + (r.problems().isEmpty() ? "" : "; " + r.problems().size() + " cannot be read");
  }

  private List<String> matched(SessionEvent.Matched m) {
    SearchQuery q = m.query();
    return format.lines(q, format.needsText() ? q.marks() : null, m.hits());
  }

  private Output answer(SessionEvent.Answer a) {
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
            f.query().describe(),
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
