package deli.core;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command's flags that are its declared settings, as a picocli mixin
 * ({@code @Mixin Flags flags = new Flags(ChefsSettings.OPTIONS);}): {@link Cli#commandLine}
 * adds a flag for each setting with help, and the command reads what the user typed through
 * it: config with the flags on top, the settings record, a flag's own value.
 */
@Command // what picocli asks of a mixin; the flags themselves are added from the settings
public final class Flags {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private final Options options;

  public Flags(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /**
   * Adds to {@code spec} a flag for each setting with help, in the order declared: the flag's
   * names, label, help and type from the one declaration, so a flag is named once. picocli's
   * {@code --help} and {@code --version} stay last.
   */
  void declare(CommandSpec spec) {
    boolean standard = spec.mixinStandardHelpOptions();
    spec.mixinStandardHelpOptions(false);
    for (Setting s : options.settings()) {
      Setting.Usage u = s.usage();
      if (u == null || u.help() == null) {
        continue;
      }
      OptionSpec.Builder b = OptionSpec.builder(s.flags().toArray(String[]::new)).description(u.help()).type(u.type());
      if (u.label() != null) {
        b.paramLabel(u.label());
      }
      // A switch's arity is left as picocli derives it for a Boolean (0, unspecified), as an
      // annotation leaves it: --index and --index=false both parse.
      if (u.type() == java.time.Duration.class) {
        b.converters(new Cli.DurationConverter());
      } else if (u.type() == DurationRange.class) {
        b.converters(new Cli.RangeConverter());
      } else if (u.type() == List.class) {
        b.auxiliaryTypes(String.class);
      }
      spec.addOption(u.more().apply(b).build());
    }
    spec.mixinStandardHelpOptions(standard);
  }

  /** The configuration with the flags the user typed on top. */
  public Config load() {
    return options.load(spec);
  }

  /** As {@link #load()}, with paths the command works out itself on top of those. */
  public Config load(Map<String, ?> extra) {
    return options.load(spec, extra);
  }

  /** The settings record read from {@code config}, a bad value a usage error naming the flag as typed. */
  public <S> S settings(Config config, Function<Config, S> read) {
    return options.settings(spec, config, read);
  }

  /** The value of {@code key}'s flag, as picocli typed it, when the user gave it. */
  public Optional<Object> given(String key) {
    return options.flag(spec, key);
  }

  /** A usage error of the command's: {@code message}, after the command's name and before the hint. */
  public ParameterException error(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** The usage error {@code "--flag PROBLEM"} about {@code key}, the flag named as typed. */
  public ParameterException usage(String key, String problem) {
    return options.usage(spec, key, problem);
  }
}
