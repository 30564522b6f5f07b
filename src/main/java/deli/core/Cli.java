package deli.core;

import com.typesafe.config.Config;
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

  /** The configuration with the flags on top: see {@link DeliConfig}. */
  public static Config load(Map<String, ?> overrides) {
    return DeliConfig.load(overrides);
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
