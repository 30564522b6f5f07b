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
        double[] input = data.clone();
        long steps = sorter.sort(data);
        assertTrue(Arrays.equals(expected, data), sorter + " sorted " + Arrays.toString(data));
        assertEquals(expectedSteps(sorter, input), steps, sorter + " on " + Arrays.toString(input));
      }
    }
  }

  /**
   * The steps, counted apart from the sorters: gnome sort walks forward once per item and once
   * more, and back once, per swap (one swap per inversion); bogo sort stops at the rank of the
   * ordering permutation in itertools' order (the lexicographic order of positions, Lehmer code),
   * counting the identity as step 1, or at 0 when the input is already ordered.
   */
  private static long expectedSteps(Sorters sorter, double[] a) {
    int n = a.length;
    if (sorter == Sorters.GNOME) {
      long inversions = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          if (a[i] > a[j]) {
            inversions++;
          }
        }
      }
      return n + 2 * inversions;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(a[x], a[y]));
    boolean identity = true;
    long rank = 0;
    boolean[] used = new boolean[n];
    for (int i = 0; i < n; i++) {
      identity &= order[i] == i;
      int smaller = 0;
      for (int j = 0; j < order[i]; j++) {
        smaller += used[j] ? 0 : 1;
      }
      used[order[i]] = true;
      rank = rank * (n - i) + smaller;
    }
    return identity ? 0 : rank + 1;
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
