package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  static final ActorTestKit testKit = ActorTestKit.create("ConsoleTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  /** An event the test console renders: a line, a status, or a line to acknowledge. */
  record Event(String line, String status, ActorRef<Console.Written> ack) {}

  record Acked(String line, ActorRef<Console.Written> writtenTo) implements Console.Acknowledged {}

  static Console.Output render(Object e) {
    if (e instanceof Acked a) {
      return Console.Output.line(a.line());
    }
    Event event = (Event) e;
    return event.status() != null ? Console.Output.status(event.status()) : Console.Output.line(event.line());
  }

  static String text(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aStatusLineIsDrawnOnATerminalsStderrAndWipedBeforeOtherLines() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ActorRef<Object> console =
        testKit.spawn(Console.create(ConsoleTest::render, new PrintStream(out, false), new PrintStream(err, false), false, true));
    console.tell(new Event(null, "working: 50%", null));
    TestProbe<Object> probe = testKit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals("\r\033[Kworking: 50%", text(err));
      return null;
    });
    console.tell(new Event("done", null, null));
    probe.awaitAssert(Duration.ofSeconds(5), () -> {
      assertEquals("done\n", text(out));
      return null;
    });
    testKit.stop(console);
  }

  @Test
  void noStatusLineWhenStderrIsNotATerminal() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ActorRef<Object> console =
        testKit.spawn(Console.create(ConsoleTest::render, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err), false, false));
    console.tell(new Event(null, "working: 50%", null));
    TestProbe<Console.Written> written = testKit.createTestProbe();
    console.tell(new Acked("line", written.getRef())); // the status came first, then this
    written.expectMessage(Console.Written.INSTANCE);
    written.expectNoMessage(Duration.ofMillis(200)); // two status periods
    assertFalse(text(err).contains("working"), text(err));
    testKit.stop(console);
  }

  @Test
  void anAcknowledgedEventIsAcknowledgedOnceItsLinesAreWritten() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ActorRef<Object> console =
        testKit.spawn(Console.create(ConsoleTest::render, new PrintStream(out, false), new PrintStream(new ByteArrayOutputStream()), false, false));
    TestProbe<Console.Written> written = testKit.createTestProbe();
    console.tell(new Acked("first", written.getRef()));
    console.tell(new Acked("second", written.getRef()));
    written.expectMessage(Console.Written.INSTANCE);
    written.expectMessage(Console.Written.INSTANCE);
    testKit.stop(console);
    written.expectTerminated(console);
    assertTrue(text(out).equals("first\nsecond\n"), text(out));
  }
}
