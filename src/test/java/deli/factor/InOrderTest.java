package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class InOrderTest {
  @Test
  void resultsArePassedOnInSequenceWhateverOrderTheyArriveIn() {
    InOrder<String> order = new InOrder<>();
    assertEquals(List.of(), order.put(2, "c"));
    assertEquals(List.of(), order.put(1, "b"));
    assertEquals(2, order.waiting());
    assertEquals(List.of("a", "b", "c"), order.put(0, "a"));
    assertEquals(List.of("d"), order.put(3, "d"));
    assertEquals(0, order.waiting());
    assertThrows(IllegalArgumentException.class, () -> order.put(1, "again"));
  }
}
