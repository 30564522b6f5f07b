package deli.weather;

import deli.core.Durations;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what a fetch came back with into a zone's {@link Failure}, or the advisory when it
 * worked: a status, a document, or one of the many exceptions Pekko HTTP fails with.
 */
public final class Failures {
  private Failures() {}

  /** The advisory of a 2xx forecast, or why this answer is not one. */
  public static Judged judge(Zone zone, ForecastClient.Answer answer) {
    if (answer.status() < 200 || answer.status() > 299) {
      return new Judged(null, Failure.status(answer.status(), answer.reason()));
    }
    Optional<String> problem = ForecastText.problem(zone, answer.document());
    if (problem.isPresent()) {
      return new Judged(null, Failure.unparsable(problem.get()));
    }
    return new Judged(ForecastText.advisory(answer.document()), null);
  }

  /** An answer judged: exactly one of {@code advisory} and {@code failure} is set. */
  public record Judged(String advisory, Failure failure) {}

  /** The failure of an attempt that timed out by the fetcher's own clock. */
  public static Failure timedOut(Duration timeout) {
    return Failure.timeout("timed out after " + Durations.format(timeout));
  }

  /** What a failed request means for a user; {@code authority} is the server's host:port. */
  public static Failure of(Throwable error, String authority, Duration timeout) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String name = t.getClass().getName();
      String message = t.getMessage() == null ? "" : t.getMessage();
      String lower = message.toLowerCase(Locale.ROOT);
      if (t instanceof UnknownHostException) {
        return Failure.connection("cannot resolve the host " + hostOf(authority));
      }
      if (t instanceof ConnectException || lower.contains("connection refused")) {
        return Failure.connection("connection refused by " + authority);
      }
      if (t instanceof NoRouteToHostException || lower.contains("no route to host") || lower.contains("network is unreachable")) {
        return Failure.connection("no route to " + authority);
      }
      if (t instanceof SSLException) {
        return Failure.connection("TLS with " + authority + " failed: " + message);
      }
      if (name.endsWith("EntityStreamSizeException")) {
        return Failure.unparsable("the document is too large (" + message + ")");
      }
      if (t instanceof java.util.concurrent.TimeoutException
          || name.endsWith("TimeoutException")
          || lower.contains("timed out")
          || lower.contains("timeout")) {
        return Failure.timeout("timed out after " + Durations.format(timeout));
      }
      if (lower.contains("unknownhost") || lower.contains("name or service not known") || lower.contains("nodename nor servname")) {
        return Failure.connection("cannot resolve the host " + hostOf(authority));
      }
    }
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null || root.getMessage().isBlank() ? root.getClass().getSimpleName() : root.getMessage();
    return Failure.connection("the connection to " + authority + " failed: " + oneLine(msg));
  }

  private static String hostOf(String authority) {
    int colon = authority.lastIndexOf(':');
    return colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
  }

  private static String oneLine(String s) {
    String line = s.lines().findFirst().orElse("").strip();
    return line.length() > 200 ? line.substring(0, 197) + "..." : line;
  }
}
