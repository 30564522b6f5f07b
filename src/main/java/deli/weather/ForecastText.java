package deli.weather;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reading a marine forecast document: the chapter's advisory pattern, and the checks that
 * tell a forecast from something else a server may send with status 200 (an HTML error page,
 * an empty body, another zone's forecast, bytes that are not text).
 */
public final class ForecastText {
  /** The chapter's {@code advisory_pat}: a block that starts and ends with three dots on its own lines. */
  public static final Pattern ADVISORY = Pattern.compile("\\n\\.\\.\\.(.*?)\\.\\.\\.\\n", Pattern.MULTILINE | Pattern.DOTALL);

  private ForecastText() {}

  /**
   * The chapter's {@code advisory}: the first advisory block with its newlines turned into
   * spaces, or {@code ""} when the forecast has none. Windows line ends count as newlines.
   */
  public static String advisory(String document) {
    String doc = document.indexOf('\r') < 0 ? document : document.replace("\r\n", "\n");
    Matcher m = ADVISORY.matcher(doc);
    return m.find() ? m.group(1).replace("\n", " ") : "";
  }

  /**
   * Why {@code document} is not {@code zone}'s forecast, or empty when it is one. A forecast is
   * text that names its zone's code (the UGC line {@code ANZ531-...} every NWS zone forecast has).
   */
  public static Optional<String> problem(Zone zone, String document) {
    String trimmed = document.strip();
    if (trimmed.isEmpty()) {
      return Optional.of("the document is empty");
    }
    if (document.indexOf('\0') >= 0 || document.indexOf('\uFFFD') >= 0) {
      return Optional.of("the document is not text");
    }
    String head = trimmed.substring(0, Math.min(trimmed.length(), 512)).toLowerCase(Locale.ROOT);
    if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")) {
      return Optional.of("the document is an HTML page, not a forecast (" + firstLine(trimmed) + ")");
    }
    if (!document.toUpperCase(Locale.ROOT).contains(zone.code().toUpperCase(Locale.ROOT))) {
      return Optional.of("the document does not mention " + zone.code() + " (it starts '" + firstLine(trimmed) + "')");
    }
    return Optional.empty();
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    String line = (nl < 0 ? text : text.substring(0, nl)).strip();
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }
}
