package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServingsTest {
  @Test
  void aServingEndsWhenEveryPhilosopherHasEatenItsMealInTheirOrder() {
    Servings s = new Servings(3, 2, true);
    assertTrue(s.next());
    assertEquals(1, s.serving());
    assertTrue(s.served(2, 0.2, 0.0).isEmpty());
    assertTrue(s.served(0, 0.1, 0.0).isEmpty());
    List<DinnerEvent.Result> round = s.served(1, 0.3, 0.5).orElseThrow();
    assertEquals(
        List.of(new DinnerEvent.Result(0, 0.1, 0.0), new DinnerEvent.Result(1, 0.3, 0.5), new DinnerEvent.Result(2, 0.2, 0.0)), round);
    assertTrue(s.next());
    for (int i = 0; i < 3; i++) {
      s.served(i, 0, 0);
    }
    assertFalse(s.next(), "two servings, no third");
    assertEquals(6, s.meals());
    assertEquals(List.of(2L, 2L, 2L), s.mealsEach());
    assertEquals(2, s.kept().size());
    assertEquals(round, s.kept().get(0));
  }

  @Test
  void aLargeDinnerKeepsNoResults() {
    Servings s = new Servings(2, 1, false);
    s.next();
    s.served(0, 0, 0);
    assertTrue(s.served(1, 0, 0).isPresent());
    assertEquals(List.of(), s.kept());
  }

  @Test
  void aDinnerBoundedByTimeCountsMealsOnly() {
    Servings s = new Servings(2, 0, false);
    assertFalse(s.next());
    s.ate(1);
    s.ate(1);
    s.ate(0);
    assertEquals(3, s.meals());
    assertEquals(2, s.mealsOf(1));
    assertEquals(List.of(1L, 2L), s.mealsEach());
  }
}
