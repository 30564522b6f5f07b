package deli.trace;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The W3C Trace Context {@code traceparent} header: {@code 00-<trace id>-<span id>-<flags>}, how
 * a caller says which trace and span a request belongs to, and how deli says it back.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero
 * @param sampled whether the caller traces this flow (flag 01)
 */
public record Traceparent(String traceId, String spanId, boolean sampled) {
  public static final String HEADER = "traceparent";
  private static final Pattern FORM = Pattern.compile("([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?");

  /** The header's value, if it is a valid one (an unknown later version is read as version 00). */
  public static Optional<Traceparent> parse(String header) {
    Matcher m = FORM.matcher(header.trim());
    if (!m.matches() || m.group(1).equals("ff") || (m.group(1).equals("00") && m.group(5) != null)) {
      return Optional.empty();
    }
    if (m.group(2).chars().allMatch(c -> c == '0') || m.group(3).chars().allMatch(c -> c == '0')) {
      return Optional.empty();
    }
    return Optional.of(new Traceparent(m.group(2), m.group(3), (Integer.parseInt(m.group(4), 16) & 1) == 1));
  }

  /** The header for a trace and span, when the trace id has the W3C form; else none. */
  public static Optional<String> of(Trace trace) {
    if (!trace.id().matches("[0-9a-f]{32}") || !trace.span().matches("[0-9a-f]{16}")) {
      return Optional.empty();
    }
    return Optional.of("00-" + trace.id() + "-" + trace.span() + (trace.sampled() ? "-01" : "-00"));
  }
}
