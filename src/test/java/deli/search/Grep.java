package deli.search;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * GNU grep as the oracle: {@code grep -rn} over a tree, byte for byte ({@code LC_ALL=C},
 * {@code -a}), skipping what deli skips, with each line right-stripped as the chapter strips it.
 * Lines come back as {@code path:line:text}, the text's bytes as Latin-1 chars.
 */
final class Grep {
  static final List<String> SKIPPED = List.of(".tox", ".mypy_cache", "__pycache__", ".idea", ".git");

  private Grep() {}

  /**
   * The matching lines, sorted by path then line number; {@code stillMatches} sees the
   * stripped text and drops lines that matched only in their trailing whitespace.
   */
  static List<String> lines(Path root, String include, List<String> flags, String query, Predicate<String> stillMatches)
      throws IOException, InterruptedException {
    return lines(root, include, flags, query, stillMatches, "C");
  }

  /** The same, with grep in {@code locale}: regexes match characters in C.UTF-8, bytes in C. */
  static List<String> lines(
      Path root, String include, List<String> flags, String query, Predicate<String> stillMatches, String locale)
      throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (String rec : run(root, include, flags, query, locale)) {
      int nul = rec.indexOf('\0');
      int colon = rec.indexOf(':', nul);
      String text = rstrip(rec.substring(colon + 1));
      if (stillMatches.test(text)) {
        out.add(relative(root, rec.substring(0, nul)) + ":" + rec.substring(nul + 1, colon) + ":" + text);
      }
    }
    out.sort(BY_PATH_AND_LINE);
    return out;
  }

  /** grep -c: {@code path:count} for the files with matches, sorted by path. */
  static List<String> counts(Path root, String include, List<String> flags, String query) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(flags);
    cmd.add("-c");
    List<String> out = new ArrayList<>();
    for (String rec : run(root, include, cmd, query, "C")) {
      int nul = rec.indexOf('\0');
      String count = rec.substring(nul + 1);
      if (!count.equals("0")) {
        out.add(relative(root, rec.substring(0, nul)) + ":" + count);
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /** grep -l or -L ({@code flags} says which): the files' paths, sorted. */
  static List<String> files(Path root, String include, List<String> flags, String query, String locale)
      throws IOException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (String rec : run(root, include, flags, query, locale, false)) {
      out.add(relative(root, rec));
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  static final Comparator<String> BY_PATH_AND_LINE =
      Comparator.comparing((String s) -> s.substring(0, s.indexOf(':')))
          .thenComparingInt(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf(':', s.indexOf(':') + 1))));

  private static List<String> run(Path root, String include, List<String> flags, String query, String locale)
      throws IOException, InterruptedException {
    return run(root, include, flags, query, locale, true);
  }

  private static List<String> run(Path root, String include, List<String> flags, String query, String locale, boolean numbered)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("grep", numbered ? "-rnaZ" : "-ra", "--include=" + include));
    SKIPPED.forEach(d -> cmd.add("--exclude-dir=" + d));
    cmd.addAll(flags);
    cmd.add("-e");
    cmd.add(query);
    cmd.add(root.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LC_ALL", locale);
    Process p = pb.start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    byte[] out = p.getInputStream().readAllBytes();
    int code = p.waitFor();
    if (code > 1) {
      throw new IllegalStateException("grep failed (" + code + "): " + new String(err.join(), StandardCharsets.UTF_8));
    }
    String all = new String(out, StandardCharsets.ISO_8859_1);
    List<String> recs = new ArrayList<>();
    for (String rec : all.split("\n")) {
      if (!rec.isEmpty()) {
        recs.add(rec);
      }
    }
    return recs;
  }

  private static byte[] readAll(java.io.InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String relative(Path root, String path) {
    String prefix = root.toString() + "/";
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  static String rstrip(String s) {
    int n = s.length();
    while (n > 0 && " \t\r\f\u000b".indexOf(s.charAt(n - 1)) >= 0) {
      n--;
    }
    return s.substring(0, n);
  }

  /** A query as it appears in Latin-1 decoded bytes: its UTF-8 bytes, one char each. */
  static String latin1(String query) {
    return new String(query.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /** deli's answer in grep's shape. */
  static List<String> lines(DirectorySearch.Found found) {
    List<String> out = new ArrayList<>();
    for (FileHits h : found.hits()) {
      for (int i = 0; i < h.returned(); i++) {
        out.add(h.path() + ":" + h.lineNumber(i) + ":" + h.line(i, StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }

  /** The files deli answered, as -l and -L print them. */
  static List<String> paths(DirectorySearch.Found found) {
    return found.hits().stream().map(FileHits::path).toList();
  }

  static List<String> counts(DirectorySearch.Found found) {
    return found.hits().stream().map(h -> h.path() + ":" + h.count()).toList();
  }
}
