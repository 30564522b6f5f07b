package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import org.junit.jupiter.api.Test;

class DispatchersTest {
  @Test
  void theNamedDispatchersAreTheOnesReferenceConfDefines() {
    Config config = DeliConfig.load();
    assertEquals("Dispatcher", config.getString(Dispatchers.CPU + ".type"));
    assertEquals(1, config.getInt(Dispatchers.SINGLE_THREAD + ".thread-pool-executor.fixed-pool-size"));
  }
}
