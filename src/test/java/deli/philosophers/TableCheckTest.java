package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.trace.Trace;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableCheckTest {
  private static final Trace T = Trace.start("test");

  /** One correct meal of {@code p} at a table of {@code n}, as the actors report it. */
  static List<Observer.Event> meal(int p, int n, int serving) {
    int right = (p + 1) % n;
    return List.of(
        new Observer.SeatGranted(T, p),
        new Observer.ForkTaken(T, p, p),
        new Observer.ForkTaken(T, right, p),
        new Observer.EatingStarted(T, p, serving),
        new Observer.EatingStopped(T, p),
        new Observer.ForkPut(T, p, p, false),
        new Observer.ForkPut(T, right, p, false),
        new Observer.SeatReleased(T, p, false));
  }

  static TableCheck.Verdict check(int n, int seats, int servings, List<Observer.Event> events) {
    TableCheck c = new TableCheck(n, seats);
    events.forEach(c::apply);
    return c.verdict(T, servings);
  }

  @Test
  void aDinnerThatKeepsTheRulesPasses() {
    List<Observer.Event> events = new java.util.ArrayList<>();
    for (int s = 1; s <= 2; s++) {
      for (int p = 0; p < 5; p++) {
        events.addAll(meal(p, 5, s));
      }
    }
    TableCheck.Verdict v = check(5, 4, 2, events);
    assertTrue(v.ok(), v.violations().toString());
    assertEquals(80, v.events());
    assertEquals(10, v.meals());
    assertEquals(1, v.maxSeated());
  }

  @Test
  void twoNeighboursEatingAtOnceIsCaught() {
    List<Observer.Event> events =
        List.of(
            new Observer.ForkTaken(T, 0, 0),
            new Observer.ForkTaken(T, 1, 0),
            new Observer.EatingStarted(T, 0, 1),
            // philosopher 1 eats with forks it does not hold, beside 0
            new Observer.EatingStarted(T, 1, 1));
    TableCheck.Verdict v = check(3, 3, -1, events);
    assertTrue(v.violations().contains("philosopher 1 started eating while its neighbour 0 was eating"), v.violations().toString());
    assertTrue(v.violations().contains("philosopher 1 started eating without holding forks 1 and 2"), v.violations().toString());
  }

  @Test
  void aForkInTwoHandsIsCaught() {
    TableCheck.Verdict v = check(3, 3, -1, List.of(new Observer.ForkTaken(T, 1, 1), new Observer.ForkTaken(T, 1, 0)));
    assertEquals("fork 1 taken by philosopher 0 while philosopher 1 holds it", v.violations().get(0));
  }

  @Test
  void moreSeatedThanSeatsIsCaught() {
    TableCheck.Verdict v =
        check(3, 2, -1, List.of(new Observer.SeatGranted(T, 0), new Observer.SeatGranted(T, 1), new Observer.SeatGranted(T, 2)));
    assertTrue(v.violations().contains("3 philosophers seated at once, more than the 2 seats"), v.violations().toString());
    assertEquals(3, v.maxSeated());
  }

  @Test
  void eatingTwiceInAServingOrSkippingOneIsCaught() {
    List<Observer.Event> events = new java.util.ArrayList<>();
    events.addAll(meal(0, 3, 1));
    events.addAll(meal(0, 3, 1));
    TableCheck.Verdict v = check(3, 2, 1, events);
    assertTrue(v.violations().contains("philosopher 0 ate in serving 1 after serving 1"), v.violations().toString());
    assertTrue(v.violations().contains("philosopher 1 ate in 0 servings of 1"), v.violations().toString());
  }

  @Test
  void aForkOrSeatNotBackAtTheEndIsCaught() {
    TableCheck.Verdict v = check(3, 2, -1, List.of(new Observer.SeatGranted(T, 2), new Observer.ForkTaken(T, 2, 2)));
    assertEquals(2, v.violationCount());
    assertTrue(v.violations().contains("at the end, fork 2 is still held by philosopher 2"), v.violations().toString());
    assertTrue(v.violations().contains("at the end, 1 philosophers are still seated"), v.violations().toString());
  }

  @Test
  void releasingASeatOneDoesNotHaveAndAProtocolErrorAreCaught() {
    TableCheck.Verdict v =
        check(3, 2, -1, List.of(new Observer.SeatReleased(T, 1, false), new Observer.ProtocolError(T, "fork 0: put refused")));
    assertEquals(List.of("philosopher 1 gave back a seat it did not have", "fork 0: put refused"), v.violations());
  }
}
