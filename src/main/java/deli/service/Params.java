package deli.service;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import deli.core.Options;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a JSON request body into a program's settings record: the body's keys are the
 * program's config keys ({@code {"prep": "0..50ms", "seed": 1}}), laid over the node's config,
 * and read by the same {@code from(Config)} the command line uses. One reader, one set of
 * checks, one set of messages.
 */
public final class Params {
  private Params() {}

  /**
   * The settings {@code read} makes of {@code body} laid over {@code defaults} (the node's tree
   * of the program's config), the body's keys those {@code options} allows, every problem a
   * {@link BadRequest} naming the body key (or the config path, when the node's config is at
   * fault).
   */
  public static <S> S settings(String body, Config defaults, Options options, Function<Config, S> read) {
    Config given;
    try {
      given =
          body == null || body.isBlank()
              ? ConfigFactory.empty()
              : ConfigFactory.parseString(body, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw new BadRequest("the body is not a JSON object: " + e.getMessage().replaceFirst("^String: \\d+: ", ""));
    }
    Set<String> allowed = options.bodyKeys();
    for (String key : given.root().keySet()) {
      if (!allowed.contains(key)) {
        throw new BadRequest("unknown field '" + key + "'; known: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    try {
      return options.read(given.withFallback(defaults), key -> given.root().containsKey(key) ? key : options.path(key), read);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }
}
