package deli.factor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link EcmPlan#of}: small plans worked out by hand (k = lcm(1..B1), its bits, the primes of (B1, B2] as mD ± j). */
class EcmPlanTest {

  @Test
  void b1TenB2FortyNineD12() {
    // k = 2520 = 0b100111011000; primes 11..47 as (m, j): (1,1) (1,1) (1,5) (2,5) (2,1) (2,5) (3,5) (3,1) (3,5) (4,5) (4,1)
    EcmPlan plan = EcmPlan.of(10, 49, 12);
    assertArrayEquals(new long[] {0, 0, -1, 0, 0, -1, -1, 0, -1, 0, 0, 0}, plan.swaps());
    assertEquals(12, plan.d());
    assertArrayEquals(new int[] {1, 5}, plan.babies());
    assertEquals(4, plan.giants());
    assertArrayEquals(new int[] {1 << 16 | 1, 1 << 16 | 5, 2 << 16 | 1, 2 << 16 | 5, 3 << 16 | 1, 3 << 16 | 5, 4 << 16 | 1, 4 << 16 | 5},
        plan.pairs());
  }

  @Test
  void b1ElevenIsInKAndAPrimeBelowHalfDHasMZero() {
    // k = 27720 = 0b110110001001000; primes 13..29 with D = 30: (0,13) (1,13) (1,11) (1,7) (1,1)
    EcmPlan plan = EcmPlan.of(11, 30, 30);
    assertArrayEquals(new long[] {-1, -1, -1, 0, -1, 0, 0, -1, -1, 0, -1, -1, 0, 0, 0}, plan.swaps());
    assertArrayEquals(new int[] {1, 7, 11, 13}, plan.babies());
    assertEquals(1, plan.giants());
    assertArrayEquals(new int[] {13, 1 << 16 | 1, 1 << 16 | 7, 1 << 16 | 11, 1 << 16 | 13}, plan.pairs());
  }

  @Test
  void anOddKEndsInASwap() {
    // B1 = 1: k = 1; primes 2, 3, 5, 7 with D = 6: (0,2) (1,3) (1,1) (1,1)
    EcmPlan plan = EcmPlan.of(1, 10, 6);
    assertArrayEquals(new long[] {-1}, plan.swaps());
    assertArrayEquals(new int[] {1}, plan.babies());
    assertEquals(2, plan.giants());
    assertArrayEquals(new int[] {2, 1 << 16 | 1, 1 << 16 | 3}, plan.pairs());
  }
}
