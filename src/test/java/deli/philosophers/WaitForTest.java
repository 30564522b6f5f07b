package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitForTest {
  private static final Trace T = Trace.start("test");

  static Fork.State fork(int id, int holder, Integer... waiters) {
    return new Fork.State(T, id, holder, List.of(waiters), 0, 0, 0);
  }

  @Test
  void everyPhilosopherHoldingTheForkOnItsRightIsACycleRoundTheTable() {
    List<Fork.State> forks = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      // fork f is held by philosopher f; philosopher f - 1 waits for it
      forks.add(fork(f, f, (f + 4) % 5));
    }
    List<WaitFor.Link> cycle = WaitFor.cycle(forks, 5);
    assertEquals(5, cycle.size());
    for (int p = 0; p < 5; p++) {
      assertEquals(new WaitFor.Link(p, p, (p + 1) % 5, (p + 1) % 5), cycle.get(p));
    }
    assertEquals("philosopher 4 holds fork 4 and waits for fork 0, held by philosopher 0", cycle.get(4).toString());
  }

  @Test
  void aChainThatEndsInSomeoneEatingIsNoDeadlock() {
    // 2 eats with forks 2 and 3; 1 holds fork 1 and waits for 2; 0 holds 0 and waits for 1
    List<Fork.State> forks = List.of(fork(0, 0), fork(1, 1, 0), fork(2, 2, 1), fork(3, 2), fork(4, -1));
    assertEquals(List.of(), WaitFor.cycle(forks, 5));
  }

  @Test
  void theCycleIsFoundAmongPhilosophersWhoAreNotInIt() {
    // a smaller table's worth: 1 and 2 wait for each other; 0 waits on 1 but is not in the ring
    List<Fork.State> forks = List.of(fork(0, -1), fork(1, 1, 0, 2), fork(2, 2, 1));
    List<WaitFor.Link> cycle = WaitFor.cycle(forks, 3);
    assertEquals(List.of(new WaitFor.Link(1, 1, 2, 2), new WaitFor.Link(2, 2, 1, 1)), cycle);
  }
}
