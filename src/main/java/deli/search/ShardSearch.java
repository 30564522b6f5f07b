package deli.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one query over one shard's memory, never the disk: a plain query with the JVM's
 * vectorised {@code String.indexOf} (only over the chunks the index allows, when there is one),
 * a case-insensitive ASCII query by its rarest letter, a regex line by line. Lines are found
 * through the shard's line table, so a match costs a few array reads; the text of a matching
 * line is copied out once, as bytes.
 */
final class ShardSearch {
  private final ShardCorpus c;
  private final SearchQuery q;
  private final Finder finder;
  private final Pattern pattern;
  private final int m;
  private int budget;
  private long matched;
  private final List<FileHits> hits = new ArrayList<>();
  private final ShardCorpus.Ints fileLines = new ShardCorpus.Ints(256);
  private byte[] scratch = new byte[256];

  private ShardSearch(ShardCorpus c, SearchQuery q) {
    this.c = c;
    this.q = q;
    this.pattern = q.pattern();
    String needle = q.needle();
    this.m = needle.length();
    this.finder = pattern != null ? null : q.ignoreCase() ? new FoldFinder(needle) : new ExactFinder(needle);
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
    int[] cands = finder != null && c.index != null ? c.index.candidates(q.needle()) : null;
    if (cands == null) {
      for (int f = 0; f < c.files(); f++) {
        if (finder != null) {
          scan(f, null, 0, 0);
        } else {
          scanRegex(f);
        }
      }
      return;
    }
    TrigramIndex ix = c.index;
    int i = 0;
    while (i < cands.length) {
      int f = ix.chunkFile[cands[i]];
      int j = i + 1;
      while (j < cands.length && ix.chunkFile[cands[j]] == f) {
        j++;
      }
      scan(f, cands, i, j);
      i = j;
    }
  }

  /** Finds matching lines of file {@code f}; within chunks {@code cands[from..to)} when given. */
  private void scan(int f, int[] cands, int from, int to) {
    String t = c.texts[f];
    int len = t.length();
    int line = c.firstLine[f];
    int last = c.firstLine[f + 1] - 1;
    if (line > last) {
      return;
    }
    TrigramIndex ix = c.index;
    int k = from;
    int pos = cands == null ? 0 : ix.chunkStart[cands[k]];
    int count = 0;
    finder.reset(t);
    while (true) {
      int i = finder.next(pos);
      if (i < 0 || i >= len) {
        break;
      }
      line = seek(c.lineStarts, line, last, i);
      int ls = c.lineStarts[line];
      int le = c.lineEnd(f, line);
      if (i + m <= rstrip(t, ls, le)) {
        count++;
        if (budget > 0) {
          fileLines.add(line);
          budget--;
        }
        if (count == q.perFileLimit()) {
          break;
        }
      }
      pos = le + 1;
      if (pos >= len) {
        break;
      }
      if (cands != null) {
        while (k < to && ix.chunkEnd[cands[k]] <= pos) {
          k++;
        }
        if (k == to) {
          break;
        }
        pos = Math.max(pos, ix.chunkStart[cands[k]]);
      }
    }
    fileDone(f, count);
  }

  private void scanRegex(int f) {
    String t = c.texts[f];
    int first = c.firstLine[f];
    int last = c.firstLine[f + 1] - 1;
    boolean ascii = c.ascii[f];
    Matcher mt = pattern.matcher(ascii ? t : "");
    int count = 0;
    for (int line = first; line <= last; line++) {
      int ls = c.lineStarts[line];
      int re = rstrip(t, ls, c.lineEnd(f, line));
      boolean found;
      try {
        if (ascii) {
          found = mt.region(ls, re).find();
        } else {
          found = mt.reset(decode(t, ls, re)).find();
        }
      } catch (StackOverflowError e) {
        throw new IllegalArgumentException(
            "the regex is too complex for line " + (line - first + 1) + " of " + c.paths[f] + ": simplify it");
      }
      if (found) {
        count++;
        if (budget > 0) {
          fileLines.add(line);
          budget--;
        }
        if (count == q.perFileLimit()) {
          break;
        }
      }
    }
    fileDone(f, count);
  }

  @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): Latin-1 chars to bytes, no allocation
  private String decode(String t, int from, int to) {
    int n = to - from;
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
    }
    t.getBytes(from, to, scratch, 0);
    return new String(scratch, 0, n, StandardCharsets.UTF_8);
  }

  @SuppressWarnings("deprecation")
  private void fileDone(int f, int count) {
    if (count == 0) {
      return;
    }
    matched += count;
    String t = c.texts[f];
    int n = fileLines.size();
    if (q.countOnly()) {
      hits.add(FileHits.counted(c.paths[f], count));
      return;
    }
    int[] numbers = new int[n];
    int[] ends = new int[n];
    int bytes = 0;
    for (int i = 0; i < n; i++) {
      int line = fileLines.get(i);
      int ls = c.lineStarts[line];
      bytes += rstrip(t, ls, c.lineEnd(f, line)) - ls;
    }
    byte[] text = new byte[bytes];
    int at = 0;
    for (int i = 0; i < n; i++) {
      int line = fileLines.get(i);
      int ls = c.lineStarts[line];
      int re = rstrip(t, ls, c.lineEnd(f, line));
      t.getBytes(ls, re, text, at);
      at += re - ls;
      numbers[i] = line - c.firstLine[f] + 1;
      ends[i] = at;
    }
    fileLines.clear();
    hits.add(new FileHits(c.paths[f], count, numbers, text, ends));
  }

  /** The last line at or after {@code line} (and at most {@code last}) that starts at or before {@code i}. */
  static int seek(int[] starts, int line, int last, int i) {
    if (line >= last || starts[line + 1] > i) {
      return line;
    }
    int lo = line + 1;
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

  /** Where the line {@code [from, to)} ends once trailing whitespace is stripped (Python's {@code bytes.rstrip()}). */
  static int rstrip(String t, int from, int to) {
    while (to > from) {
      char ch = t.charAt(to - 1);
      if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\f' && ch != 0x0b) {
        break;
      }
      to--;
    }
    return to;
  }

  /** Finds the next occurrence in one file's text. */
  private interface Finder {
    void reset(String text);

    /** The next occurrence at or after {@code from}, or -1. */
    int next(int from);
  }

  private static final class ExactFinder implements Finder {
    private final String needle;
    private String text;

    ExactFinder(String needle) {
      this.needle = needle;
    }

    @Override
    public void reset(String text) {
      this.text = text;
    }

    @Override
    public int next(int from) {
      return text.indexOf(needle, from);
    }
  }

  /**
   * ASCII letters of either case: looks for the needle's rarest character (both cases, with
   * the vectorised {@code indexOf(char)}) and checks the rest around it.
   */
  private static final class FoldFinder implements Finder {
    /** Letters and signs from rare to common in source code; the rest count as common. */
    private static final String RARITY = "QZXJ$@!~`^|KVYBW?;&%GPFUHM<>+*CL{}[]DNRSI:,O-/#'\"ATE=()\n._ ";

    private final char[] folded;
    private final int anchor;
    private final char lower;
    private final char upper;
    private String text;
    private int nextLower;
    private int nextUpper;
    private int searchedFrom;

    FoldFinder(String needle) {
      folded = new char[needle.length()];
      int best = -1;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i < needle.length(); i++) {
        char ch = (char) TrigramIndex.fold(needle.charAt(i));
        folded[i] = ch;
        int r = RARITY.indexOf(Character.toUpperCase(ch));
        int rank = r < 0 ? 0 : r;
        if (rank < bestRank) {
          bestRank = rank;
          best = i;
        }
      }
      anchor = Math.max(best, 0);
      char a = folded.length == 0 ? 0 : folded[anchor];
      lower = a;
      upper = a >= 'a' && a <= 'z' ? (char) (a - 32) : a;
    }

    @Override
    public void reset(String text) {
      this.text = text;
      this.searchedFrom = Integer.MAX_VALUE;
    }

    @Override
    public int next(int from) {
      int m = folded.length;
      if (m == 0) {
        return from <= text.length() ? from : -1;
      }
      int p = from + anchor;
      if (p < searchedFrom) {
        nextLower = -2;
        nextUpper = -2;
      }
      while (true) {
        if (nextLower != -1 && nextLower < p) {
          nextLower = text.indexOf(lower, p);
        }
        if (upper != lower && nextUpper != -1 && nextUpper < p) {
          nextUpper = text.indexOf(upper, p);
        }
        searchedFrom = p;
        int i = upper == lower ? nextLower : min(nextLower, nextUpper);
        if (i < 0) {
          return -1;
        }
        int s = i - anchor;
        if (s + m <= text.length() && same(s)) {
          return s;
        }
        p = i + 1;
      }
    }

    private static int min(int a, int b) {
      return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }

    private boolean same(int s) {
      for (int j = 0; j < folded.length; j++) {
        if (TrigramIndex.fold(text.charAt(s + j)) != folded[j]) {
          return false;
        }
      }
      return true;
    }
  }
}
