package deli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.factor.Factoring;
import deli.factor.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The bookkeeping of a job spread over pools, with pools as names. */
class BatchesTest {
  static final Numbers NUMBERS = Numbers.of(LongStream.rangeClosed(2, 101).toArray()); // 100 numbers

  static List<Numbers> factors(Numbers batch) {
    List<Numbers> out = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      out.add(Numbers.of(Factoring.factor(batch.get(i))));
    }
    return out;
  }

  static void answer(Batches<String> b, Batches.Send<String> s) {
    assertNull(b.factored(s.id(), factors(s.numbers())));
  }

  @Test
  void batchesAreSmallEnoughThatEveryPoolGetsAFullWindow() {
    Batches<String> b = new Batches<>(NUMBERS, 3, 1000, 2, 3);
    assertEquals(17, b.batchSize(), "100 numbers over 3 pools x 2 slots");
    assertEquals(6, b.count());
    assertEquals(10, new Batches<String>(NUMBERS, 1, 10, 4, 3).batchSize(), "never above batch-size");
  }

  @Test
  void eachPoolGetsAtMostItsWindowAndTheNextBatchGoesToWhicheverAnswers() {
    Batches<String> b = new Batches<>(NUMBERS, 2, 10, 2, 3);
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
  void allAnswersComeBackInRequestOrderWhateverTheOrderTheyArriveIn() {
    Batches<String> b = new Batches<>(NUMBERS, 1, 7, 100, 3);
    List<Batches.Send<String>> sends = b.assign(List.of("a"));
    assertEquals(b.count(), sends.size());
    for (int i = sends.size() - 1; i >= 0; i--) {
      assertFalse(b.complete());
      answer(b, sends.get(i));
    }
    assertTrue(b.complete());
    assertEquals(factors(NUMBERS).toString(), b.results().toString());
    assertEquals(Map.of("a", b.count()), b.answeredBy());
  }

  @Test
  void aLostPoolsBatchesAreSentAgainLowestFirstAndTheLateAnswerOfTheLostSendIsDropped() {
    Batches<String> b = new Batches<>(NUMBERS, 2, 10, 3, 3);
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
    int answeredByB = b.answeredBy().getOrDefault("b", 0);
    assertEquals(0, answeredByB, "sends given up on are not counted for their pool");
    while (!b.complete()) {
      for (Batches.Send<String> s : again) {
        answer(b, s);
      }
      again = b.assign(List.of("a"));
    }
    assertEquals(factors(NUMBERS).toString(), b.results().toString(), "every number once, in order");
  }

  @Test
  void aBatchIsSentAtMostAttemptsTimesThenTheJobFailsNamingIt() {
    Batches<String> b = new Batches<>(Numbers.of(4, 6, 8), 1, 10, 1, 2);
    Batches.Send<String> s1 = b.assign(List.of("a")).get(0);
    assertNull(b.failed(s1.id(), "timeout"), "sent again");
    Batches.Send<String> s2 = b.assign(List.of("a")).get(0);
    assertEquals(s1.batch(), s2.batch());
    assertEquals("timeout (sent 2 times)", b.failed(s2.id(), "timeout"));
    assertEquals("numbers 1 to 3", b.firstMissing());
    assertNull(b.failed(s1.id(), "late"), "a send already given up on changes nothing");
  }

  @Test
  void anAnswerOfTheWrongSizeCountsAsAFailedSend() {
    Batches<String> b = new Batches<>(Numbers.of(4, 6, 8), 1, 10, 1, 2);
    Batches.Send<String> s = b.assign(List.of("a")).get(0);
    assertNull(b.factored(s.id(), List.of(Numbers.of(2, 2))));
    assertFalse(b.complete());
    assertEquals(1, b.assign(List.of("a")).size(), "sent again");
  }
}
