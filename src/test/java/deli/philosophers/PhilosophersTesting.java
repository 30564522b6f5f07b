package deli.philosophers;

import deli.core.DeliConfig;
import java.util.HashMap;
import java.util.Map;

/** Dinner settings in a test, read the way the command and the node read them. */
final class PhilosophersTesting {
  private PhilosophersTesting() {}

  /**
   * deli's reference settings with these overrides of {@code deli.philosophers}; the dinner does
   * not sample its table unless {@code sample-every} is given, as on the command line.
   */
  static PhilosophersSettings settings(Map<String, ?> overrides) {
    Map<String, Object> flags = new HashMap<>();
    flags.put("deli.philosophers.sample-every", "0");
    overrides.forEach((k, v) -> flags.put("deli.philosophers." + k, v));
    return PhilosophersSettings.from(DeliConfig.load(flags).getConfig("deli.philosophers"));
  }
}
