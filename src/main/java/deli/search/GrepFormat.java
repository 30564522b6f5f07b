package deli.search;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code deli search} prints the files and lines it found, as GNU grep prints them with the
 * same flags: {@code PATH:LINE:TEXT} (grep -rnH), only the matches (-o), the files with or
 * without a selected line (-l, -L), counts (-c), file names and line numbers on or off (-H/-h,
 * -n/--no-line-number), and grep's colours (--color). Lines are right-stripped, as the chapter
 * strips them.
 *
 * @param prefix put before every path (the root as the user gave it, with its slash)
 * @param colors null: no colour
 */
record GrepFormat(Mode mode, boolean names, boolean numbers, Colors colors, String prefix) {
  /** What is printed for each file. */
  enum Mode {
    LINES,
    ONLY_MATCHING,
    FILES_WITH,
    FILES_WITHOUT,
    COUNT
  }

  /**
   * SGR codes, as GREP_COLORS names them: {@code ms} a match in a selected line, {@code fn} a
   * file name, {@code ln} a line number, {@code se} a separator; {@code eraseLine} says whether
   * each coloured piece also erases to the end of the line ({@code \33[K}; GREP_COLORS's
   * {@code ne} turns it off).
   */
  record Colors(String match, String file, String line, String separator, boolean eraseLine) {
    /** GNU grep's defaults. */
    static final Colors GREP = new Colors("01;31", "35", "32", "36", true);

    /** GNU grep's defaults with what {@code spec} (a GREP_COLORS value, {@code ms=01;32:fn=34}) sets; null or blank: the defaults. */
    static Colors of(String spec) {
      Colors c = GREP;
      if (spec == null || spec.isBlank()) {
        return c;
      }
      for (String part : spec.split(":")) {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part : part.substring(0, eq);
        String value = eq < 0 ? "" : part.substring(eq + 1);
        if (eq >= 0 && !value.matches("[0-9;]*")) {
          continue; // grep ignores what it cannot read, and so does deli
        }
        c =
            switch (key) {
              case "mt", "ms" -> new Colors(value, c.file, c.line, c.separator, c.eraseLine);
              case "fn" -> new Colors(c.match, value, c.line, c.separator, c.eraseLine);
              case "ln" -> new Colors(c.match, c.file, value, c.separator, c.eraseLine);
              case "se" -> new Colors(c.match, c.file, c.line, value, c.eraseLine);
              case "ne" -> new Colors(c.match, c.file, c.line, c.separator, false);
              default -> c;
            };
      }
      return c;
    }

    String paint(String code, String text) {
      if (code.isEmpty()) {
        return text;
      }
      String el = eraseLine ? "\033[K" : "";
      return "\033[" + code + "m" + el + text + "\033[m" + el;
    }
  }

  /** deli's default: every selected line as {@code PATH:LINE:TEXT}, no colour. */
  static GrepFormat plain(String prefix) {
    return new GrepFormat(Mode.LINES, true, true, null, prefix);
  }

  /** The root as a prefix of printed paths: none for {@code .}, else the root with one slash after it. */
  static String prefixOf(String root) {
    String r = root;
    while (r.length() > 1 && r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r.equals(".") ? "" : r.endsWith("/") ? r : r + "/";
  }

  /** What grep prints for these files of {@code query}'s answer; {@code marks} finds the matches in a line (-o, --color). */
  List<String> lines(SearchQuery query, Pattern marks, List<FileHits> hits) {
    List<String> out = new ArrayList<>();
    for (FileHits h : hits) {
      String path = prefix + h.path();
      switch (mode) {
        case FILES_WITH, FILES_WITHOUT -> out.add(paint(colors == null ? null : colors.file, path));
        case COUNT -> out.add(names ? paint(colors == null ? null : colors.file, path) + separator() + h.count() : String.valueOf(h.count()));
        case LINES -> {
          for (int i = 0; i < h.returned(); i++) {
            String text = h.line(i);
            // With -v the lines printed are those without a match: nothing in them to mark.
            out.add(lead(path, h.lineNumber(i)) + (colors == null || query.invert() ? text : marked(marks, text)));
          }
        }
        case ONLY_MATCHING -> {
          if (query.invert()) {
            continue; // grep -o -v prints nothing: the lines selected hold no match
          }
          for (int i = 0; i < h.returned(); i++) {
            Matcher m = marks.matcher(h.line(i));
            while (m.find()) {
              if (m.end() > m.start()) {
                out.add(lead(path, h.lineNumber(i)) + paint(colors == null ? null : colors.match, m.group()));
              }
            }
          }
        }
        default -> throw new IllegalStateException(mode.toString());
      }
    }
    return out;
  }

  /** Whether the shards must return the lines' text (not only counts). */
  boolean needsText() {
    return mode == Mode.LINES || mode == Mode.ONLY_MATCHING;
  }

  private String lead(String path, int line) {
    StringBuilder b = new StringBuilder();
    if (names) {
      b.append(paint(colors == null ? null : colors.file, path)).append(separator());
    }
    if (numbers) {
      b.append(paint(colors == null ? null : colors.line, String.valueOf(line))).append(separator());
    }
    return b.toString();
  }

  private String separator() {
    return paint(colors == null ? null : colors.separator, ":");
  }

  private String marked(Pattern marks, String text) {
    Matcher m = marks.matcher(text);
    StringBuilder b = new StringBuilder(text.length() + 32);
    int at = 0;
    while (m.find()) {
      if (m.end() == m.start()) {
        continue;
      }
      b.append(text, at, m.start()).append(colors.paint(colors.match, m.group()));
      at = m.end();
    }
    return b.append(text, at, text.length()).toString();
  }

  private String paint(String code, String text) {
    return code == null || colors == null ? text : colors.paint(code, text);
  }
}
