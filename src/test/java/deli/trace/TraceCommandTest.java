package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.codec.SpanBytesDecoder;

/** {@code deli trace} over a hand-written file: a root, its child, the child's child, and an old line. */
class TraceCommandTest {
  static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

  static Path file(Path dir) throws Exception {
    Path f = dir.resolve("t.jsonl");
    Files.write(f, List.of(
        "{\"time\":\"2026-01-01T00:00:00Z\",\"node\":\"local\",\"traceId\":\"00000000cafe0001\",\"sender\":\"cli\","
            + "\"receiver\":\"pekko://deli/user/old\",\"type\":\"Old\",\"message\":\"Old()\"}",
        "{\"time\":1796378000000000,\"traceId\":\"" + TRACE + "\",\"spanId\":\"00000000000000a1\",\"sender\":\"cli\","
            + "\"receiver\":\"/user/kitchen\",\"type\":\"Open\",\"took\":5000}",
        "{\"time\":1796378000001000,\"traceId\":\"" + TRACE + "\",\"spanId\":\"00000000000000b2\",\"parentId\":\"00000000000000a1\","
            + "\"receiver\":\"/user/kitchen/desk\",\"type\":\"NextOrder\",\"message\":\"(chef=Michael)\",\"wait\":500,\"took\":2000}",
        "{\"time\":1796378000004000,\"traceId\":\"" + TRACE + "\",\"spanId\":\"00000000000000c3\",\"parentId\":\"00000000000000b2\","
            + "\"receiver\":\"/user/kitchen/chef-1\",\"type\":\"OrderTaken\",\"wait\":1000,\"took\":3000}"));
    return f;
  }

  static String run(String... args) {
    PrintStream before = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Main.execute(args));
    } finally {
      System.setOut(before);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void anOutputFileThatCannotBeWrittenIsOneLineAndExitOne(@TempDir Path dir) throws Exception {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Path nowhere = dir.resolve("no-such-dir").resolve("x.json");
    try {
      assertEquals(1, Main.execute("trace", file(dir).toString(), "--trace-id", TRACE, "--format", "chrome", "-o", nowhere.toString()));
      assertEquals(1, Main.execute("trace", file(dir).toString(), "--trace-id", TRACE, "--format", "svg", "-o", nowhere.toString()));
    } finally {
      System.setErr(before);
    }
    String said = err.toString(StandardCharsets.UTF_8);
    String line = "deli trace: cannot write " + nowhere + ": no such directory " + nowhere.getParent() + "\n";
    assertEquals(line + line, said);
  }

  @Test
  void aSenderLeftOutIsItsParentsReceiverAndOldLinesStillDraw(@TempDir Path dir) throws Exception {
    String mermaid = run("trace", file(dir).toString(), "--trace-id", TRACE, "--times");
    assertTrue(mermaid.contains("participant p2 as kitchen/desk"), mermaid);
    assertTrue(mermaid.contains("p2->>p3: OrderTaken +4.00ms (waited 1.0us, took 3.0us)"), mermaid);
    String old = run("trace", file(dir).toString(), "--trace-id", "00000000cafe0001");
    assertTrue(old.contains("->>p1: Old"), old);
  }

  @Test
  void statsSayEachActorsCountsAndTheCriticalPath(@TempDir Path dir) throws Exception {
    String stats = run("trace", file(dir).toString(), "--trace-id", TRACE, "--stats");
    assertTrue(stats.startsWith("trace " + TRACE + ": 3 messages"), stats);
    assertTrue(stats.matches("(?s).*kitchen/desk\\s+1\\s+1\\s.*"), stats);
    assertTrue(stats.contains("critical path: 3 messages, 4.00ms"), stats);
  }

  @Test
  void aSpanDrawsOnlyWhatItCaused(@TempDir Path dir) throws Exception {
    String under = run("trace", file(dir).toString(), "--trace-id", TRACE, "--span", "00000000000000b2");
    assertTrue(under.contains("NextOrder") && under.contains("OrderTaken"), under);
    assertFalse(under.contains("Open"), under);
  }

  @Test
  void zipkinExportIsReadByZipkinAndOldLinesAreLeftOut(@TempDir Path dir) throws Exception {
    String json = run("trace", file(dir).toString(), "--trace-id", TRACE, "--format", "zipkin");
    List<zipkin2.Span> spans = SpanBytesDecoder.JSON_V2.decodeList(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(3, spans.size());
    assertEquals("00000000000000b2", spans.get(2).parentId());
    assertEquals(3, spans.get(2).durationAsLong());
    String chrome = run("trace", file(dir).toString(), "--trace-id", TRACE, "--format", "chrome");
    assertTrue(chrome.startsWith("{\"traceEvents\":["), chrome);
    String otlp = run("trace", file(dir).toString(), "--trace-id", TRACE, "--format", "otlp");
    assertTrue(otlp.contains("\"parentSpanId\":\"00000000000000a1\""), otlp);
  }
}
