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

/** One line of a trace log, as {@link TraceLog} writes it; {@code sender} may be null. */
public record TraceLine(
    Instant time, String node, String traceId, String sender, String receiver, String type, String message) {

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
    return new Read(out, skipped);
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
      return new TraceLine(
          Instant.parse(n.get("time").asText()),
          n.path("node").asText("local"),
          n.get("traceId").asText(),
          n.hasNonNull("sender") ? n.get("sender").asText() : null,
          n.get("receiver").asText(),
          n.path("type").asText("?"),
          n.path("message").asText(""));
    } catch (IOException | DateTimeParseException e) {
      return null;
    }
  }
}
