package deli.logserver;

import deli.python.PyRepr;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record as {@code logging.Formatter(fmt).format(logging.makeLogRecord(record))} writes it:
 * {@code %(message)s} is the message with its args applied, {@code %(asctime)s} the local time
 * as {@code 2026-11-24 16:21:02,316}, and the exception and stack text follow on their own
 * lines. A record the format cannot take (a {@code %d} of a str) is still written, as its repr
 * after a note, rather than dropped as Python's logging would.
 */
final class TextLines implements LineFormat {
  private static final DateTimeFormatter ASCTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final PyFormat format;
  private final boolean usesTime;
  private final ZoneId zone;

  TextLines(String format, ZoneId zone) {
    this.format = PyFormat.parse(format);
    this.usesTime = format.contains("%(asctime)");
    this.zone = zone;
  }

  @Override
  public void write(Map<?, ?> record, LineBuffer out) {
    String line;
    try {
      Map<Object, Object> values = new LinkedHashMap<>(record);
      values.put("message", message(record));
      if (usesTime) {
        values.put("asctime", asctime(record.get("created"), record.get("msecs")));
      }
      line = format.apply(values);
    } catch (IllegalArgumentException e) {
      line = "[deli: the text format cannot take this record: " + e.getMessage() + "] " + PyRepr.repr(record);
    }
    Object exc = record.get("exc_text");
    if (exc != null && !"".equals(exc)) {
      line = (line.endsWith("\n") ? line : line + "\n") + PyRepr.str(exc);
    }
    Object stack = record.get("stack_info");
    if (stack != null && !"".equals(stack)) {
      line = (line.endsWith("\n") ? line : line + "\n") + PyRepr.str(stack);
    }
    out.appendUtf8(line);
  }

  /** {@code LogRecord.getMessage()}: {@code str(msg)}, then {@code % args} when there are args. */
  static String message(Map<?, ?> record) {
    String msg = PyRepr.str(record.get("msg"));
    Object args = record.get("args");
    boolean hasArgs =
        args instanceof Object[] t ? t.length > 0 : args instanceof Map<?, ?> m ? !m.isEmpty() : args != null;
    if (!hasArgs) {
      return msg;
    }
    PyFormat f = PyFormat.parse(msg);
    if (args instanceof Map<?, ?> m && !f.keys().isEmpty()) {
      return f.apply(m);
    }
    String s = f.applyPositional(args instanceof Object[] t ? t : new Object[] {args});
    if (s == null) {
      throw new IllegalArgumentException("not all arguments converted during string formatting");
    }
    return s;
  }

  private String asctime(Object created, Object msecs) {
    double t = created instanceof Number n ? n.doubleValue() : 0;
    long seconds = (long) Math.floor(t);
    long ms = msecs instanceof Number n ? (long) n.doubleValue() : 0;
    return ASCTIME.format(Instant.ofEpochSecond(seconds).atZone(zone)) + "," + String.format("%03d", ms);
  }
}
