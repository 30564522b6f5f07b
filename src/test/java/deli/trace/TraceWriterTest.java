package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWriterTest {
  record Take(int philosopher, String note) {}

  @Test
  void linesFromSeveralThreadsBeyondTheRingsCapacityAreAllWrittenEachThreadsInOrder(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.jsonl");
    int threads = 3;
    int each = TraceWriter.CAPACITY * 2; // the ring fills: producers must wait, not drop
    TraceWriter w = new TraceWriter(file);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread p = new Thread(() -> {
        for (int i = 0; i < each; i++) {
          w.write(id + " " + i);
        }
      });
      p.start();
      producers.add(p);
    }
    for (Thread p : producers) {
      p.join();
    }
    w.close();
    List<String> lines = Files.readAllLines(file);
    assertEquals(threads * each, lines.size());
    Map<Integer, Integer> nextOf = new HashMap<>();
    for (String line : lines) {
      String[] parts = line.split(" ");
      int id = Integer.parseInt(parts[0]);
      int i = Integer.parseInt(parts[1]);
      assertEquals(nextOf.getOrDefault(id, 0), i, "thread " + id + "'s lines in the order written");
      nextOf.put(id, i + 1);
    }
  }

  @Test
  void aSpanIsRenderedOnTheWritersThreadAsTheLineFormatSaysInUtf8(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.jsonl");
    String note = "caf\u00e9 \u65e5\u672c \ud83c\udf5d \"q\"\n";
    SpanLine span =
        new SpanLine(
            "local", "pekko://x", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "00f067aa0ba902b7",
            null, "/user/dinner/fork-1", null, new Take(3, note), 1_000_000L, 3_000_000L, 3_500_000L, false);
    StringBuilder expected = new StringBuilder();
    span.appendTo(expected);
    TraceWriter w = new TraceWriter(file);
    w.write(span);
    w.close();
    assertEquals(expected + "\n", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(
        "{\"time\":3000,\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"b7ad6b7169203331\","
            + "\"parentId\":\"00f067aa0ba902b7\",\"sender\":null,\"receiver\":\"/user/dinner/fork-1\",\"type\":\"Take\","
            + "\"message\":\"(philosopher=3, note=caf\u00e9 \u65e5\u672c \ud83c\udf5d \\\"q\\\"\\n)\",\"wait\":2000000,\"took\":500000}",
        expected.toString());
  }

  @Test
  void aLineWrittenAfterTheCloseIsLostWithoutBlockingEvenWhenTheRingWasFull(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.jsonl");
    TraceWriter w = new TraceWriter(file);
    w.write("before");
    w.close();
    for (int i = 0; i < TraceWriter.CAPACITY + 10; i++) {
      w.write("after " + i); // returns: nothing reads the ring any more
    }
    assertEquals(List.of("before"), Files.readAllLines(file));
    assertTrue(Files.size(file) > 0);
  }
}
