package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LastRecordsTest {
  /** A chunk of {@code lines} as the decoder makes one: each line ending with '\n'. */
  static Chunk chunk(String... lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int[] ends = new int[lines.length];
    for (int i = 0; i < lines.length; i++) {
      out.writeBytes((lines[i] + "\n").getBytes(StandardCharsets.UTF_8));
      ends[i] = out.size();
    }
    return new Chunk(out.toByteArray(), ends, null);
  }

  @Test
  void nothingReceivedKeepsNothing() {
    assertEquals(List.of(), new LastRecords().lines());
    LastRecords last = new LastRecords();
    last.add(chunk());
    assertEquals(List.of(), last.lines());
  }

  @Test
  void theLinesOfEachChunkAreKeptOldestFirstWithoutTheirNewline() {
    LastRecords last = new LastRecords(5, 100);
    last.add(chunk("one", "two"));
    last.add(chunk("three"));
    assertEquals(List.of("one", "two", "three"), last.lines());
  }

  @Test
  void onlyTheLastFewAreKeptHoweverManyArrive() {
    LastRecords last = new LastRecords(3, 100);
    last.add(chunk(IntStream.range(0, 1000).mapToObj(i -> "r" + i).toArray(String[]::new)));
    assertEquals(List.of("r997", "r998", "r999"), last.lines());
    last.add(chunk("a", "b"));
    assertEquals(List.of("r999", "a", "b"), last.lines());
    for (int i = 0; i < 7; i++) {
      last.add(chunk("x" + i));
    }
    assertEquals(List.of("x4", "x5", "x6"), last.lines());
  }

  @Test
  void aLongLineIsCutAndSaysSo() {
    LastRecords last = new LastRecords(2, 10);
    last.add(chunk("0123456789", "0123456789abc"));
    assertEquals(List.of("0123456789", "0123456789…"), last.lines());
  }

  @Test
  void aCutNeverSplitsACharacter() {
    LastRecords last = new LastRecords(4, 10);
    // 'é' is 2 bytes, '€' 3, '🍝' 4: with 9 ASCII bytes before them, the 10-byte cut falls inside each
    last.add(chunk("123456789é", "123456789€x", "123456789🍝x", "12345678é!"));
    assertEquals(List.of("123456789…", "123456789…", "123456789…", "12345678é…"), last.lines());
  }

  @Test
  void linesFromManyThreadsStayBounded() throws Exception {
    LastRecords last = new LastRecords(10, 50);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < 2000; i++) {
          last.add(chunk("t" + id + "-" + i, "t" + id + "-" + i + "b"));
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    List<String> lines = last.lines();
    assertEquals(10, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.matches("t\\d-\\d+b?")), lines.toString());
  }

  @Test
  void keepingNothingIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new LastRecords(0, 100));
    assertThrows(IllegalArgumentException.class, () -> new LastRecords(10, 3));
  }
}
