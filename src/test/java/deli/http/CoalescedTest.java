package deli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescedTest {
  static LiveHub.Event e(String key, String json) {
    return new LiveHub.Event("dinner", key, json);
  }

  @Test
  void aViewerThatFellBehindGetsTheLatestOfEachKeyInTheOrderTheyLastChanged() {
    Coalesced c = Coalesced.of(e("a", "1"), 10).add(e("b", "1")).add(e("a", "2")).add(e("c", "1")).add(e("b", "2"));
    assertEquals(List.of(e("a", "2"), e("c", "1"), e("b", "2")), c.events());
    assertEquals(2, c.dropped());
  }

  @Test
  void itHoldsAtMostMaxKeysDroppingTheOldestKeyFirst() {
    Coalesced c = Coalesced.of(e("a", "1"), 2).add(e("b", "1")).add(e("c", "1"));
    assertEquals(List.of(e("b", "1"), e("c", "1")), c.events());
    for (int i = 0; i < 10_000; i++) {
      c.add(e("k" + i, "x"));
    }
    assertEquals(2, c.events().size());
  }
}
