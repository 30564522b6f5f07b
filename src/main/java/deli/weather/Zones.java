package deli.weather;

import deli.core.DeliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chapter's {@code ZONES}, and the zones file that replaces them ({@code --zones FILE}).
 *
 * <p>A zones file has one zone per line: the zone code, its SAME code (six digits, optional),
 * then the name, separated by blanks. Blank lines and lines starting with {@code #} are
 * skipped. It is the format {@code deli weather --list-zones} prints:
 *
 * <pre>
 * ANZ531 073531 Chesapeake Bay from Pooles Island to Sandy Point, MD
 * ANZ540 073540 Eastern Bay
 * </pre>
 */
public final class Zones {
  /** The chapter's 13 Chesapeake Bay zones, in its order. */
  public static final List<Zone> CHESAPEAKE_BAY =
      List.of(
          new Zone("Chesapeake Bay from Pooles Island to Sandy Point, MD", "ANZ531", "073531"),
          new Zone("Chesapeake Bay from Sandy Point to North Beach, MD", "ANZ532", "073532"),
          new Zone("Chesapeake Bay from North Beach to Drum Point, MD", "ANZ533", "073533"),
          new Zone("Chesapeake Bay from Drum Point to Smith Point, VA", "ANZ534", "073534"),
          new Zone("Tidal Potomac from Key Bridge to Indian Head, MD", "ANZ535", "073535"),
          new Zone("Tidal Potomac from Indian Head to Cobb Island, MD", "ANZ536", "073536"),
          new Zone("Tidal Potomac from Cobb Island, MD to Smith Point, VA", "ANZ537", "073537"),
          new Zone("Patapsco River including Baltimore Harbor", "ANZ538", "073538"),
          new Zone("Chester River to Queenstown MD", "ANZ539", "073539"),
          new Zone("Eastern Bay", "ANZ540", "073540"),
          new Zone("Choptank River to Cambridge MD and the Little Choptank River", "ANZ541", "073541"),
          new Zone("Patuxent River to Broome's Island MD", "ANZ542", "073542"),
          new Zone("Tangier Sound and the Inland Waters surrounding Bloodsworth Island", "ANZ543", "073543"));

  /** The most zones one run fetches. */
  public static final int MAX = 100_000;

  // A code becomes a file name in a URL: letters, digits, '_' and '-' only.
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
  private static final Pattern LINE = Pattern.compile("(\\S+)(?:\\s+(\\d{6}))?(?:\\s+(.*))?");

  private Zones() {}

  /** Reads a zones file; a line it cannot read is a one-line error naming the file and line. */
  public static List<Zone> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DeliException("cannot read the zones file " + file + ": no such file");
    } catch (IOException e) {
      throw new DeliException("cannot read the zones file " + file + ": " + e.getMessage());
    }
    try {
      return parse(lines);
    } catch (IllegalArgumentException e) {
      throw new DeliException("the zones file " + file + e.getMessage());
    }
  }

  /**
   * Parses the lines of a zones file.
   *
   * @throws IllegalArgumentException starting {@code ":LINE: "} when a line is wrong
   */
  public static List<Zone> parse(List<String> lines) {
    List<Zone> zones = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int number = i + 1;
      Matcher m = LINE.matcher(line);
      if (!m.matches() || !CODE.matcher(m.group(1)).matches()) {
        throw new IllegalArgumentException(
            ":" + number + ": '" + line.split("\\s+")[0] + "' is not a zone code (letters and digits, such as ANZ531)");
      }
      String code = m.group(1).toUpperCase(Locale.ROOT);
      Integer before = seen.putIfAbsent(code, number);
      if (before != null) {
        throw new IllegalArgumentException(":" + number + ": zone " + code + " is already on line " + before);
      }
      String same = m.group(2) == null ? "" : m.group(2);
      String name = m.group(3) == null || m.group(3).isBlank() ? code : m.group(3).strip();
      zones.add(new Zone(name, code, same));
      if (zones.size() > MAX) {
        throw new IllegalArgumentException(":" + number + ": more than " + MAX + " zones");
      }
    }
    if (zones.isEmpty()) {
      throw new IllegalArgumentException(": no zones in it (one per line: CODE [SAME] NAME)");
    }
    return List.copyOf(zones);
  }

  /** Zones in the file format, one line each. */
  public static List<String> format(List<Zone> zones) {
    List<String> out = new ArrayList<>(zones.size());
    for (Zone z : zones) {
      out.add(z.code() + (z.sameCode().isEmpty() ? "" : " " + z.sameCode()) + " " + z.name());
    }
    return out;
  }
}
