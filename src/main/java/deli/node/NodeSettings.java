package deli.node;

import com.typesafe.config.Config;
import deli.core.Settings;
import deli.service.Admission;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@code deli node}, read once from {@code deli.http} and {@code deli.node}.
 *
 * @param httpHost the interface the HTTP API listens on
 * @param httpPort its port (0: any free port, printed at start)
 * @param askTimeout how long an HTTP request waits for the actors' answer
 * @param drain how long requests in flight may take to finish when the node stops
 * @param maxRequestBytes the largest request body accepted
 * @param restartMin the first backoff before a failed service restarts
 * @param restartMax the longest backoff
 * @param statusTimeout how long {@code /status} and {@code /cluster} wait for each service
 * @param admission the work the node holds at once
 * @param retryAfter what a 429 tells the client to wait
 * @param fileRoots the directories the node reads for its callers ({@code POST /imports})
 * @param token the bearer token callers must give (blank: none; needed to listen beyond loopback)
 */
public record NodeSettings(
    String httpHost,
    int httpPort,
    Duration askTimeout,
    Duration drain,
    long maxRequestBytes,
    Duration restartMin,
    Duration restartMax,
    Duration statusTimeout,
    Admission.Bounds admission,
    Duration retryAfter,
    String token,
    List<String> fileRoots) {

  public static NodeSettings from(Config c) {
    return new NodeSettings(
        c.getString("http.host"),
        c.getInt("http.port"),
        Settings.duration(c, "http.ask-timeout"),
        Settings.duration(c, "http.drain"),
        c.getBytes("http.max-request-bytes"),
        Settings.duration(c, "node.restart-min"),
        Settings.duration(c, "node.restart-max"),
        Settings.duration(c, "node.status-timeout"),
        admission(c.getConfig("http.admission")),
        Settings.duration(c, "http.admission.retry-after"),
        c.getString("http.token"),
        c.getStringList("http.file-roots"));
  }

  private static Admission.Bounds admission(Config c) {
    Map<String, Long> services = new HashMap<>();
    for (String name : c.getConfig("services").root().keySet()) {
      services.put(name, c.getLong("services." + name));
    }
    try {
      return new Admission.Bounds(c.getLong("total"), c.getLong("per-service"), services);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("deli.http.admission: " + e.getMessage());
    }
  }
}
