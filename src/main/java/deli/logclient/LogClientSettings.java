package deli.logclient;

import com.typesafe.config.Config;
import deli.core.Settings;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * The settings of {@code deli logclient}, read once from {@code deli.logclient}.
 *
 * @param host the log server's host
 * @param port its port
 * @param clients how many clients, each with its own connection (the chapter's processes)
 * @param workload how many lists each client sorts
 * @param sorter the chapter's sorter
 * @param seed the seed of the random lists, when a run must repeat
 * @param echo print each message too, as the chapter's StreamHandler does
 * @param connectTimeout how long a client tries to connect
 */
public record LogClientSettings(
    String host,
    int port,
    int clients,
    int workload,
    Sorters sorter,
    OptionalLong seed,
    boolean echo,
    Duration connectTimeout) {

  public static final int MAX_CLIENTS = 10_000;

  public LogClientSettings {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, not " + port);
    }
    if (clients < 1 || clients > MAX_CLIENTS) {
      throw new IllegalArgumentException("clients must be 1 to " + MAX_CLIENTS + ", not " + clients);
    }
    if (workload < 0 || workload > 10_000_000) {
      throw new IllegalArgumentException("workload must be 0 to 10,000,000, not " + workload);
    }
  }

  public static LogClientSettings from(Config c) {
    return new LogClientSettings(
        c.getString("host"),
        c.getInt("port"),
        c.getInt("clients"),
        c.getInt("workload"),
        Sorters.parse(c.getString("sorter")),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty(),
        c.getBoolean("echo"),
        Settings.duration(c, "connect-timeout"));
  }

  /** The records all clients send: the chapter's workload * 2 + 2 each. */
  public long records() {
    return (long) clients * (workload * 2L + 2);
  }
}
