package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraceparentTest {
  @Test
  void theSpecsExampleIsReadWithItsSampledFlag() {
    assertEquals(
        Optional.of(new Traceparent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true)),
        Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    assertEquals(false, Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow().sampled());
  }

  @Test
  void malformedOrAllZeroOrForbiddenVersionsAreIgnored() {
    for (String bad : new String[] {
        "", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x"}) {
      assertEquals(Optional.empty(), Traceparent.parse(bad), bad);
    }
    assertTrue(Traceparent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-later").isPresent(), "a later version may add fields");
  }

  @Test
  void aTraceIsSaidBackOnlyWhenItsIdsHaveTheW3cForm() {
    Trace t = new Trace("4bf92f3577b34da6a3ce929d0e0e4736", "http", "00f067aa0ba902b7", 0, true);
    assertEquals(Optional.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"), Traceparent.of(t));
    assertEquals(Optional.empty(), Traceparent.of(new Trace("given-trace-1", "http", "00f067aa0ba902b7", 0, false)));
  }
}
