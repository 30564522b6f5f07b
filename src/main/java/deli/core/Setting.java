package deli.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One setting of a program, declared once: its key under the program's config tree (which is
 * also its HTTP body key), the flags that set it on the command line, what kind of value it
 * holds and, for numbers, its {@link Bounds}. {@link Options} maps flags and bodies through it.
 *
 * @param key the key under the tree, as in reference.conf: {@code "fail-rate"}
 * @param flags the command line's names for it ({@code -m}, {@code --limit}, or a positional
 *     parameter's label, {@code DIR}); none: not set on the command line
 * @param kind what the value is, for the check of its type
 * @param bounds for a number, the values allowed; null for no bound or no number
 * @param body whether an HTTP body may set it
 * @param fromFlag the flag's value as config holds it, when the two are written differently
 * @param usage how the command line takes the flag and what its help says; without help, the
 *     command declares the flag itself (a positional parameter, a flag with logic of its own)
 */
public record Setting(
    String key, List<String> flags, Kind kind, Bounds bounds, boolean body, Function<Object, Object> fromFlag, Usage usage) {

  /**
   * The flag as picocli takes it, built from the setting by {@link Options#declare}: its value's
   * label in the help ({@code N}, {@code DURATION}; none for a switch), the help, the Java type
   * picocli converts the text to, and anything more picocli must know (a split, an arity).
   */
  public record Usage(String label, String help, Class<?> type, UnaryOperator<OptionSpec.Builder> more) {}

  /** What a setting's value is: what its type check says it must be. */
  public enum Kind {
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    TEXT("text"),
    LIST("a list"),
    OTHER("");

    final String what;

    Kind(String what) {
      this.what = what;
    }
  }

  public Setting(String key, List<String> flags, Kind kind, Bounds bounds, boolean body, Function<Object, Object> fromFlag) {
    this(key, flags, kind, bounds, body, fromFlag, null);
  }

  public Setting {
    flags = List.copyOf(flags);
    if (bounds != null && kind != Kind.INTEGER && kind != Kind.NUMBER) {
      throw new IllegalArgumentException(key + ": bounds on a " + kind);
    }
  }

  /** A whole number from {@code min} to {@code max}. */
  public static Setting integer(String key, long min, long max) {
    // A long, whatever the bounds: a value past an int's range is told the setting's bounds.
    return new Setting(key, List.of(), Kind.INTEGER, Bounds.of(min, max), true, Setting::asConfig, typed(Long.class));
  }

  /** A whole number with no bound of its own (a seed). */
  public static Setting integer(String key) {
    return new Setting(key, List.of(), Kind.INTEGER, null, true, Setting::asConfig, typed(Long.class));
  }

  /** A number within {@code bounds}. */
  public static Setting number(String key, Bounds bounds) {
    return new Setting(key, List.of(), Kind.NUMBER, bounds, true, Setting::asConfig, typed(Double.class));
  }

  public static Setting bool(String key) {
    return new Setting(key, List.of(), Kind.BOOLEAN, null, true, Setting::asConfig, typed(Boolean.class));
  }

  public static Setting text(String key) {
    return new Setting(key, List.of(), Kind.TEXT, null, true, Setting::asConfig, typed(String.class));
  }

  public static Setting list(String key) {
    return new Setting(key, List.of(), Kind.LIST, null, true, Setting::asConfig, typed(List.class));
  }

  /** A value its settings record reads and checks itself: a duration, a range, a size. */
  public static Setting value(String key) {
    return new Setting(key, List.of(), Kind.OTHER, null, true, Setting::asConfig, typed(String.class));
  }

  /** A duration: {@code 250ms}, {@code 1.5s}, {@code 0}. */
  public static Setting duration(String key) {
    return value(key).type(Duration.class);
  }

  /** A random range of durations: {@code 1s..2s}, or one duration. */
  public static Setting range(String key) {
    return value(key).type(DurationRange.class);
  }

  private static Usage typed(Class<?> type) {
    return new Usage(null, null, type, b -> b);
  }

  /** Typed on the command line as a {@code type} (a {@code Path}, a {@code URI}): what picocli converts the text to. */
  public Setting type(Class<?> type) {
    return withUsage(new Usage(usage.label(), usage.help(), type, usage.more()));
  }

  /** The flag's help: its value's label ({@code N}, {@code DURATION}) and what it says. */
  public Setting help(String label, String help) {
    return withUsage(new Usage(label, help, usage.type(), usage.more()));
  }

  /** The help of a switch, a flag that takes no value. */
  public Setting help(String help) {
    return help(null, help);
  }

  /** Something more picocli must know of the flag: {@code b -> b.splitRegex(",")}. */
  public Setting more(UnaryOperator<OptionSpec.Builder> more) {
    return withUsage(new Usage(usage.label(), usage.help(), usage.type(), b -> more.apply(usage.more().apply(b))));
  }

  private Setting withUsage(Usage u) {
    return new Setting(key, flags, kind, bounds, body, fromFlag, u);
  }

  /** Set on the command line by {@code names}. */
  public Setting flags(String... names) {
    return new Setting(key, List.of(names), kind, bounds, body, fromFlag, usage);
  }

  /** Not for an HTTP body: what only makes sense in a terminal or to the operator. */
  public Setting cliOnly() {
    return new Setting(key, flags, kind, bounds, false, fromFlag, usage);
  }

  /**
   * The flag's value turned into config's by {@code convert} (an {@code @FILE} read into a
   * list, a switch that turns a setting off); an {@link IllegalArgumentException} it throws is
   * a usage error whose message follows the flag.
   */
  public Setting fromFlag(Function<Object, Object> convert) {
    return new Setting(key, flags, kind, bounds, body, convert, usage);
  }

  /** Durations and ranges as the command line writes them, paths as text: what config holds. */
  public static Object asConfig(Object value) {
    if (value instanceof Duration d) {
      return Durations.format(d);
    }
    if (value instanceof DurationRange || value instanceof Path || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Setting::asConfig).toList();
    }
    return value;
  }
}
