package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import deli.core.Options;
import deli.core.Setting;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final Config DEFAULTS = ConfigFactory.parseString("count = 3, delay = 1s");
  private static final Options KEYS =
      Options.of("deli.test", Setting.integer("count", 0, 1_000_000), Setting.value("delay"), Setting.integer("workers", 0, 8).cliOnly());

  @Test
  void theBodysFieldsOverrideTheDefaultsAndAnEmptyBodyKeepsThem() {
    assertEquals(Integer.valueOf(7), Params.<Integer>settings("{\"count\": 7}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertEquals(Integer.valueOf(3), Params.<Integer>settings("", DEFAULTS, KEYS, c -> c.getInt("count")));
  }

  @Test
  void aBodyThatIsNotJsonIsABadRequestInTheUsersWordsNotTheParsers() {
    BadRequest e = assertThrows(BadRequest.class, () -> Params.settings("notjson", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertTrue(e.getMessage().startsWith("the body is not a JSON object: "), e.getMessage());
    assertFalse(e.getMessage().contains("String: 1:"), e.getMessage());
  }

  @Test
  void anUnknownFieldAndAWrongTypeAreBadRequestsNamingTheField() {
    BadRequest unknown = assertThrows(BadRequest.class, () -> Params.settings("{\"cuont\": 1}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertTrue(unknown.getMessage().contains("unknown field 'cuont'"), unknown.getMessage());
    BadRequest type = assertThrows(BadRequest.class, () -> Params.settings("{\"count\": \"many\"}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertTrue(type.getMessage().startsWith("count"), type.getMessage());
  }

  @Test
  void aWrongTypeIsWordedAsOnTheCommandLineAfterTheBodyKey() {
    BadRequest type = assertThrows(BadRequest.class, () -> Params.settings("{\"count\": \"many\"}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertEquals("count must be an integer, not 'many'", type.getMessage());
    BadRequest fraction = assertThrows(BadRequest.class, () -> Params.settings("{\"count\": 2.5}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertEquals("count must be an integer, not 2.5", fraction.getMessage());
  }

  @Test
  void aNumberPastItsDeclaredBoundIsRefusedBeforeTheSettingsAreRead() {
    BadRequest e =
        assertThrows(
            BadRequest.class,
            () ->
                Params.settings(
                    "{\"count\": 1000000000}", DEFAULTS, KEYS, c -> {
                      throw new AssertionError("read with count " + c.getInt("count"));
                    }));
    assertEquals("count must be 0 to 1,000,000, not 1000000000", e.getMessage());
  }

  @Test
  void aSettingNotDeclaredForTheBodyIsAnUnknownFieldAndTheKnownOnesAreListed() {
    BadRequest e = assertThrows(BadRequest.class, () -> Params.settings("{\"workers\": 2}", DEFAULTS, KEYS, c -> c.getInt("count")));
    assertEquals("unknown field 'workers'; known: count, delay", e.getMessage());
  }

  @Test
  void theSettingsRecordsOwnMessagesNameTheBodyKeyAndAFaultyNodeConfigItsPath() {
    BadRequest given =
        assertThrows(
            BadRequest.class,
            () -> Params.settings("{\"delay\": \"soon\"}", DEFAULTS, KEYS, c -> deli.core.Settings.duration(c, "delay")));
    assertTrue(given.getMessage().startsWith("delay: 'soon' is not a duration"), given.getMessage());
    BadRequest node =
        assertThrows(
            BadRequest.class,
            () -> Params.settings("{}", ConfigFactory.parseString("count = -1"), KEYS, c -> c.getInt("count")));
    assertEquals("deli.test.count must be 0 to 1,000,000, not -1", node.getMessage());
  }

  @Test
  void eachKindOfSettingSaysWhatItMustBe() {
    Options kinds =
        Options.of("deli.k", Setting.text("name"), Setting.list("names"), Setting.bool("on"), Setting.number("p", deli.core.Bounds.below(0, 1)));
    Config none = ConfigFactory.empty();
    java.util.function.Function<Config, Config> read = c -> c;
    assertEquals(
        "name must be text, not [\"a\"]",
        assertThrows(BadRequest.class, () -> Params.settings("{\"name\": [\"a\"]}", none, kinds, read)).getMessage());
    assertEquals(
        "names must be a list, not 'a,b'",
        assertThrows(BadRequest.class, () -> Params.settings("{\"names\": \"a,b\"}", none, kinds, read)).getMessage());
    assertEquals(
        "on must be true or false, not 'maybe'",
        assertThrows(BadRequest.class, () -> Params.settings("{\"on\": \"maybe\"}", none, kinds, read)).getMessage());
    assertEquals(
        "p must be 0 to below 1, not 1", assertThrows(BadRequest.class, () -> Params.settings("{\"p\": 1}", none, kinds, read)).getMessage());
    assertEquals("p must be a number, not 'half'", assertThrows(BadRequest.class, () -> Params.settings("{\"p\": \"half\"}", none, kinds, read)).getMessage());
    Config ok = Params.settings("{\"name\": \"x\", \"names\": [\"a\"], \"on\": \"yes\", \"p\": 0.5}", none, kinds, read);
    assertEquals(0.5, ok.getDouble("p"));
  }
}
