package deli.spread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bookkeeping of a job spread over pools, with pools as names and units as counters. */
class BatchesTest {
  static final int UNITS = 100;

  /** How many times each unit was kept. */
  final int[] kept = new int[UNITS];

  void answer(Batches<String> b, Batches.Send<String> s) {
    Batches.Taken<String> t = b.take(s.id());
    if (t != null) {
      assertEquals(s.from(), t.from());
      assertEquals(s.to(), t.to());
      for (int u = t.from(); u < t.to(); u++) {
        kept[u]++;
      }
      b.keep(t);
    }
  }

  void assertEveryUnitOnce() {
    int[] once = new int[UNITS];
    Arrays.fill(once, 1);
    assertEquals(Arrays.toString(once), Arrays.toString(kept));
  }

  @Test
  void batchesAreSmallEnoughThatEveryPoolGetsAFullWindow() {
    Batches<String> b = new Batches<>(UNITS, 3, 1000, 2, 3);
    assertEquals(17, b.batchSize(), "100 units over 3 pools x 2 slots");
    assertEquals(6, b.count());
    assertEquals(10, new Batches<String>(UNITS, 1, 10, 4, 3).batchSize(), "never above batch-size");
    List<Batches.Send<String>> sends = b.assign(List.of("a", "b", "c"));
    assertEquals(6, sends.size());
    assertEquals(85, sends.get(5).from());
    assertEquals(100, sends.get(5).to(), "the last batch ends at the last unit");
  }

  @Test
  void eachPoolGetsAtMostItsWindowAndTheNextBatchGoesToWhicheverAnswers() {
    Batches<String> b = new Batches<>(UNITS, 2, 10, 2, 3);
    List<Batches.Send<String>> first = b.assign(List.of("a", "b"));
    assertEquals(4, first.size());
    assertEquals(2, first.stream().filter(s -> s.pool().equals("a")).count());
    assertTrue(b.assign(List.of("a", "b")).isEmpty(), "every window is full");
    Batches.Send<String> fromB = first.stream().filter(s -> s.pool().equals("b")).findFirst().orElseThrow();
    answer(b, fromB);
    List<Batches.Send<String>> next = b.assign(List.of("a", "b"));
    assertEquals(1, next.size());
    assertEquals("b", next.get(0).pool());
  }

  @Test
  void theJobIsCompleteWhenEveryBatchIsAnsweredWhateverTheOrder() {
    Batches<String> b = new Batches<>(UNITS, 1, 7, 100, 3);
    List<Batches.Send<String>> sends = b.assign(List.of("a"));
    assertEquals(b.count(), sends.size());
    for (int i = sends.size() - 1; i >= 0; i--) {
      assertFalse(b.complete());
      answer(b, sends.get(i));
    }
    assertTrue(b.complete());
    assertEveryUnitOnce();
    assertEquals(Map.of("a", b.count()), b.answeredBy());
  }

  @Test
  void aLostPoolsBatchesAreSentAgainLowestFirstAndTheLateAnswerOfTheLostSendIsDropped() {
    Batches<String> b = new Batches<>(UNITS, 2, 10, 3, 3);
    List<Batches.Send<String>> first = b.assign(List.of("a", "b"));
    List<Batches.Send<String>> atB = first.stream().filter(s -> s.pool().equals("b")).toList();
    List<Batches.Send<String>> lost = b.lost(List.of("a"));
    assertEquals(atB.stream().map(Batches.Send::batch).sorted().toList(), lost.stream().map(Batches.Send::batch).toList());
    for (Batches.Send<String> s : first) {
      if (s.pool().equals("a")) {
        answer(b, s);
      }
    }
    List<Batches.Send<String>> again = b.assign(List.of("a"));
    assertEquals(lost.get(0).batch(), again.get(0).batch(), "the lost batches go first");
    for (Batches.Send<String> s : atB) {
      answer(b, s); // b was slow, not dead: its answers count once
    }
    assertEquals(0, b.answeredBy().getOrDefault("b", 0), "sends given up on are not counted for their pool");
    while (!b.complete()) {
      for (Batches.Send<String> s : again) {
        answer(b, s);
      }
      again = b.assign(List.of("a"));
    }
    assertEveryUnitOnce();
  }

  @Test
  void aBatchIsSentAtMostAttemptsTimesThenTheJobFailsNamingIt() {
    Batches<String> b = new Batches<>(3, 1, 10, 1, 2);
    Batches.Send<String> s1 = b.assign(List.of("a")).get(0);
    assertNull(b.timedOut(s1.id(), "timeout"), "sent again");
    Batches.Send<String> s2 = b.assign(List.of("a")).get(0);
    assertEquals(s1.batch(), s2.batch());
    assertEquals("timeout (sent 2 times)", b.timedOut(s2.id(), "timeout"));
    assertEquals("[0, 3]", Arrays.toString(b.firstMissing()));
    assertNull(b.timedOut(s1.id(), "late"), "a send already given up on changes nothing");
  }

  @Test
  void aRefusedAnswerIsSentAgainUnlessItCannotHelp() {
    Batches<String> b = new Batches<>(3, 1, 10, 1, 3);
    Batches.Send<String> s = b.assign(List.of("a")).get(0);
    Batches.Taken<String> t = b.take(s.id());
    assertNotNull(t);
    assertNull(b.refuse(t, "wrong size", true));
    assertFalse(b.complete());
    Batches.Send<String> again = b.assign(List.of("a")).get(0);
    assertEquals(s.batch(), again.batch(), "sent again");
    assertEquals("bad data", b.refuse(b.take(again.id()), "bad data", false), "a failure that sending again cannot mend ends the job");
  }

  @Test
  void anAnswerToABatchAlreadyAnsweredIsDropped() {
    Batches<String> b = new Batches<>(3, 1, 10, 1, 3);
    Batches.Send<String> s1 = b.assign(List.of("a")).get(0);
    assertNull(b.timedOut(s1.id(), "slow"));
    Batches.Send<String> s2 = b.assign(List.of("a")).get(0);
    b.keep(b.take(s2.id()));
    assertNull(b.take(s1.id()), "the slow first send's answer comes too late");
    assertTrue(b.complete());
  }

  @Test
  void aBatchThatGotNoAnswerGoesToAnotherPoolWhenOneHasRoom() {
    Batches<String> b = new Batches<>(4, 2, 1, 1, 3);
    List<Batches.Send<String>> first = b.assign(List.of("a", "b"));
    Batches.Send<String> atA = first.stream().filter(s -> s.pool().equals("a")).findFirst().orElseThrow();
    Batches.Send<String> atB = first.stream().filter(s -> s.pool().equals("b")).findFirst().orElseThrow();
    assertNull(b.timedOut(atA.id(), "slow"));
    answer(b, atB);
    List<Batches.Send<String>> next = b.assign(List.of("a", "b"));
    assertEquals(atA.batch(), next.get(0).batch(), "the batch sent again goes first");
    assertEquals("b", next.get(0).pool(), "and not to the pool that did not answer it");
    assertEquals("a", next.get(1).pool(), "which still takes other batches");
    Batches<String> alone = new Batches<>(1, 1, 1, 1, 3);
    Batches.Send<String> s = alone.assign(List.of("a")).get(0);
    assertNull(alone.timedOut(s.id(), "slow"));
    assertEquals("a", alone.assign(List.of("a")).get(0).pool(), "with no other pool, the same one again");
  }
}
