package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final Config DEFAULTS = ConfigFactory.parseString("count = 3, delay = 1s");
  private static final Set<String> KEYS = Set.of("count", "delay");

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
}
