package deli.core;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A program's settings, declared once: the config tree they live in ({@code deli.chefs}) and
 * each {@link Setting}. The command line maps the flags the user typed through it onto config
 * ({@link #load}), an HTTP body is checked against it (its keys, {@link #bodyKeys()}), and both
 * read the settings record through {@link #read}, so a value is checked the same way and worded
 * the same way whichever way it came: after the flag as the user typed it on the command line,
 * the body key over HTTP, the config path when it came from a file.
 */
public final class Options {
  private final String tree;
  private final Map<String, Setting> settings = new LinkedHashMap<>();

  private Options(String tree, List<Setting> settings) {
    this.tree = tree;
    for (Setting s : settings) {
      if (this.settings.put(s.key(), s) != null) {
        throw new IllegalArgumentException(tree + ": " + s.key() + " declared twice");
      }
    }
  }

  /** The settings under {@code tree}; an empty tree when the keys are whole paths (a node's). */
  public static Options of(String tree, Setting... settings) {
    return new Options(tree, List.of(settings));
  }

  /** Settings only the command line and config set: no route takes them in a body. */
  public static Options commandLine(String tree, Setting... settings) {
    return new Options(tree, java.util.Arrays.stream(settings).map(Setting::cliOnly).toList());
  }

  public String tree() {
    return tree;
  }

  public Collection<Setting> settings() {
    return settings.values();
  }

  public Optional<Setting> setting(String key) {
    return Optional.ofNullable(settings.get(key));
  }

  /** The keys an HTTP body may hold. */
  public Set<String> bodyKeys() {
    Set<String> keys = new TreeSet<>();
    settings.values().stream().filter(Setting::body).forEach(s -> keys.add(s.key()));
    return Set.copyOf(keys);
  }

  /** The config path of {@code key}: {@code deli.chefs.count}. */
  public String path(String key) {
    return tree.isEmpty() ? key : tree + "." + key;
  }

  // ---- the command line

  /** The value of {@code key}'s flag when the user typed it, as picocli typed it. */
  public Optional<Object> flag(CommandSpec spec, String key) {
    return given(spec).stream().filter(g -> g.setting().key().equals(key)).findFirst().map(g -> g.arg().getValue());
  }

  /** The configuration with the declared flags the user typed on top (see {@link DeliConfig}). */
  public Config load(CommandSpec spec) {
    return load(spec, Map.of());
  }

  /** As {@link #load(CommandSpec)}, with paths a command works out itself on top of those. */
  public Config load(CommandSpec spec, Map<String, ?> extra) {
    Map<String, Object> flags = new HashMap<>(overrides(spec));
    flags.putAll(extra);
    return DeliConfig.load(flags);
  }

  /**
   * Config path to value for each declared flag the user typed. Flags left out keep what config
   * says, so no default in the code hides the operator's file.
   */
  public Map<String, Object> overrides(CommandSpec spec) {
    Map<String, Object> out = new HashMap<>();
    for (Given given : given(spec)) {
      Setting setting = given.setting();
      Object value;
      try {
        value = setting.fromFlag().apply(given.arg().getValue());
        check(setting, value, given.name());
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        String k = setting.key();
        throw new ParameterException(
            spec.commandLine(), m.startsWith(k + " ") || m.startsWith(k + ":") ? given.name() + m.substring(k.length()) : named(m, given.name()));
      }
      out.put(path(setting.key()), value);
    }
    return out;
  }

  /**
   * Reads the settings record from the command's tree of {@code config}; a bad value is a usage
   * error naming the flag as typed (or the config path, when the value came from a file).
   */
  public <S> S settings(CommandSpec spec, Config config, Function<Config, S> read) {
    Map<String, String> typed = new HashMap<>();
    given(spec).forEach(g -> typed.put(g.setting().key(), g.name()));
    try {
      return read(tree.isEmpty() ? config : config.getConfig(tree), key -> typed.getOrDefault(key, path(key)), read);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The usage error {@code "--flag PROBLEM"} about {@code key}, the flag named as typed. */
  public ParameterException usage(CommandSpec spec, String key, String problem) {
    ParseResult parsed = spec.commandLine().getParseResult();
    String name =
        parsed.matchedOptions().stream()
            .filter(o -> byFlag(o).map(s -> s.key().equals(key)).orElse(false))
            .map(o -> typed(o, parsed.originalArgs()))
            .findFirst()
            .orElse(path(key));
    return new ParameterException(spec.commandLine(), named(problem, name));
  }

  // ---- both ways in

  /**
   * Checks the type and bounds of every declared key that {@code config} (the tree) holds, then
   * reads it with {@code read}. A problem is an {@link IllegalArgumentException} whose message
   * starts with the setting's name as {@code name} gives it ({@code --timeout}, {@code count},
   * {@code deli.search.query-timeout}), the settings record's own messages included.
   */
  public <S> S read(Config config, Function<String, String> name, Function<Config, S> read) {
    for (Setting s : settings.values()) {
      if (config.hasPath(s.key())) {
        check(s, config, name.apply(s.key()));
      }
    }
    try {
      return read.apply(config);
    } catch (ConfigException e) {
      // HOCON puts the origin first ("String: 1: count has type STRING rather than NUMBER").
      throw new IllegalArgumentException(explain(e.getMessage().replaceFirst("^[^:]*: \\d+: ", ""), name));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(explain(e.getMessage(), name), e);
    }
  }

  /**
   * {@code message} ({@code "query-timeout must be more than 0"}, {@code "prep: '1x' is not a
   * duration"}) with the declared key it starts with named as {@code name} names it.
   */
  public String explain(String message, Function<String, String> name) {
    return settings.keySet().stream()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .filter(k -> message.startsWith(k + " ") || message.startsWith(k + ":"))
        .findFirst()
        .map(k -> name.apply(k) + message.substring(k.length()))
        .orElse(message);
  }

  private Optional<Setting> byFlag(OptionSpec option) {
    List<String> names = List.of(option.names());
    return settings.values().stream().filter(s -> s.flags().stream().anyMatch(names::contains)).findFirst();
  }

  /** A declared setting the user gave: by a flag (named as typed) or a parameter (by its label). */
  private record Given(Setting setting, ArgSpec arg, String name) {}

  private List<Given> given(CommandSpec spec) {
    ParseResult parsed = spec.commandLine().getParseResult();
    List<Given> out = new ArrayList<>();
    for (OptionSpec option : parsed.matchedOptions()) {
      byFlag(option).ifPresent(s -> out.add(new Given(s, option, typed(option, parsed.originalArgs()))));
    }
    for (PositionalParamSpec p : parsed.matchedPositionals()) {
      settings.values().stream()
          .filter(s -> s.flags().contains(p.paramLabel()))
          .findFirst()
          .ifPresent(s -> out.add(new Given(s, p, p.paramLabel())));
    }
    return out;
  }

  /** A flag's value, once picocli has typed it, against its setting's bounds. */
  private static void check(Setting s, Object value, String name) {
    if (s.bounds() != null && value instanceof Number n) {
      if (s.kind() == Setting.Kind.INTEGER) {
        s.bounds().check(name, n.longValue());
      } else {
        s.bounds().check(name, n.doubleValue());
      }
    }
  }

  /** A value from config (a body, a file, the flags) against its setting's kind and bounds. */
  private static void check(Setting s, Config config, String name) {
    String key = s.key();
    ConfigValue raw = config.getValue(key);
    try {
      switch (s.kind()) {
        case INTEGER, NUMBER -> {
          Number n = config.getNumber(key);
          double d = n.doubleValue();
          boolean whole = d == Math.rint(d) && Math.abs(d) < 9.2e18;
          if (s.kind() == Setting.Kind.INTEGER && !whole) {
            throw wrong(s, raw, name);
          }
          if (s.bounds() != null) {
            if (s.kind() == Setting.Kind.INTEGER) {
              s.bounds().check(name, n.longValue());
            } else {
              s.bounds().check(name, d);
            }
          }
        }
        case BOOLEAN -> config.getBoolean(key);
        case TEXT -> {
          if (raw.valueType() == ConfigValueType.LIST || raw.valueType() == ConfigValueType.OBJECT) {
            throw wrong(s, raw, name);
          }
        }
        case LIST -> config.getList(key);
        case OTHER -> {}
      }
    } catch (ConfigException e) {
      throw wrong(s, raw, name);
    }
  }

  private static IllegalArgumentException wrong(Setting s, ConfigValue raw, String name) {
    Object v = raw.unwrapped();
    String shown = v instanceof String str ? "'" + str + "'" : raw.render(com.typesafe.config.ConfigRenderOptions.concise());
    return new IllegalArgumentException(name + " must be " + s.kind().what + ", not " + shown);
  }

  /**
   * The one wording of a problem with a setting: {@code "--count must be 0 to 10, not 11"},
   * {@code "--prep: '1x' is not a duration"}: the name, then what it must be or what is wrong.
   */
  public static String named(String problem, String name) {
    if (problem.startsWith(name + " ") || problem.startsWith(name + ":")) {
      return problem;
    }
    return problem.startsWith("must ") ? name + " " + problem : name + ": " + problem;
  }

  /**
   * The name of {@code option} as the user typed it among {@code args} ({@code -m} or
   * {@code --limit}, {@code --limit=3}, {@code -m3}).
   */
  public static String typed(OptionSpec option, List<String> args) {
    List<String> names = new ArrayList<>(List.of(option.names()));
    for (int i = args.size() - 1; i >= 0; i--) {
      String a = args.get(i);
      for (String name : names) {
        boolean shortName = name.length() == 2 && !name.startsWith("--");
        if (a.equals(name) || a.startsWith(name + "=") || (shortName && a.startsWith(name) && !a.startsWith("--"))) {
          return name;
        }
      }
    }
    return option.longestName();
  }
}
