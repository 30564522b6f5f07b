package deli.weather;

import com.typesafe.config.Config;
import deli.core.DurationRange;
import deli.core.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The settings of {@code deli weather serve}, read once from {@code deli.weather.serve}.
 *
 * @param dir the folder of forecast files; empty: deli's samples
 * @param host the interface to listen on
 * @param port the port (0: any free one)
 * @param latency added before every answer
 * @param failureRate the chance that a request is answered 503
 * @param faults faults for given files
 * @param seed the seed of the draws, when a run must repeat
 */
public record FixtureSettings(
    String dir, String host, int port, DurationRange latency, double failureRate, List<Fault> faults, OptionalLong seed) {

  public FixtureSettings {
    faults = List.copyOf(faults);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
    }
    if (!(failureRate >= 0 && failureRate <= 1)) {
      throw new IllegalArgumentException("failure-rate must be 0 to 1, not " + failureRate);
    }
  }

  public static FixtureSettings from(Config c) {
    List<Fault> faults = new ArrayList<>();
    for (String spec : c.getStringList("faults")) {
      faults.add(Fault.parse(spec));
    }
    return new FixtureSettings(
        c.getString("dir"),
        c.getString("host"),
        c.getInt("port"),
        Settings.range(c, "latency"),
        c.getDouble("failure-rate"),
        faults,
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty());
  }
}
