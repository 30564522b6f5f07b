package deli.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceAssignmentTest {
  private static List<String> members(int n, int port) {
    List<String> m = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      m.add("pekko://deli@127.0.0.1:" + (port + i));
    }
    return m;
  }

  private static Map<String, Integer> loads(List<String> owners) {
    Map<String, Integer> loads = new HashMap<>();
    owners.forEach(o -> loads.merge(o, 1, Integer::sum));
    return loads;
  }

  @Test
  void everySliceHasOneOwnerAndTheSharesDifferByAtMostOne() {
    for (int slices = 1; slices <= 40; slices++) {
      for (int n = 1; n <= 7; n++) {
        List<String> members = members(n, 25521 + slices * 10);
        List<String> owners = SliceAssignment.owners(slices, members);
        assertEquals(slices, owners.size());
        assertTrue(members.containsAll(owners));
        Map<String, Integer> loads = loads(owners);
        int max = loads.values().stream().max(Integer::compare).orElseThrow();
        int min = members.stream().mapToInt(m -> loads.getOrDefault(m, 0)).min().orElseThrow();
        assertTrue(max - min <= 1, slices + " slices over " + n + ": " + loads);
      }
    }
  }

  @Test
  void everyNodeComputesTheSameSplitWhateverOrderItSeesTheMembersIn() {
    List<String> members = members(5, 25521);
    List<String> owners = SliceAssignment.owners(12, members);
    Random r = new Random(7);
    for (int i = 0; i < 20; i++) {
      List<String> shuffled = new ArrayList<>(members);
      Collections.shuffle(shuffled, r);
      assertEquals(owners, SliceAssignment.owners(12, shuffled));
    }
  }

  @Test
  void aLoneMemberHoldsEverySlice() {
    assertEquals(List.of(0, 1, 2, 3), SliceAssignment.slicesOf("a", 4, List.of("a")));
    assertEquals(List.of(), SliceAssignment.slicesOf("b", 4, List.of("a")));
  }

  @Test
  void whenAMemberLeavesItsSlicesGoToTheSurvivorsAndMostOthersStay() {
    int moved = 0;
    int kept = 0;
    for (int trial = 0; trial < 50; trial++) {
      List<String> members = members(3, 20000 + trial * 7);
      List<String> before = SliceAssignment.owners(12, members);
      String lost = members.get(trial % 3);
      List<String> survivors = new ArrayList<>(members);
      survivors.remove(lost);
      List<String> after = SliceAssignment.owners(12, survivors);
      for (int s = 0; s < 12; s++) {
        assertTrue(survivors.contains(after.get(s)));
        if (!before.get(s).equals(lost)) {
          if (before.get(s).equals(after.get(s))) {
            kept++;
          } else {
            moved++;
          }
        }
      }
    }
    // Round robin over the sorted members would move about half of them.
    assertTrue(moved * 5 < kept, "moved " + moved + ", kept " + kept);
  }

  @Test
  void whenAMemberJoinsItTakesItsShareMostlyFromTheOthers() {
    int moved = 0;
    for (int trial = 0; trial < 50; trial++) {
      List<String> members = members(3, 20000 + trial * 7);
      List<String> before = SliceAssignment.owners(12, members.subList(0, 2));
      List<String> after = SliceAssignment.owners(12, members);
      assertEquals(4, loads(after).get(members.get(2)));
      for (int s = 0; s < 12; s++) {
        if (!after.get(s).equals(members.get(2)) && !after.get(s).equals(before.get(s))) {
          moved++;
        }
      }
    }
    assertTrue(moved < 50 * 2, "slices moved between the old members: " + moved);
  }

  @Test
  void noMembersOrNoSlicesIsAMistake() {
    assertThrows(IllegalArgumentException.class, () -> SliceAssignment.owners(4, List.of()));
    assertThrows(IllegalArgumentException.class, () -> SliceAssignment.owners(0, List.of("a")));
  }

  @Test
  void theCatalogCountsEachSlicesFilesAndKeepsTheirFirstPaths() {
    List<String> paths = List.of("a.py", "b.py", "c.py", "d/e.py", "d/f.py", "g.py", "h.py");
    SliceCatalog c = SliceCatalog.of("/t", paths, 3);
    assertEquals(List.of(3, 2, 2), c.files());
    assertEquals(List.of("a.py", "d/e.py", "h.py"), c.samples().get(0));
    assertEquals(List.of("b.py", "d/f.py"), c.samples().get(1));
    assertEquals(List.of(0, 0), SliceCatalog.of("/t", List.of(), 2).files());
    assertEquals(List.of(1, 0, 0), SliceCatalog.of("/t", List.of("x.py"), 3).files());
  }

  @Test
  void theNodesLogSaysItsSlicesAsRuns() {
    assertEquals("0-2,5", SearchLog.ranges(List.of(0, 1, 2, 5)));
    assertEquals("4,8-10", SearchLog.ranges(List.of(4, 8, 9, 10)));
    assertEquals("3,4", SearchLog.ranges(List.of(3, 4)));
    assertEquals("none", SearchLog.ranges(List.of()));
  }
}
