package deli.logserver;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's figures. {@code lines} counts records written, {@code badInput} connections
 * closed per kind of bad input, {@code fileLines} the records in the current file,
 * {@code lastRecords} the lines of the few records received last ({@link LastRecords}).
 */
public record ServerStats(
    String state,
    String address,
    String out,
    String format,
    int openConnections,
    long connections,
    Map<String, Long> badInput,
    long lines,
    long bytes,
    int files,
    long fileLines,
    long lateLines,
    List<String> lastRecords) {
  public ServerStats {
    badInput = Collections.unmodifiableMap(new LinkedHashMap<>(badInput));
    lastRecords = List.copyOf(lastRecords);
  }

  ServerStats withWriter(long lines, long bytes, int files, long fileLines, long late) {
    return new ServerStats(state, address, out, format, openConnections, connections, badInput, lines, bytes, files, fileLines, late, lastRecords);
  }

  /** Connections closed for bad input, all kinds together. */
  public long badInputs() {
    return badInput.values().stream().mapToLong(Long::longValue).sum();
  }
}
