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
  /**
   * Past this share of the text, the index's spans are scanned as one: many short spans cost
   * more (a search started per span, memory read out of order) than streaming through it all.
   */
  static final double DENSE_SPANS = 0.30;

  private final ShardCorpus c;
  private final SearchQuery q;
  private final Needle needle;
  private final byte[] needleBytes;
  private final Pattern pattern;
  private final int m;
  private int budget;
  private long matched;
  private final List<FileHits> hits = new ArrayList<>();
  private final ShardCorpus.Ints fileLines = new ShardCorpus.Ints(256);
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
    return new ShardMatches(c.files(), s.matched, s.hits, System.nanoTime() - start);
  }

  private void all() {
    if (c.files() == 0) {
      return;
    }
    if (pattern != null) {
      for (int f = 0; f < c.files(); f++) {
        scanRegex(f);
      }
      return;
    }
    TrigramIndex.Ranges ranges = c.index == null ? null : c.index.candidates(needleBytes);
    file = 0;
    line = c.firstLine[0];
    if (ranges == null || ranges.bytes() > DENSE_SPANS * c.bytes()) {
      span(0, (int) c.bytes());
    } else {
      for (int r = 0; r < ranges.size; r++) {
        span(ranges.start[r], ranges.end[r]);
      }
    }
    fileDone(file, count);
  }

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
        file = seek(c.fileStart, file, c.files() - 1, i);
        line = c.firstLine[file];
      }
      if (fileFull) {
        p = c.fileStart[file + 1];
        continue;
      }
      int last = c.firstLine[file + 1] - 1;
      line = seek(c.lineStarts, line, last, i);
      int ls = c.lineStarts[line];
      int le = c.lineEnd(file, line);
      if (i + m <= rstrip(t, ls, le)) {
        count++;
        if (budget > 0) {
          fileLines.add(line);
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

  private void scanRegex(int f) {
    byte[] t = c.text;
    int base = c.fileStart[f];
    int first = c.firstLine[f];
    int last = c.firstLine[f + 1] - 1;
    boolean ascii = c.ascii[f];
    Matcher mt = pattern.matcher(ascii ? new Latin1(t, base, c.fileStart[f + 1] - base) : "");
    int n = 0;
    for (int l = first; l <= last; l++) {
      int ls = c.lineStarts[l];
      int re = rstrip(t, ls, c.lineEnd(f, l));
      boolean found;
      try {
        found = ascii ? mt.region(ls - base, re - base).find() : mt.reset(new String(t, ls, re - ls, StandardCharsets.UTF_8)).find();
      } catch (StackOverflowError e) {
        throw new IllegalArgumentException(
            "the regex is too complex for line " + (l - first + 1) + " of " + c.paths[f] + ": simplify it");
      }
      if (found) {
        n++;
        if (budget > 0) {
          fileLines.add(l);
          budget--;
        }
        if (n == q.perFileLimit()) {
          break;
        }
      }
    }
    fileDone(f, n);
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
      int l = fileLines.get(i);
      bytes += rstrip(t, c.lineStarts[l], c.lineEnd(f, l)) - c.lineStarts[l];
    }
    byte[] text = new byte[bytes];
    int at = 0;
    for (int i = 0; i < k; i++) {
      int l = fileLines.get(i);
      int ls = c.lineStarts[l];
      int len = rstrip(t, ls, c.lineEnd(f, l)) - ls;
      System.arraycopy(t, ls, text, at, len);
      at += len;
      numbers[i] = l - c.firstLine[f] + 1;
      ends[i] = at;
    }
    fileLines.clear();
    hits.add(new FileHits(c.paths[f], n, numbers, text, ends));
  }

  /**
   * The last index at or after {@code from} (and at most {@code last}) whose start is at or
   * before {@code i}, in a non-decreasing table of starts: the line (or file) holding offset i.
   */
  static int seek(int[] starts, int from, int last, int i) {
    if (from >= last || starts[from + 1] > i) {
      return from;
    }
    int lo = from + 1;
    int step = 1;
    while (lo + step <= last && starts[lo + step] <= i) {
      lo += step;
      step <<= 1;
    }
    int hi = Math.min(last, lo + step);
    if (starts[hi] <= i) {
      return hi;
    }
    while (hi - lo > 1) {
      int mid = (lo + hi) >>> 1;
      if (starts[mid] <= i) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Where {@code t[from, to)} ends once trailing whitespace is stripped (Python's {@code bytes.rstrip()}). */
  static int rstrip(byte[] t, int from, int to) {
    while (to > from) {
      byte b = t[to - 1];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0b) {
        break;
      }
      to--;
    }
    return to;
  }

  /** Bytes seen as chars, one each: how a regex reads a file that is all ASCII, without copying it. */
  private record Latin1(byte[] t, int base, int length) implements CharSequence {
    @Override
    public char charAt(int i) {
      return (char) (t[base + i] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Latin1(t, base + start, end - start);
    }

    @Override
    public String toString() {
      return new String(t, base, length, StandardCharsets.ISO_8859_1);
    }
  }
}
