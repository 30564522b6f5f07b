package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The int distances: the branch-free |x| C1 gets, and the one pass that gives all three sums. */
class IntDistancesTest {
  @Test
  void branchFreeAbsIsMathAbsOverEveryDifferenceOfTwoFeatures() {
    // Features are at most 2^15 in magnitude (Dataset.Samples.INT_LIMIT): differences within 2^16.
    for (int x = -(1 << 16); x <= 1 << 16; x++) {
      assertEquals(Math.abs(x), IntDistances.branchFreeAbs(x), "|" + x + "|");
    }
    assertEquals(Integer.MAX_VALUE, IntDistances.branchFreeAbs(-Integer.MAX_VALUE));
    assertEquals(Math.abs(7), IntDistances.abs(7));
    assertEquals(7, IntDistances.abs(-7));
  }

  @Test
  void onePassGivesEachDistancesOwnSum() {
    Random random = new Random(3);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(70);
      int[] a = new int[3 * n];
      int[] b = new int[2 * n];
      for (int i = 0; i < a.length; i++) {
        a[i] = random.nextInt(201) - 100;
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = random.nextInt(201) - 100;
      }
      int[] man = new int[3];
      int[] sq = new int[3];
      int[] cheb = new int[3];
      int ai = n * random.nextInt(3);
      int bi = n * random.nextInt(2);
      IntDistances.all(a, ai, b, bi, n, man, sq, cheb, 1);
      int sum = 0;
      int squares = 0;
      int max = 0;
      for (int f = 0; f < n; f++) {
        int d = a[ai + f] - b[bi + f];
        sum += Math.abs(d);
        squares += d * d;
        max = Math.max(max, Math.abs(d));
      }
      assertEquals(sum, man[1]);
      assertEquals(squares, sq[1]);
      assertEquals(max, cheb[1]);
      assertEquals(sum, IntDistances.manhattan(a, ai, b, bi, n));
      assertEquals(squares, IntDistances.squares(a, ai, b, bi, n));
      assertEquals(max, IntDistances.chebyshev(a, ai, b, bi, n));
      assertEquals(0, man[0] + man[2] + sq[0] + sq[2] + cheb[0] + cheb[2], "only row 1 written");
    }
  }
}
