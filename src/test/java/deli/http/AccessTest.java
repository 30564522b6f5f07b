package deli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessTest {
  @Test
  void loopbackNeedsNoToken() {
    assertEquals(Optional.empty(), Access.refusal("127.0.0.1", ""));
    assertEquals(Optional.empty(), Access.refusal("localhost", ""));
    assertEquals(Optional.empty(), Access.refusal("::1", ""));
    assertEquals(Optional.empty(), Access.refusal("127.0.0.2", ""));
  }

  @Test
  void anyOtherAddressNeedsOneAndSaysHowToGiveIt() {
    Optional<String> refused = Access.refusal("0.0.0.0", "");
    assertTrue(refused.isPresent());
    assertTrue(refused.get().contains("DELI_TOKEN"), refused.get());
    assertTrue(refused.get().contains("0.0.0.0"), refused.get());
    assertTrue(Access.refusal("10.77.0.1", " ").isPresent());
    assertEquals(Optional.empty(), Access.refusal("0.0.0.0", "s3cret"));
  }
}
