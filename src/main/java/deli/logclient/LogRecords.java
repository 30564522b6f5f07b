package deli.logclient;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Log records as CPython 3.11's {@code LogRecord} holds them, and as
 * {@code SocketHandler.makePickle} sends them: the message already formatted, {@code args} and
 * {@code exc_info} None, the keys in {@code LogRecord.__init__}'s order. Python's
 * {@code logging.makeLogRecord} rebuilds a record from such a dict.
 */
final class LogRecords {
  /** The source the records say they come from. */
  private static final String FILE = "SortingClient.java";

  private final String processName;
  private final long pid = ProcessHandle.current().pid();
  private final double start;

  /** Records of one client; {@code relativeCreated} counts from now, as from logging's import. */
  LogRecords(String processName) {
    this.processName = processName;
    this.start = now();
  }

  /** An INFO record of {@code logger}, with {@code message} already formatted. */
  Map<String, Object> info(String logger, String message, String funcName, int lineno) {
    double created = now();
    Thread t = Thread.currentThread();
    Map<String, Object> r = new LinkedHashMap<>(32);
    r.put("name", logger);
    r.put("msg", message);
    r.put("args", null);
    r.put("levelname", "INFO");
    r.put("levelno", 20);
    r.put("pathname", "deli/logclient/" + FILE);
    r.put("filename", FILE);
    r.put("module", "SortingClient");
    r.put("exc_info", null);
    r.put("exc_text", null);
    r.put("stack_info", null);
    r.put("lineno", lineno);
    r.put("funcName", funcName);
    r.put("created", created);
    r.put("msecs", (double) (long) ((created - (long) created) * 1000)); // 3.11: int(...) + 0.0
    r.put("relativeCreated", (created - start) * 1000);
    r.put("thread", t.getId());
    r.put("threadName", t.getName());
    r.put("processName", processName);
    r.put("process", pid);
    return r;
  }

  /** Python's {@code %.Nf} of a duration (non-negative, well inside a long when scaled). */
  static String fixed(double v, int decimals) {
    long scale = 1;
    for (int i = 0; i < decimals; i++) {
      scale *= 10;
    }
    long units = Math.round(v * scale);
    String frac = Long.toString(units % scale);
    return units / scale + "." + "0".repeat(decimals - frac.length()) + frac;
  }

  private static double now() {
    Instant i = Instant.now();
    return i.getEpochSecond() + i.getNano() / 1e9;
  }
}
