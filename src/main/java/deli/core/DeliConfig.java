package deli.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;

/**
 * Loads deli's configuration, highest first: the flags, system properties, the operator's
 * file ({@code -Dconfig.file}, application.conf), deli's settings for Pekko
 * ({@code deli/pekko.conf}), then every library's reference.conf (deli's own included).
 */
public final class DeliConfig {
  private DeliConfig() {}

  public static Config load() {
    return load(Map.of());
  }

  public static Config load(Map<String, ?> flags) {
    Config overrides = ConfigFactory.empty();
    for (Map.Entry<String, ?> e : flags.entrySet()) {
      overrides = overrides.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "command line"));
    }
    ConfigFactory.invalidateCaches();
    return overrides
        .withFallback(ConfigFactory.defaultOverrides())
        .withFallback(ConfigFactory.defaultApplication())
        .withFallback(ConfigFactory.parseResources(DeliConfig.class.getClassLoader(), "deli/pekko.conf"))
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }
}
