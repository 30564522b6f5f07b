package deli.core;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * What every command shares at the edge: config loading with flags on top, and picocli
 * converters for deli's one way of writing durations, ranges and numbers (Main registers the
 * number converters for every command, so a bad number reads as every other bad value).
 */
public final class Cli {
  private Cli() {}

  /** The configuration with the flags on top: see {@link DeliConfig}. */
  public static Config load(Map<String, ?> overrides) {
    return DeliConfig.load(overrides);
  }

  /**
   * The command line of {@code command} (an instance or a class) and its subcommands, each with
   * a flag for each declared setting its {@link Flags} mixin holds.
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cli = new CommandLine(command);
    declare(cli);
    return cli;
  }

  private static void declare(CommandLine cli) {
    CommandSpec spec = cli.getCommandSpec();
    for (CommandSpec mixin : java.util.List.copyOf(spec.mixins().values())) {
      if (mixin.userObject() instanceof Flags flags) {
        flags.declare(spec);
      }
    }
    cli.getSubcommands().values().forEach(Cli::declare);
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

  /** A number typed on the command line: {@code --seed abc} is {@code "--seed must be an integer, not 'abc'"}. */
  public static Long parseLong(String text) {
    try {
      return Long.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          text.strip().matches("[-+]?\\d+")
              ? String.format(java.util.Locale.ROOT, "must be %,d to %,d, not %s", Long.MIN_VALUE, Long.MAX_VALUE, text)
              : "must be an integer, not '" + text + "'");
    }
  }

  /** {@link #parseLong}, for an {@code int}. */
  public static Integer parseInt(String text) {
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new TypeConversionException(
          text.strip().matches("[-+]?\\d+")
              ? "must be " + Bounds.number(Integer.MIN_VALUE) + " to " + Bounds.number(Integer.MAX_VALUE) + ", not " + text
              : "must be an integer, not '" + text + "'");
    }
  }

  /** A number with a fraction: {@code --fail-rate x} is {@code "--fail-rate must be a number, not 'x'"}. */
  public static Double parseDouble(String text) {
    try {
      double d = Double.parseDouble(text.strip());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new TypeConversionException("must be a number, not '" + text + "'");
    }
  }
}
