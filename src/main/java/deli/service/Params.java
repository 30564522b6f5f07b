package deli.service;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
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

  public static <S> S settings(String body, Config defaults, Set<String> allowed, Function<Config, S> read) {
    Config given;
    try {
      given =
          body == null || body.isBlank()
              ? ConfigFactory.empty()
              : ConfigFactory.parseString(body, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (ConfigException e) {
      throw new BadRequest("the body is not a JSON object: " + e.getMessage().replaceFirst("^String: \\d+: ", ""));
    }
    for (String key : given.root().keySet()) {
      if (!allowed.contains(key)) {
        throw new BadRequest("unknown field '" + key + "'; known: " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    try {
      return read.apply(given.withFallback(defaults));
    } catch (ConfigException e) {
      // HOCON puts the origin first ("String: 1: count has type STRING rather than NUMBER").
      throw new BadRequest(e.getMessage().replaceFirst("^String: \\d+: ", ""));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(e.getMessage());
    }
  }
}
