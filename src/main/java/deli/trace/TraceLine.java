package deli.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.core.DeliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a trace log, as {@link TraceLog} writes it: a message handled. {@code sender} may
 * be null; lines written before spans existed have no {@code spanId} or {@code parentId} (empty)
 * and no timings (-1).
 *
 * @param time when its handling began (older lines: when it was received)
 * @param waitNanos how long it waited in the mailbox, or -1 when not known
 * @param tookNanos how long its handling took, or -1 when not known
 */
public record TraceLine(
    Instant time,
    String node,
    String traceId,
    String sender,
    String receiver,
    String type,
    String message,
    String spanId,
    String parentId,
    long waitNanos,
    long tookNanos) {

  /** A sender left out of its line, to be found from the line's parent (compared by identity). */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String UNRESOLVED = new String("?");

  /** A line as written before spans: no ids, no timings. */
  public TraceLine(Instant time, String node, String traceId, String sender, String receiver, String type, String message) {
    this(time, node, traceId, sender, receiver, type, message, "", "", -1, -1);
  }

  /** When its handling ended, if known; else when it began. */
  public Instant end() {
    return tookNanos < 0 ? time : time.plusNanos(tookNanos);
  }

  /** When it was sent, if known; else when its handling began. */
  public Instant sent() {
    return waitNanos < 0 ? time : time.minusNanos(waitNanos);
  }

  TraceLine withSender(String s) {
    return new TraceLine(time, node, traceId, s, receiver, type, message, spanId, parentId, waitNanos, tookNanos);
  }

  /** What reading a trace file gave: the lines, and how many lines were not trace lines. */
  public record Read(List<TraceLine> lines, int skipped) {
    public Read {
      lines = List.copyOf(lines);
    }
  }

  /**
   * Reads every trace line of the files (several nodes' logs may be given, or one merged log),
   * skipping lines that are not trace lines: a log may mix them with other output.
   */
  public static Read read(List<Path> files) {
    ObjectMapper json = new ObjectMapper();
    List<TraceLine> out = new ArrayList<>();
    int skipped = 0;
    for (Path file : files) {
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          TraceLine t = parse(json, line);
          if (t == null) {
            if (!line.isBlank()) {
              skipped++;
            }
          } else {
            out.add(t);
          }
        }
      } catch (NoSuchFileException e) {
        throw new DeliException("no such trace file: " + file);
      } catch (IOException e) {
        throw new DeliException("cannot read the trace file " + file + ": " + e.getMessage());
      }
    }
    return new Read(sendersFilledIn(out), skipped);
  }

  /**
   * A line without a sender but with a parent was sent by its parent's receiver (writers leave
   * it out to keep lines short); a parent outside the files leaves it unknown ({@code ?}).
   */
  private static List<TraceLine> sendersFilledIn(List<TraceLine> lines) {
    java.util.Map<String, TraceLine> bySpan = new java.util.HashMap<>();
    for (TraceLine l : lines) {
      if (!l.spanId().isEmpty()) {
        bySpan.put(l.traceId() + "/" + l.spanId(), l);
      }
    }
    List<TraceLine> out = new ArrayList<>(lines.size());
    for (TraceLine l : lines) {
      if (l.sender() == UNRESOLVED) {
        TraceLine parent = bySpan.get(l.traceId() + "/" + l.parentId());
        out.add(l.withSender(parent == null ? "?" : parent.receiver()));
      } else {
        out.add(l);
      }
    }
    return out;
  }

  static TraceLine parse(ObjectMapper json, String line) {
    int brace = line.indexOf('{');
    if (brace < 0) {
      return null;
    }
    try {
      JsonNode n = json.readTree(line.substring(brace));
      if (n == null || !n.hasNonNull("traceId") || !n.hasNonNull("receiver") || !n.hasNonNull("time")) {
        return null;
      }
      JsonNode time = n.get("time");
      // Span lines give the time in microseconds since the epoch; older lines as ISO-8601 text.
      Instant at = time.isNumber()
          ? Instant.ofEpochSecond(0, Math.multiplyExact(time.asLong(), 1000L))
          : Instant.parse(time.asText());
      String parentId = n.path("parentId").asText("");
      String sender = n.hasNonNull("sender") ? n.get("sender").asText() : null;
      if (!n.has("sender") && !parentId.isEmpty()) {
        sender = UNRESOLVED;
      }
      String type = n.path("type").asText("?");
      String message = n.path("message").asText("");
      boolean span = n.has("spanId");
      if (span && (message.isEmpty() || message.startsWith("("))) {
        message = type + message; // span lines leave the type out of the rendering: it has its own field
      }
      return new TraceLine(
          at,
          n.path("node").asText("local"),
          n.get("traceId").asText(),
          sender,
          n.get("receiver").asText(),
          type,
          message,
          n.path("spanId").asText(""),
          parentId,
          n.path("wait").asLong(-1),
          n.path("took").asLong(-1));
    } catch (IOException | DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
