package deli.search;

import java.util.regex.Pattern;

/**
 * A shell-style file name pattern as Python's {@code fnmatch} reads it: {@code *} any run of
 * characters (a leading dot included), {@code ?} one character, {@code [seq]} and
 * {@code [!seq]} a set, anything else literal. Case-sensitive, as on POSIX.
 */
public final class Fnmatch {
  private final String pattern;
  private final Pattern regex;

  private Fnmatch(String pattern) {
    this.pattern = pattern;
    this.regex = Pattern.compile(translate(pattern), Pattern.DOTALL);
  }

  public static Fnmatch of(String pattern) {
    return new Fnmatch(pattern);
  }

  public boolean matches(String name) {
    return regex.matcher(name).matches();
  }

  public String pattern() {
    return pattern;
  }

  @Override
  public String toString() {
    return pattern;
  }

  /** The pattern as a Java regex, after Python's {@code fnmatch.translate}. */
  static String translate(String pat) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    int n = pat.length();
    while (i < n) {
      char c = pat.charAt(i++);
      if (c == '*') {
        while (i < n && pat.charAt(i) == '*') {
          i++;
        }
        out.append(".*");
      } else if (c == '?') {
        out.append('.');
      } else if (c == '[') {
        int j = i;
        if (j < n && pat.charAt(j) == '!') {
          j++;
        }
        if (j < n && pat.charAt(j) == ']') {
          j++;
        }
        while (j < n && pat.charAt(j) != ']') {
          j++;
        }
        if (j >= n) {
          out.append("\\[");
        } else {
          out.append(set(pat.substring(i, j)));
          i = j + 1;
        }
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  /** A {@code [...]} body: ranges kept, every other character literal, {@code !} negates. */
  private static String set(String body) {
    StringBuilder s = new StringBuilder("[");
    int k = 0;
    if (body.startsWith("!")) {
      s.append('^');
      k = 1;
    }
    boolean any = false;
    while (k < body.length()) {
      char lo = body.charAt(k);
      if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
        char hi = body.charAt(k + 2);
        if (lo <= hi) {
          s.append(literal(lo)).append('-').append(literal(hi));
          any = true;
        }
        k += 3;
      } else {
        s.append(literal(lo));
        any = true;
        k++;
      }
    }
    if (!any) {
      // Python: an empty set matches nothing; its negation matches any one character.
      return body.startsWith("!") ? "." : "(?!)";
    }
    return s.append(']').toString();
  }

  private static String literal(char c) {
    // A backslash may come before any character that is not a letter or digit.
    return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
  }
}
