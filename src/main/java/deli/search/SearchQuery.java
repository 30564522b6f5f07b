package deli.search;

import deli.core.CborSerializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One query, as every shard runs it: the text, and grep's options. A match is a line (right
 * stripped, as the chapter strips it) that holds the text (or any of {@code also}, grep's
 * repeated {@code -e}); with {@code regex}, a line in which the Java regex finds a match.
 *
 * @param also more patterns (grep's repeated {@code -e}): a line holding any of them matches
 * @param ignoreCase match letters of either case (grep -i)
 * @param regex the text is a regular expression (grep -E, in Java's syntax, with
 *     {@code [[:alpha:]]}-style classes and {@code \<}, {@code \>} as grep writes them; classes
 *     and word boundaries are Unicode's, as grep's in a UTF-8 locale)
 * @param word a match must be a whole word: neither preceded nor followed by a letter, a digit
 *     or an underscore (grep -w; letters and digits of every script, as in a UTF-8 locale)
 * @param invert the lines selected are those that do not match (grep -v)
 * @param countOnly count the selected lines per file, return no lines (grep -c)
 * @param filesWithout answer the files with no selected line, as counts of 0 (grep -L); needs
 *     {@code countOnly}
 * @param perFileLimit stop a file after this many selected lines; 0: no limit (grep -m)
 * @param maxLines return the text of at most this many selected lines, the first ones in the
 *     files' order; the counts still cover every one
 */
public record SearchQuery(
    String text,
    List<String> also,
    boolean ignoreCase,
    boolean regex,
    boolean word,
    boolean invert,
    boolean countOnly,
    boolean filesWithout,
    int perFileLimit,
    int maxLines)
    implements CborSerializable {

  public SearchQuery {
    also = List.copyOf(also);
    if (text == null) {
      throw new IllegalArgumentException("a query needs a text");
    }
    for (String t : texts(text, also)) {
      if (t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a query is one line: it cannot hold a line break");
      }
    }
    if (perFileLimit < 0) {
      throw new IllegalArgumentException("the per-file limit must be 0 (none) or more, not " + perFileLimit);
    }
    if (maxLines < 0) {
      throw new IllegalArgumentException("the number of lines returned must be 0 or more, not " + maxLines);
    }
    if (filesWithout && !countOnly) {
      throw new IllegalArgumentException("files without matches are counts: ask for countOnly too");
    }
    if (regex) {
      for (String t : texts(text, also)) {
        compile(t, ignoreCase);
      }
    }
  }

  /** grep's -i, -E, -c and -m: the query as {@code deli search} has always taken it. */
  public SearchQuery(String text, boolean ignoreCase, boolean regex, boolean countOnly, int perFileLimit, int maxLines) {
    this(text, List.of(), ignoreCase, regex, false, false, countOnly, false, perFileLimit, maxLines);
  }

  /** A word constituent, as {@link #wordChar} says: letters and digits of every script, and the underscore. */
  static final String WORD = "[\\p{IsAlphabetic}\\p{IsDigit}_]";

  /** Whether code point {@code cp} is part of a word, for grep -w (as in a UTF-8 locale). */
  static boolean wordChar(int cp) {
    return cp == '_' || Character.isAlphabetic(cp) || Character.isDigit(cp);
  }

  /** A plain query for {@code text}, every matching line returned. */
  public static SearchQuery of(String text) {
    return new SearchQuery(text, false, false, false, 0, Integer.MAX_VALUE);
  }

  public SearchQuery withMaxLines(int n) {
    return new SearchQuery(text, also, ignoreCase, regex, word, invert, countOnly, filesWithout, perFileLimit, n);
  }

  /** Every pattern: the text, then {@link #also}. */
  public List<String> texts() {
    return texts(text, also);
  }

  private static List<String> texts(String text, List<String> also) {
    if (also.isEmpty()) {
      return List.of(text);
    }
    List<String> all = new ArrayList<>(also.size() + 1);
    all.add(text);
    all.addAll(also);
    return all;
  }

  /** The query as the summary line names it: {@code 'a'}, or {@code 'a' or 'b'} for several. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    for (String t : texts()) {
      b.append(b.length() == 0 ? "" : " or ").append(deli.python.PyRepr.repr(t));
    }
    return b.toString();
  }

  /** The query's UTF-8 bytes as Latin-1 chars: what it looks like in a shard's texts. */
  String needle() {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  boolean ascii() {
    for (String t : texts()) {
      for (int i = 0; i < t.length(); i++) {
        if (t.charAt(i) >= 0x80) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The regex a shard runs for this query, or null when a plain substring search does: one
   * text, not a regex, and any case folding ASCII's (the word check is then the shard's own).
   */
  Pattern pattern() {
    if (!regex && also.isEmpty() && !(ignoreCase && !ascii())) {
      return null;
    }
    return marks();
  }

  /**
   * The regex that finds this query's matches in a line's text: what {@code -o} prints and
   * {@code --color} marks. Fixed strings longest first, so that of two starting at the same
   * place the longer is found, as grep finds it.
   */
  public Pattern marks() {
    List<String> parts = new ArrayList<>();
    List<String> all = new ArrayList<>(texts());
    if (!regex) {
      all.sort(java.util.Comparator.comparingInt(String::length).reversed());
    }
    for (String t : all) {
      parts.add(regex ? "(?:" + posix(t) + ")" : Pattern.quote(t));
    }
    String alternation = String.join("|", parts);
    String body = word ? "(?<!" + WORD + ")(?:" + alternation + ")(?!" + WORD + ")" : alternation;
    // Regexes read classes as Unicode's; a fixed string folds case as the shards fold it.
    int flags =
        (regex ? Pattern.UNICODE_CHARACTER_CLASS : 0)
            | (ignoreCase ? Pattern.CASE_INSENSITIVE | (regex || !ascii() ? Pattern.UNICODE_CASE : 0) : 0);
    try {
      return Pattern.compile(body, flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("bad regex '" + text + "': " + e.getDescription());
    }
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
