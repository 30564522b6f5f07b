package deli.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * What every command shares at the edge: config loading with flags on top, and picocli
 * converters for deli's one way of writing durations and ranges.
 */
public final class Cli {
  private Cli() {}

  /**
   * The configuration: {@code overrides} (the flags) over the operator's file (scripts/deli
   * passes {@code -Dconfig.file=application.conf}) over reference.conf.
   */
  public static Config load(Map<String, ?> overrides) {
    Config flags = ConfigFactory.empty();
    for (Map.Entry<String, ?> e : overrides.entrySet()) {
      flags = flags.withValue(e.getKey(), ConfigValueFactory.fromAnyRef(e.getValue(), "command line"));
    }
    ConfigFactory.invalidateCaches();
    return flags.withFallback(ConfigFactory.load()).resolve();
  }

  /** {@code 250ms}, {@code 1s}, {@code 1.5s}, {@code 0}. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** {@code 1s..2s}, or one duration for a fixed time. */
  public static final class RangeConverter implements ITypeConverter<DurationRange> {
    @Override
    public DurationRange convert(String value) {
      try {
        return DurationRange.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
