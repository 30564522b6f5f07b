package deli.python;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell-style file name pattern as Python's {@code fnmatch.fnmatchcase} reads it (the rules of
 * {@code fnmatch.translate}): {@code *} any run of characters (a leading dot included), {@code ?}
 * one character, {@code [seq]} and {@code [!seq]} a set, anything else literal. Every pattern is
 * valid, as in Python: an unclosed {@code [} is literal, a reversed range such as {@code [z-a]}
 * is dropped from its set. Case-sensitive, as on POSIX. Characters are code points, as Python's.
 *
 * <p>Matching walks the pattern without a regex, so no pattern backtracks exponentially (Python
 * gets the same from atomic groups).
 */
public final class Fnmatch {
  /** One pattern element that matches exactly one character, or a star. */
  private sealed interface Token permits Star, One {}

  private enum Star implements Token {
    INSTANCE
  }

  private record One(int[] lo, int[] hi, boolean negated, boolean any) implements Token {
    boolean test(int cp) {
      if (any) {
        return true;
      }
      boolean in = false;
      for (int k = 0; k < lo.length && !in; k++) {
        in = cp >= lo[k] && cp <= hi[k];
      }
      return in != negated;
    }
  }

  private final String pattern;
  private final Token[] tokens;

  private Fnmatch(String pattern) {
    this.pattern = pattern;
    this.tokens = compile(pattern.codePoints().toArray());
  }

  public static Fnmatch of(String pattern) {
    return new Fnmatch(pattern);
  }

  /** As {@code fnmatch.fnmatchcase(name, pattern)}. */
  public boolean matches(String name) {
    int[] s = name.codePoints().toArray();
    int t = 0;
    int i = 0;
    int starT = -1;
    int starI = 0;
    // Each non-star token takes exactly one character, so going back to the last star is enough.
    while (i < s.length) {
      if (t < tokens.length && tokens[t] instanceof One one && one.test(s[i])) {
        t++;
        i++;
      } else if (t < tokens.length && tokens[t] == Star.INSTANCE) {
        starT = t++;
        starI = i;
      } else if (starT >= 0) {
        t = starT + 1;
        i = ++starI;
      } else {
        return false;
      }
    }
    while (t < tokens.length && tokens[t] == Star.INSTANCE) {
      t++;
    }
    return t == tokens.length;
  }

  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }

  private static Token[] compile(int[] pat) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = pat.length;
    while (i < n) {
      int c = pat[i++];
      if (c == '*') {
        if (out.isEmpty() || out.get(out.size() - 1) != Star.INSTANCE) {
          out.add(Star.INSTANCE);
        }
      } else if (c == '?') {
        out.add(new One(new int[0], new int[0], false, true));
      } else if (c == '[') {
        int j = i;
        if (j < n && pat[j] == '!') {
          j++;
        }
        if (j < n && pat[j] == ']') {
          j++;
        }
        while (j < n && pat[j] != ']') {
          j++;
        }
        if (j >= n) {
          out.add(literal('['));
        } else {
          out.add(set(pat, i, j));
          i = j + 1;
        }
      } else {
        out.add(literal(c));
      }
    }
    return out.toArray(Token[]::new);
  }

  private static One literal(int c) {
    return new One(new int[] {c}, new int[] {c}, false, false);
  }

  /**
   * The set {@code pat[i, j)}, cut into chunks at the hyphens that make ranges and with reversed
   * ranges removed exactly as {@code fnmatch.translate} does; between two chunks is the range from
   * the last character of one to the first of the next, every other character stands for itself.
   */
  private static One set(int[] pat, int i, int j) {
    boolean negated = pat[i] == '!';
    List<int[]> chunks = new ArrayList<>();
    if (!contains(pat, i, j, '-')) {
      chunks.add(java.util.Arrays.copyOfRange(pat, i, j));
    } else {
      int k = negated ? i + 2 : i + 1;
      while (true) {
        k = find(pat, '-', k, j);
        if (k < 0) { // k is never 0 here (the set starts after '['): "k <= 0" is an equivalent mutant
          break;
        }
        chunks.add(java.util.Arrays.copyOfRange(pat, i, k));
        i = k + 1;
        k = k + 3;
      }
      if (i < j) {
        chunks.add(java.util.Arrays.copyOfRange(pat, i, j));
      } else {
        int[] last = chunks.get(chunks.size() - 1);
        int[] longer = java.util.Arrays.copyOf(last, last.length + 1);
        longer[last.length] = '-';
        chunks.set(chunks.size() - 1, longer);
      }
      for (int c = chunks.size() - 1; c > 0; c--) {
        int[] a = chunks.get(c - 1);
        int[] b = chunks.get(c);
        if (a[a.length - 1] > b[0]) {
          int[] merged = new int[a.length - 1 + b.length - 1];
          System.arraycopy(a, 0, merged, 0, a.length - 1);
          System.arraycopy(b, 1, merged, a.length - 1, b.length - 1);
          chunks.set(c - 1, merged);
          chunks.remove(c);
        }
      }
    }
    int total = 0;
    for (int[] chunk : chunks) {
      total += chunk.length;
    }
    if (total == 0) {
      // Python: an empty set matches nothing. (A null token would match nothing too, in matches():
      // PIT's "return null" here is an equivalent mutant.)
      return new One(new int[0], new int[0], false, false);
    }
    if (total == 1 && negated) {
      return new One(new int[0], new int[0], false, true); // "[!]" left alone: any one character
    }
    List<int[]> ranges = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      int[] chunk = chunks.get(c);
      int from = c == 0 && negated ? 1 : 0;
      int to = chunk.length;
      if (c > 0) {
        int[] prev = chunks.get(c - 1);
        ranges.add(new int[] {prev[prev.length - 1], chunk[0]});
        from = Math.max(from, 1);
      }
      if (c < chunks.size() - 1) {
        to--;
      }
      for (int k = from; k < to; k++) {
        ranges.add(new int[] {chunk[k], chunk[k]});
      }
    }
    int[] lo = new int[ranges.size()];
    int[] hi = new int[ranges.size()];
    for (int k = 0; k < lo.length; k++) {
      lo[k] = ranges.get(k)[0];
      hi[k] = ranges.get(k)[1];
    }
    return new One(lo, hi, negated, false);
  }

  /**
   * A fast path only: without it the set is cut at no hyphen into one chunk, the same set (PIT's
   * "return true" here is an equivalent mutant). {@code pat[to]} is the set's closing ']', never
   * '-', so reading one place further ("k <= to" in {@link #find}) is equivalent too.
   */
  private static boolean contains(int[] a, int from, int to, int c) {
    return find(a, c, from, to) >= 0;
  }

  private static int find(int[] a, int c, int from, int to) {
    for (int k = from; k < to; k++) {
      if (a[k] == c) {
        return k;
      }
    }
    return -1;
  }
}
