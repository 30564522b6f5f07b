package deli.weather;

import deli.core.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fault the fixture server injects for one forecast file, written {@code CODE=WHAT[*N]}:
 * {@code anz540=404} answers 404, {@code anz534=500*2} answers 500 to the first two requests
 * and then serves the file, {@code anz533=3s} answers 3 s late, {@code anz536=cut} sends half
 * the document and breaks the connection, {@code anz537=moved} redirects to {@code /moved/anz537.txt}
 * (which serves the file).
 *
 * @param file the file's name without {@code .txt}, lowercase ({@code anz540})
 * @param kind what happens
 * @param status the status answered, for {@link Kind#STATUS}
 * @param delay the extra delay, for {@link Kind#DELAY}
 * @param times how many requests it applies to (then the file is served); 0: every request
 */
public record Fault(String file, Kind kind, int status, Duration delay, int times) {
  /** The faults there are. */
  public enum Kind {
    STATUS,
    DELAY,
    CUT,
    MOVED
  }

  private static final Pattern SPEC = Pattern.compile("([A-Za-z0-9_.-]+?)(?:\\.txt)?=([^*]+)(?:\\*(\\d+))?");

  /** Parses {@code CODE=WHAT[*N]}; a bad one is an {@link IllegalArgumentException} fit for a user. */
  public static Fault parse(String spec) {
    Matcher m = SPEC.matcher(spec.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + spec + "' is not a fault (write CODE=WHAT[*N], WHAT a status such as 500, a delay such as 3s, cut or moved)");
    }
    String file = m.group(1).toLowerCase(Locale.ROOT);
    String what = m.group(2).strip().toLowerCase(Locale.ROOT);
    int times = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    if (m.group(3) != null && times < 1) {
      throw new IllegalArgumentException("'" + spec + "': *N must be at least 1");
    }
    if (what.equals("cut")) {
      return new Fault(file, Kind.CUT, 0, Duration.ZERO, times);
    }
    if (what.equals("moved")) {
      return new Fault(file, Kind.MOVED, 301, Duration.ZERO, times);
    }
    if (what.matches("\\d{3}")) {
      int status = Integer.parseInt(what);
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("'" + spec + "': the status must be 200 to 599");
      }
      return new Fault(file, Kind.STATUS, status, Duration.ZERO, times);
    }
    try {
      return new Fault(file, Kind.DELAY, 0, Durations.parse(what), times);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + spec + "': '" + m.group(2) + "' is neither a status (500), a delay (3s), 'cut' nor 'moved'");
    }
  }

  @Override
  public String toString() {
    String w =
        switch (kind) {
          case STATUS -> String.valueOf(status);
          case DELAY -> Durations.format(delay);
          case CUT -> "cut";
          case MOVED -> "moved";
        };
    return file + "=" + w + (times > 0 ? "*" + times : "");
  }
}
