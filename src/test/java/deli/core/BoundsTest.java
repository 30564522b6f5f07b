package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundsTest {
  @Test
  void bothEndsAreInsideAndTheWordingMarksThousandsFromFiveDigits() {
    Bounds b = Bounds.of(0, 1_000_000);
    assertTrue(b.contains(0) && b.contains(1_000_000));
    assertFalse(b.contains(-1) || b.contains(1_000_001));
    assertEquals("0 to 1,000,000", b.describe());
    assertEquals("1 to 1024", Bounds.of(1, 1024).describe());
    assertEquals("--count must be 0 to 1,000,000, not 1000001", assertThrows(IllegalArgumentException.class, () -> b.check("--count", 1_000_001L)).getMessage());
    assertEquals(5L, b.check("count", 5L));
  }

  @Test
  void anOpenUpperEndRefusesItselfAndSaysSo() {
    Bounds chance = Bounds.below(0, 1);
    assertTrue(chance.contains(0) && chance.contains(0.999));
    assertFalse(chance.contains(1));
    assertEquals("fail-rate must be 0 to below 1, not 1", assertThrows(IllegalArgumentException.class, () -> chance.check("fail-rate", 1.0)).getMessage());
    assertEquals("p must be 0 to below 1, not 1.5", assertThrows(IllegalArgumentException.class, () -> chance.check("p", 1.5)).getMessage());
    assertEquals(0.5, chance.check("p", 0.5));
  }
}
