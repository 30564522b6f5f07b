package deli.logserver;

import java.util.Locale;

/**
 * Why a connection was closed on bad input: the kind (counted in the server's stats) and a
 * sentence for the warning. Thrown inside the decoder and carried to the writer in the last
 * {@link Chunk} of the connection; it has no stack trace, as it is no bug.
 */
public final class BadInput extends RuntimeException {
  /** The kinds of bad input, as the stats count them. */
  public enum Reason {
    /** A frame header announcing more than --max-frame bytes (garbage often looks like this). */
    OVERSIZE,
    /** The connection ended, or stalled, in the middle of a frame. */
    TRUNCATED,
    /** The client connected and sent nothing within the idle timeout. */
    SILENT,
    /** The payload is not a pickle Python would load. */
    NOT_PICKLE,
    /** The pickle holds something other than a dict. */
    NOT_DICT,
    /** The pickle names a Python callable or class (what a malicious pickle does). */
    UNSAFE,
    /** The record nests deeper than JSON can follow (or refers to itself). */
    TOO_DEEP,
    /** The connection failed under us (reset by the peer). */
    BROKEN,
    /** The record would become more than --max-record bytes (a pickle that shares one part many times). */
    TOO_LARGE,
    /** A frame took longer than --frame-timeout to arrive (a byte now and then: slowloris). */
    SLOW;

    /** The stats key: {@code not-pickle}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Reason reason;

  public BadInput(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
