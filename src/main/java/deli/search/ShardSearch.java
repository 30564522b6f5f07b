package deli.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one query over one shard's memory, never the disk. A plain query (either case) is a
 * bounded {@link Needle} search over the whole text, or over only the spans the index allows
 * when there is one; a regex runs line by line. Lines are found through the shard's line
 * table, so a match costs a few array reads; the text of a matching line is copied out once.
 */
final class ShardSearch {
  private final ShardCorpus c;
  private final SearchQuery q;
  private final Needle needle;
  private final byte[] needleBytes;
  private final Pattern pattern;
  private final int m;
  private int budget;
  private long matched;
  private final List<FileHits> hits = new ArrayList<>();
  /** The current file's matching lines that come back with text, and where each ends once stripped. */
  private final ShardCorpus.Ints fileLines = new ShardCorpus.Ints(256);
  private final ShardCorpus.Ints fileEnds = new ShardCorpus.Ints(256);
  /** The scan's place: the file it is in, that file's matches so far, and the line last matched. */
  private int file;
  private int count;
  private int line;
  private boolean fileFull;

  private ShardSearch(ShardCorpus c, SearchQuery q) {
    this.c = c;
    this.q = q;
    this.pattern = q.pattern();
    this.needleBytes = q.text().getBytes(StandardCharsets.UTF_8);
    this.m = needleBytes.length;
    this.needle = pattern != null ? null : new Needle(needleBytes, q.ignoreCase());
    this.budget = q.countOnly() ? 0 : q.maxLines();
  }

  /** Runs {@code q} over {@code c}. */
  static ShardMatches run(ShardCorpus c, SearchQuery q) {
    long start = System.nanoTime();
    ShardSearch s = new ShardSearch(c, q);
    s.all();
    List<FileHits> hits = q.filesWithout() ? s.without() : s.hits;
    return new ShardMatches(c.files(), s.matched, hits, System.nanoTime() - start);
  }

  private void all() {
    if (c.files() == 0) {
      return;
    }
    if (pattern != null || q.invert()) {
      // Line by line: a regex, or lines without a match (grep -v), which no span scan finds.
      for (int f = 0; f < c.files(); f++) {
        scanLines(f);
      }
      return;
    }
    TrigramIndex.Candidates where = c.index == null ? TrigramIndex.All.INSTANCE : c.index.candidates(needleBytes, c.lineStarts);
    file = 0;
    line = c.firstLine[0];
    if (where instanceof TrigramIndex.Lines lines) {
      lines(lines);
    } else if (where instanceof TrigramIndex.Spans spans) {
      for (int r = 0; r < spans.size; r++) {
        span(spans.start[r], spans.end[r]);
      }
    } else {
      span(0, (int) c.bytes());
    }
    fileDone(file, count);
  }

  /** How many candidate lines {@link #lines} reads at once. */
  private static final int BATCH = 16;

  /** Checks each of the candidate lines, ascending: no scan, no line to look up. */
  private void lines(TrigramIndex.Lines lines) {
    byte[] t = c.text;
    int[] ls = lines.lines();
    int n = lines.size();
    int touched = 0;
    for (int from = 0; from < n; from += BATCH) {
      int to = Math.min(n, from + BATCH);
      // Candidate lines are scattered over the text: reading the first byte of a batch of them
      // first lets their cache misses overlap, instead of waiting for each in turn.
      for (int k = from; k < to; k++) {
        touched += t[c.lineStarts[ls[k]]];
      }
      for (int k = from; k < to; k++) {
        check(t, ls[k]);
      }
    }
    sink = touched;
  }

  private void check(byte[] t, int l) {
    if (l >= c.firstLine[file + 1]) {
      fileDone(file, count);
      count = 0;
      fileFull = false;
      file = LineBytes.seek(c.firstLine, file, c.files() - 1, l);
    }
    if (fileFull) {
      return;
    }
    int start = c.lineStarts[l];
    int re = LineBytes.rstrip(t, start, c.lineEnd(file, l));
    if (needleIn(t, start, re) >= 0) {
      count++;
      if (budget > 0) {
        fileLines.add(l);
        fileEnds.add(re);
        budget--;
      }
      fileFull = count == q.perFileLimit();
    }
  }

  /** Where the touched bytes go, so the JIT keeps the reads. */
  @SuppressWarnings("unused")
  private int sink;

  /** Finds the matching lines that lie in {@code text[from, to)}, a span of whole lines. */
  private void span(int from, int to) {
    byte[] t = c.text;
    int p = from;
    while (p < to) {
      int i = needle.find(t, p, to);
      if (i < 0) {
        return;
      }
      if (i >= c.fileStart[file + 1]) {
        fileDone(file, count);
        count = 0;
        fileFull = false;
        file = LineBytes.seek(c.fileStart, file, c.files() - 1, i);
        line = c.firstLine[file];
      }
      if (fileFull) {
        p = c.fileStart[file + 1];
        continue;
      }
      int last = c.firstLine[file + 1] - 1;
      line = LineBytes.seek(c.lineStarts, line, last, i);
      int ls = c.lineStarts[line];
      int re = LineBytes.rstrip(t, ls, c.lineEnd(file, line));
      if (i + m <= re) {
        if (q.word() && !LineBytes.wholeWord(t, i, i + m, ls, re)) {
          // Not a word here: the same line may hold it as a word further on.
          p = i + 1;
          continue;
        }
        count++;
        if (budget > 0) {
          fileLines.add(line);
          fileEnds.add(re);
          budget--;
        }
        if (count == q.perFileLimit()) {
          // This file is done: go on from the next one.
          fileFull = true;
          p = c.fileStart[file + 1];
          continue;
        }
      }
      // The next line: after the newline, or the next file's start when this line had none.
      p = line + 1 <= last ? c.lineStarts[line + 1] : c.fileStart[file + 1];
    }
  }

  /** Selects the lines of file {@code f} one by one: those that match, or with {@code invert} those that do not. */
  private void scanLines(int f) {
    byte[] t = c.text;
    int base = c.fileStart[f];
    int first = c.firstLine[f];
    int last = c.firstLine[f + 1] - 1;
    boolean ascii = c.ascii[f];
    Matcher mt = pattern == null ? null : pattern.matcher(ascii ? new LineBytes.Latin1(t, base, c.fileStart[f + 1] - base) : "");
    int n = 0;
    for (int l = first; l <= last; l++) {
      int ls = c.lineStarts[l];
      int re = LineBytes.rstrip(t, ls, c.lineEnd(f, l));
      boolean found;
      if (mt == null) {
        found = needleIn(t, ls, re) >= 0;
      } else {
        try {
          found = ascii ? mt.region(ls - base, re - base).find() : mt.reset(new String(t, ls, re - ls, StandardCharsets.UTF_8)).find();
        } catch (StackOverflowError e) {
          throw new IllegalArgumentException(
              "the regex is too complex for line " + (l - first + 1) + " of " + c.paths[f] + ": simplify it");
        }
      }
      if (found != q.invert()) {
        n++;
        if (budget > 0) {
          fileLines.add(l);
          fileEnds.add(re);
          budget--;
        }
        if (n == q.perFileLimit()) {
          break;
        }
      }
    }
    fileDone(f, n);
  }

  /** Where the needle first is in the line {@code t[from, to)}, as a whole word when the query says so; -1 if nowhere. */
  private int needleIn(byte[] t, int from, int to) {
    int p = from;
    while (p <= to) {
      int i = needle.find(t, p, to);
      if (i < 0 || !q.word() || LineBytes.wholeWord(t, i, i + m, from, to)) {
        return i;
      }
      p = i + 1;
    }
    return -1;
  }

  /** The files with no line selected, as counts of 0, in the files' order (grep -L). */
  private List<FileHits> without() {
    List<FileHits> out = new ArrayList<>();
    int h = 0;
    for (int f = 0; f < c.files(); f++) {
      if (h < hits.size() && hits.get(h).path().equals(c.paths[f])) {
        h++;
      } else {
        out.add(FileHits.counted(c.paths[f], 0));
      }
    }
    return out;
  }

  private void fileDone(int f, int n) {
    if (n == 0) {
      return;
    }
    matched += n;
    if (q.countOnly()) {
      hits.add(FileHits.counted(c.paths[f], n));
      return;
    }
    byte[] t = c.text;
    int k = fileLines.size();
    int[] numbers = new int[k];
    int[] ends = new int[k];
    int bytes = 0;
    for (int i = 0; i < k; i++) {
      bytes += fileEnds.get(i) - c.lineStarts[fileLines.get(i)];
    }
    byte[] text = new byte[bytes];
    int at = 0;
    int first = c.firstLine[f] - 1;
    for (int i = 0; i < k; i++) {
      int l = fileLines.get(i);
      int ls = c.lineStarts[l];
      int len = fileEnds.get(i) - ls;
      System.arraycopy(t, ls, text, at, len);
      at += len;
      numbers[i] = l - first;
      ends[i] = at;
    }
    fileLines.clear();
    fileEnds.clear();
    hits.add(FileHits.owning(c.paths[f], n, numbers, text, ends));
  }
}
