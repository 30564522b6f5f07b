package deli.logserver;

import deli.core.Failures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.pekko.util.ByteString;

/**
 * Turns the frames of one connection into output lines: each frame's pickle (after its 4-byte
 * length header) is read with {@link RecordUnpickler} and written with the chosen
 * {@link LineFormat}. The first bad frame ends the chunk: the lines before it are kept, and the
 * chunk carries the reason. One decoder per connection, used by one thread at a time.
 */
final class RecordDecoder {
  /** --max-record's default: a 1 MiB pickle of text escaped for JSON stays well under it. */
  static final long MAX_RECORD = 16L * 1024 * 1024;

  private final LineFormat format;
  private final long maxRecord;
  private final RecordUnpickler unpickler = new RecordUnpickler();
  private final LineBuffer lines;
  private byte[] frame = new byte[4096];
  private long decoded;

  RecordDecoder(LineFormat format) {
    this(format, MAX_RECORD);
  }

  /** A decoder refusing any record that would make a line of more than {@code maxRecord} bytes. */
  RecordDecoder(LineFormat format, long maxRecord) {
    this.format = format;
    this.maxRecord = maxRecord;
    this.lines = new LineBuffer(64 * 1024, maxRecord);
  }

  /** Records decoded so far on this connection. */
  long decoded() {
    return decoded;
  }

  /**
   * The lines of {@code frames} (each still with its header), then {@code after} as the
   * chunk's error when every frame was good.
   */
  Chunk decode(List<ByteString> frames, BadInput after) {
    for (ByteString f : frames) {
      BadInput bad = decodeOne(f);
      if (bad != null) {
        return lines.take(bad);
      }
    }
    return lines.take(after);
  }

  private BadInput decodeOne(ByteString f) {
    int n = f.length();
    // Equivalent mutants: "<=" here, or growing by less than twice, only allocates more often.
    if (frame.length < n) {
      frame = new byte[Math.max(n, frame.length * 2)];
    }
    ByteBuffer bb = f.asByteBuffer();
    bb.get(frame, 0, n);
    Object record;
    try {
      record = unpickler.read(frame, 4, n);
    } catch (BadInput e) {
      return new BadInput(e.reason(), where() + ": " + e.getMessage());
    } catch (IOException | RuntimeException | StackOverflowError e) {
      return new BadInput(BadInput.Reason.NOT_PICKLE, where() + " is not a pickle: " + Failures.describe(e));
    }
    if (!(record instanceof Map<?, ?> map)) {
      return new BadInput(BadInput.Reason.NOT_DICT, where() + " is a pickle of " + pythonType(record) + ", not of a dict");
    }
    try {
      if (unpickler.sharesObjects()) {
        // Only shared objects make a record larger than a few times its pickle (which the
        // line's own bound below catches); walking every record would cost a tenth of the time.
        RecordSize.check(map, n - 4, maxRecord);
      }
      format.write(map, lines);
      if (lines.lineLength() > maxRecord) {
        throw new BadInput(
            BadInput.Reason.TOO_LARGE,
            String.format(java.util.Locale.ROOT, "the record makes a line of %,d bytes, more than --max-record (%,d bytes)", lines.lineLength(), maxRecord));
      }
    } catch (BadInput e) {
      lines.dropPartialLine();
      return new BadInput(e.reason(), where() + ": " + e.getMessage());
    }
    lines.endLine();
    decoded++;
    return null;
  }

  private String where() {
    return "record " + (decoded + 1) + " of the connection";
  }

  /** The Python type name of what a pickle decoded to, for the warning. */
  static String pythonType(Object o) {
    if (o == null) {
      return "None";
    }
    if (o instanceof String) {
      return "a str";
    }
    if (o instanceof Integer || o instanceof Long || o instanceof java.math.BigInteger) {
      return "an int";
    }
    if (o instanceof Double) {
      return "a float";
    }
    if (o instanceof Boolean) {
      return "a bool";
    }
    if (o instanceof Object[]) {
      return "a tuple";
    }
    if (o instanceof java.util.Set) {
      return "a set";
    }
    if (o instanceof List) {
      return "a list";
    }
    if (o instanceof byte[]) {
      return "bytes";
    }
    return "a " + o.getClass().getSimpleName();
  }
}
