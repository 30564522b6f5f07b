package deli.logclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SortersTest {
  @Test
  void bothSortersSortAndCountTheirSteps() {
    SplittableRandom random = new SplittableRandom(7);
    for (Sorters sorter : Sorters.values()) {
      for (int n = 3; n <= 8; n++) {
        double[] data = random.doubles(n).toArray();
        double[] expected = data.clone();
        Arrays.sort(expected);
        long steps = sorter.sort(data);
        assertTrue(Arrays.equals(expected, data), sorter + " sorted " + Arrays.toString(data));
        assertTrue(steps >= 0);
      }
    }
  }

  @Test
  void bogoSortCountsPermutationsInItertoolsOrderAsTheChapterDoes() {
    // itertools.permutations([3, 2, 1]): (3,2,1) (3,1,2) (2,3,1) (2,1,3) (1,3,2) (1,2,3): the 6th.
    assertEquals(6, Sorters.BOGO.sort(new double[] {3, 2, 1}));
    assertEquals(0, Sorters.BOGO.sort(new double[] {1, 2, 3}));
    // (1,3,2) then (1,2,3): the identity counts as the first step.
    assertEquals(2, Sorters.BOGO.sort(new double[] {1, 3, 2}));
  }

  @Test
  void gnomeSortOfAnOrderedListWalksOncePerItem() {
    assertEquals(4, Sorters.GNOME.sort(new double[] {1, 2, 3, 4}));
  }

  @Test
  void anUnknownSorterIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sorters.parse("quick"));
    assertEquals("sorter must be gnome or bogo, not 'quick'", e.getMessage());
  }
}
