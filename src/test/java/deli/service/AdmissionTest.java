package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmissionTest {
  private final Admission admission = new Admission(new Admission.Bounds(10, 6, Map.of("big", 8L)));

  @Test
  void workIsAdmittedUpToItsServicesBoundAndNoFurther() {
    Admission.Ticket first = admission.admit("a", 4).orElseThrow();
    assertTrue(admission.admit("a", 3).isEmpty(), "4 + 3 is over a's bound of 6");
    Admission.Ticket second = admission.admit("a", 2).orElseThrow();
    assertEquals(6, admission.held("a"));
    first.release();
    assertEquals(2, admission.held("a"));
    second.release();
    assertEquals(0, admission.heldTotal());
  }

  @Test
  void theTotalBoundsEveryServiceTogether() {
    admission.admit("a", 6).orElseThrow();
    Admission.Ticket b = admission.admit("b", 4).orElseThrow();
    assertTrue(admission.admit("c", 1).isEmpty(), "10 held: the node is full whatever the service");
    b.release();
    assertTrue(admission.admit("c", 1).isPresent());
  }

  @Test
  void aServiceNamedInTheBoundsHasItsOwn() {
    assertEquals(8, admission.largest("big"));
    assertEquals(6, admission.largest("other"));
    assertTrue(admission.admit("big", 8).isPresent());
  }

  @Test
  void aTicketReturnedTwiceIsReturnedOnce() {
    Admission.Ticket t = admission.admit("a", 5).orElseThrow();
    admission.admit("b", 1).orElseThrow();
    t.release();
    t.release();
    assertEquals(1, admission.heldTotal());
  }

  @Test
  void workOfNoUnitsStillCountsOne() {
    admission.admit("a", 0).orElseThrow();
    assertEquals(1, admission.held("a"));
  }

  @Test
  void boundsBelowOneAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Admission.Bounds(0, 1, Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new Admission.Bounds(1, 1, Map.of("a", 0L)));
  }
}
