package deli.search;

import deli.core.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One query, as every shard runs it: the text, and grep's options. A match is a line (right
 * stripped, as the chapter strips it) that holds the text; with {@code regex}, a line in which
 * the Java regex finds a match.
 *
 * @param ignoreCase match letters of either case (grep -i)
 * @param regex the text is a regular expression (grep -E, in Java's syntax, with
 *     {@code [[:alpha:]]}-style classes and {@code \<}, {@code \>} as grep writes them; classes
 *     and word boundaries are Unicode's, as grep's in a UTF-8 locale)
 * @param countOnly count matching lines per file, return no lines (grep -c)
 * @param perFileLimit stop a file after this many matching lines; 0: no limit (grep -m)
 * @param maxLines return the text of at most this many matching lines, the first ones in the
 *     files' order; the counts still cover every match
 */
public record SearchQuery(String text, boolean ignoreCase, boolean regex, boolean countOnly, int perFileLimit, int maxLines)
    implements CborSerializable {

  public SearchQuery {
    if (text == null) {
      throw new IllegalArgumentException("a query needs a text");
    }
    if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("a query is one line: it cannot hold a line break");
    }
    if (perFileLimit < 0) {
      throw new IllegalArgumentException("the per-file limit must be 0 (none) or more, not " + perFileLimit);
    }
    if (maxLines < 0) {
      throw new IllegalArgumentException("the number of lines returned must be 0 or more, not " + maxLines);
    }
    if (regex) {
      compile(text, ignoreCase);
    }
  }

  /** A plain query for {@code text}, every matching line returned. */
  public static SearchQuery of(String text) {
    return new SearchQuery(text, false, false, false, 0, Integer.MAX_VALUE);
  }

  public SearchQuery withMaxLines(int n) {
    return new SearchQuery(text, ignoreCase, regex, countOnly, perFileLimit, n);
  }

  /** The query's UTF-8 bytes as Latin-1 chars: what it looks like in a shard's texts. */
  String needle() {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  boolean ascii() {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** The regex a shard runs for this query, or null when a plain substring search does. */
  Pattern pattern() {
    if (regex) {
      return compile(text, ignoreCase);
    }
    if (ignoreCase && !ascii()) {
      return Pattern.compile(Pattern.quote(text), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }
    return null;
  }

  /** Compiles a grep -E style regex; a bad one is an {@link IllegalArgumentException} in one line. */
  static Pattern compile(String regex, boolean ignoreCase) {
    try {
      // Classes and word boundaries over Unicode, as grep's in a UTF-8 locale.
      int flags = Pattern.UNICODE_CHARACTER_CLASS | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
      return Pattern.compile(posix(regex), flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "bad regex '" + regex + "': " + e.getDescription() + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
    }
  }

  /** grep's {@code [:alpha:]} classes inside brackets and {@code \<}, {@code \>} in Java's words. */
  static String posix(String regex) {
    StringBuilder out = new StringBuilder(regex.length());
    int depth = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char d = regex.charAt(i + 1);
        if (depth == 0 && (d == '<' || d == '>')) {
          out.append("\\b");
        } else {
          out.append(c).append(d);
        }
        i++;
      } else if (c == '[' && depth > 0 && regex.startsWith("[:", i)) {
        int end = regex.indexOf(":]", i + 2);
        String name = end < 0 ? null : posixClass(regex.substring(i + 2, end));
        if (name == null) {
          out.append("\\[");
        } else {
          out.append("\\p{").append(name).append('}');
          i = end + 1;
        }
      } else {
        if (c == '[') {
          depth++;
        } else if (c == ']' && depth > 0) {
          depth--;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String posixClass(String name) {
    return switch (name) {
      case "alpha" -> "Alpha";
      case "digit" -> "Digit";
      case "alnum" -> "Alnum";
      case "upper" -> "Upper";
      case "lower" -> "Lower";
      case "space" -> "Space";
      case "blank" -> "Blank";
      case "punct" -> "Punct";
      case "print" -> "Print";
      case "graph" -> "Graph";
      case "cntrl" -> "Cntrl";
      case "xdigit" -> "XDigit";
      default -> null;
    };
  }
}
