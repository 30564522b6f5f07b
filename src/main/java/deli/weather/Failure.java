package deli.weather;

import deli.core.CborSerializable;

/**
 * Why one zone's forecast could not be had on one attempt.
 *
 * @param kind what went wrong
 * @param detail what a user reads: {@code HTTP 404 Not Found}, {@code timed out after 10s}
 * @param status the HTTP status for {@link Kind#HTTP_STATUS}, else 0
 */
public record Failure(Kind kind, String detail, int status) implements CborSerializable {
  /** The ways a fetch fails. */
  public enum Kind {
    /** No complete answer within the timeout. */
    TIMEOUT,
    /** The server answered with a status other than 2xx. */
    HTTP_STATUS,
    /** No connection, or it broke: refused, unreachable, unknown host, closed mid-answer. */
    CONNECTION,
    /** An answer came, but it is not this zone's forecast. */
    UNPARSABLE
  }

  public static Failure timeout(String detail) {
    return new Failure(Kind.TIMEOUT, detail, 0);
  }

  public static Failure status(int status, String reason) {
    String text = reason == null || reason.isBlank() ? "" : " " + reason;
    return new Failure(Kind.HTTP_STATUS, "HTTP " + status + text, status);
  }

  public static Failure connection(String detail) {
    return new Failure(Kind.CONNECTION, detail, 0);
  }

  public static Failure unparsable(String detail) {
    return new Failure(Kind.UNPARSABLE, detail, 0);
  }

  /**
   * Whether trying again may help: timeouts, broken connections, 5xx, 408 and 429. A 404 or
   * a document that is not a forecast will be the same next time.
   */
  public boolean isTransient() {
    return switch (kind) {
      case TIMEOUT, CONNECTION -> true;
      case HTTP_STATUS -> status >= 500 || status == 408 || status == 429;
      case UNPARSABLE -> false;
    };
  }

  @Override
  public String toString() {
    return detail;
  }
}
