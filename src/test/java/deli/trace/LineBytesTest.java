package deli.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The trace line built as bytes is the line deli wrote before, byte for byte ({@link ReferenceLine}). */
class LineBytesTest {
  static final ActorTestKit testKit = ActorTestKit.create("LineBytesTest");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  enum Mood { HUNGRY, FULL }

  record Empty() {}

  record Take(int philosopher) {}

  record Numbers(int i, long l, short s, byte b, boolean yes, char c, double d, float f) {}

  record Words(String text, Object anything) {}

  record Nest(Object inner) {}

  record Refs(ActorRef<String> named, ActorRef<String> anonymous, Trace trace, Mood mood) {}

  record Holder(Optional<String> maybe, List<Integer> few, List<Integer> many, Map<String, Integer> map) {}

  record Reply(Trace trace, String text) implements Traced {}

  private record Wrapped(Reply reply) {}

  record Broken(int n) {
    @Override
    public int n() {
      throw new IllegalStateException("no");
    }
  }

  static final class Loud {
    @Override
    public String toString() {
      throw new IllegalStateException("no");
    }
  }

  static final class Plain {
    @Override
    public String toString() {
      return "plain \"thing\"";
    }
  }

  private static SpanLine span(Object msg, String node, String parent, String sender, String type, long sent, boolean always) {
    return new SpanLine(
        node, "pekko://x@h:1", "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", parent, sender,
        "/user/dinner/fork-1", type, msg, sent, 1_796_401_935_660_735_123L, 1_796_401_935_660_736_000L, always);
  }

  /** One buffer for every line, as the writer has: what it remembers of a line must not spill into the next. */
  private static final LineBuffer SHARED = new LineBuffer(8);

  private static final TraceRender.Text SCRATCH = new TraceRender.Text();

  private static byte[] fast(SpanLine s) {
    SHARED.pos = 0;
    s.appendTo(SHARED, SCRATCH);
    return Arrays.copyOf(SHARED.buf, SHARED.pos);
  }

  private static void same(SpanLine s) {
    byte[] expected = ReferenceLine.of(s);
    byte[] actual = fast(s);
    assertArrayEquals(expected, actual, () -> "expected " + new String(expected, StandardCharsets.UTF_8)
        + "\n but was " + new String(actual, StandardCharsets.UTF_8));
  }

  private static final String ALPHABET = "abcXYZ019 _-=(),.\"\\\n\t\r\u0001\u001f\u007f\u00e9\u00ff\u0100\u65e5\u2028";

  private static String randomText(Random r, int max) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      int k = r.nextInt(ALPHABET.length() + 3);
      if (k == ALPHABET.length()) {
        b.append("\ud83c\udf5d"); // a pair
      } else if (k == ALPHABET.length() + 1) {
        b.append('\ud83c'); // a lone high surrogate
      } else if (k == ALPHABET.length() + 2) {
        b.append('\udf5d'); // a lone low surrogate
      } else {
        b.append(ALPHABET.charAt(k));
      }
    }
    return b.toString();
  }

  @Test
  void everyKindOfMessageIsWrittenAsTheOldLineByteForByte() {
    ActorRef<String> named = testKit.spawn(Behaviors.<String>empty(), "fork-1");
    ActorRef<String> anonymous = testKit.spawn(Behaviors.<String>empty());
    assertTrue(anonymous.path().name().startsWith("$"), "an anonymous actor's name: " + anonymous.path().name());
    Trace trace = new Trace("0af7651916cd43dd8448eb211c80319c", "cli", "", 0, true);
    List<Object> messages = new ArrayList<>(List.of(
        new Empty(), new Take(3), new Take(-7), Mood.FULL, "a string message", new Plain(), 42, Optional.empty(),
        new Numbers(Integer.MIN_VALUE, Long.MIN_VALUE, (short) -3, (byte) 127, true, 'q', 0.1, 1.5e-7f),
        new Numbers(Integer.MAX_VALUE, Long.MAX_VALUE, (short) 0, (byte) 0, false, '"', Double.NaN, -0.0f),
        new Words(null, null), new Words("caf\u00e9 \"q\"\n\u0000", 12345678901L),
        new Nest(new Nest(new Nest(new Nest(new Nest(new Take(1)))))),
        new Refs(named, anonymous, trace, Mood.HUNGRY), new Refs(anonymous, named, null, null),
        new Holder(Optional.of("x"), List.of(1, 2, 3), List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), Map.of("k", 1)),
        new Holder(Optional.empty(), List.of(), List.of(), Map.of()),
        new Wrapped(new Reply(trace, "inner")), new Wrapped(null), new Reply(trace, "direct"),
        new Broken(1), new Words("x", new Loud()),
        new Words("y".repeat(200), "z"), new Words("w".repeat(150), "\ud83c\udf5d".repeat(10))));
    for (int pad = 140; pad < 165; pad++) {
      messages.add(new Words("p".repeat(pad), "\ud83c\udf5d\u00e9\"")); // the cut at 157 chars, around a pair
    }
    for (Object m : messages) {
      same(span(m, "local", "00f067aa0ba902b7", null, null, 0, false));
      same(span(m, "10.0.0.1:2552", "", "pekko://x@h:1/user/dinner", null, 1_796_401_935_660_700_000L, false));
      same(span(m, "local", "00f067aa0ba902b7", "pekko://other@h:2/user/a", "Chosen", 1_796_401_935_660_800_000L, true));
    }
  }

  @Test
  void randomTextInEveryFieldIsWrittenAsTheOldLineByteForByte() {
    Random r = new Random(15);
    String[] nodes = new String[300]; // more than the buffer remembers (128): some evicted, some recurring
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = randomText(r, 12);
    }
    for (int i = 0; i < 6000; i++) {
      Object msg = switch (r.nextInt(4)) {
        case 0 -> new Words(randomText(r, 40), randomText(r, 200));
        case 1 -> new Nest(new Words(randomText(r, 170), r.nextLong()));
        case 2 -> new Take(r.nextInt());
        default -> randomText(r, 30);
      };
      String node = r.nextBoolean() ? "local" : nodes[r.nextInt(nodes.length)];
      String parent = r.nextBoolean() ? "" : randomText(r, 16);
      String sender = r.nextInt(3) == 0 ? null : (r.nextBoolean() ? "pekko://x@h:1" : "") + "/user/" + randomText(r, 10);
      same(span(msg, node, parent, sender, r.nextInt(5) == 0 ? randomText(r, 8) : null, r.nextInt(3) == 0 ? 0 : r.nextLong(), r.nextBoolean()));
    }
  }

  @Test
  void aSenderKnownAsLocalToOneNodeIsStillWrittenOnTheLinesOfAnother() {
    // The writer remembers which sender strings are its node's own; two systems in one JVM
    // (a cluster in a test) write through one writer with different addresses.
    String sender = "pekko://x@h:1/user/dinner/philosopher-2";
    for (int i = 0; i < 3; i++) {
      for (String prefix : new String[] {"pekko://x@h:1", "pekko://y@h:2", "pekko://x@h:1"}) {
        SpanLine s = new SpanLine(
            "local", prefix, "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "00f067aa0ba902b7", sender,
            "/user/dinner/fork-1", null, new Take(i), 0, 1_796_401_935_660_735_123L, 1_796_401_935_660_736_000L, false);
        same(s);
        String line = new String(fast(s), StandardCharsets.UTF_8);
        assertEquals(prefix.equals("pekko://y@h:2"), line.contains("\"sender\""), line);
      }
    }
  }

  @Test
  void numbersAndIdsAreWrittenAsJavaWritesThem() {
    long[] values = {0, 1, 9, 10, 99, 100, -1, -10, 999_999_999_999_999_999L, Long.MAX_VALUE, Long.MIN_VALUE, 1_796_401_935_660_735L};
    for (long v : values) {
      LineBuffer b = new LineBuffer(1);
      assertEquals(Long.toString(v), b.decimal(v).toString());
      TraceRender.Text t = new TraceRender.Text();
      assertEquals(Long.toString(v), t.append(v).toString());
      assertEquals(String.format("%016x", v), new LineBuffer(1).hex16(v).toString());
    }
  }

  @Test
  void timesAreWrittenAsJavaWritesThemWhenTheirLeadingDigitsChangeAndWhenNot() {
    // The digits above the last eight are remembered from one time to the next: a run of times
    // within one block of 10^8, across blocks, back to an earlier block, and numbers of every size.
    LineBuffer b = new LineBuffer(1);
    StringBuilder expected = new StringBuilder();
    java.util.Random r = new java.util.Random(16);
    long t = 1_796_401_935_660_735L - 5_000L;
    long[] fixed = {0, 7, 99_999_999L, 100_000_000L, 100_000_001L, 199_999_999L, 200_000_000L, 100_000_000L,
        Long.MAX_VALUE, 12_345_678_900_000_000L, Long.MAX_VALUE, -5, Long.MIN_VALUE, 1_000_000_000_000_000_000L};
    for (long v : fixed) {
      b.time(v).ascii(' ');
      expected.append(v).append(' ');
    }
    for (int i = 0; i < 20_000; i++) {
      t += r.nextInt(i % 1000 == 0 ? 400_000_000 : 2_000);
      long v = i % 97 == 0 ? r.nextLong() >>> r.nextInt(64) : t;
      b.time(v).ascii(' ');
      expected.append(v).append(' ');
    }
    assertEquals(expected.toString(), b.toString());
  }

  @Test
  void decimalsOfEveryLengthAreWrittenAsJavaWritesThem() {
    // Digits go out two at a time: odd and even lengths, each side of every power of ten, and the
    // eight-digit blocks of longer numbers (zeros inside included).
    java.util.Random r = new java.util.Random(15);
    LineBuffer b = new LineBuffer(1);
    StringBuilder expected = new StringBuilder();
    for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
      for (long v : new long[] {p - 1, p, p + 1, p * 10 - 1, p * 3 + 7, -p, 100_000_000L * p + 5}) {
        b.decimal(v).ascii(' ');
        expected.append(v).append(' ');
      }
    }
    for (int i = 0; i < 10_000; i++) {
      long v = r.nextLong() >> r.nextInt(64);
      b.decimal(v).ascii(' ');
      expected.append(v).append(' ');
    }
    assertEquals(expected.toString(), b.toString());
  }
}
