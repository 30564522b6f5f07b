package deli.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.testing.Await;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ActorMetricsTest {
  static final ActorTestKit testKit = ActorTestKit.create("ActorMetricsTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private interface Nested {}

  static ActorMetrics.ClassStats of(String actorClass) {
    return ActorMetrics.snapshot().stream()
        .filter(s -> s.actorClass().equals(actorClass))
        .findFirst()
        .orElse(new ActorMetrics.ClassStats(actorClass, 0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void anActorClassIsNamedForTheClassItsProtocolIsNestedIn() {
    assertEquals("trace.Counted", ActorMetrics.classOf(Counted.Ping.class));
    assertEquals("trace.ActorMetricsTest", ActorMetrics.classOf(Nested.class));
    assertEquals("java.lang.String", ActorMetrics.classOf(String.class));
  }

  @Test
  void everyMessageIsCountedTheFirstTimedAndTheCountOutlivesTheActors() throws Exception {
    String name = ActorMetrics.classOf(Counted.Command.class);
    ActorMetrics.ClassStats start = of(name);
    long before = start.handled();
    TestProbe<Trace> probe = testKit.createTestProbe();
    int messages = 80;
    for (int a = 0; a < 3; a++) {
      ActorRef<Counted.Command> ref = testKit.spawn(Counted.create());
      for (int i = 0; i < messages; i++) {
        ref.tell(new Counted.Ping(Trace.start("test"), probe.getRef()));
        probe.receiveMessage();
      }
      ref.tell(Counted.Stop.INSTANCE);
      probe.expectTerminated(ref);
    }
    ActorMetrics.ClassStats s = Await.last(Duration.ofSeconds(5), "every actor retired", () -> of(name),
        st -> st.actors() == start.actors() && st.handled() - before == 3L * (messages + 1));
    assertEquals(start.actors(), s.actors(), "stopped actors are no longer alive");
    assertTrue(s.timed() >= 3 && s.timed() <= s.handled(), "each actor's first message at least: " + s);
    assertTrue(s.maxHandlingNanos() > 0 && s.handlingNanos() >= s.maxHandlingNanos(), s.toString());
  }

  @Test
  void aMessageStampedWhenSentHasItsMailboxWaitMeasured() {
    String name = ActorMetrics.classOf(Counted.Command.class);
    long waitedBefore = of(name).waited();
    TestProbe<Trace> probe = testKit.createTestProbe();
    ActorRef<Counted.Command> ref = testKit.spawn(Counted.create());
    Trace stamped = Trace.start("test").sentAt(TraceClock.now() - 1_000_000);
    ref.tell(new Counted.Ping(stamped, probe.getRef()));
    probe.receiveMessage();
    ActorMetrics.ClassStats s = of(name);
    assertEquals(1, s.waited() - waitedBefore);
    assertTrue(s.maxWaitNanos() >= 1_000_000, "waited at least the millisecond before it was sent: " + s);
    testKit.stop(ref);
  }

  @Test
  void aThreadStampsItsFirstSendInEachTickAndNoMore() {
    TraceContext c = TraceContext.CURRENT.get();
    c.self = "test-sender";
    c.traceId = Trace.newTraceId();
    c.stampedAt = 0;
    try {
      long start = System.nanoTime();
      Trace first = Trace.here();
      int stamped = first.sent() != 0 ? 1 : 0;
      for (int i = 0; i < 100_000; i++) {
        if (Trace.here().sent() != 0) {
          stamped++;
        }
      }
      long ticks = (System.nanoTime() - start) / TraceClock.TICK_NANOS;
      assertTrue(first.sent() > 0, "the first send is stamped");
      assertTrue(stamped <= ticks + 2, stamped + " stamped in " + ticks + " ticks");
      assertEquals("test-sender", first.sender());
    } finally {
      c.self = null;
      c.traceId = null;
      c.here = null;
    }
  }

  @Test
  void anActorThatRestartsKeepsItsCountAndIsAliveOnce() throws Exception {
    String name = ActorMetrics.classOf(Restarted.Command.class);
    Behavior<Restarted.Command> crashing =
        Behaviors.receive(Restarted.Command.class)
            .onMessage(Restarted.Boom.class, b -> {
              throw new IllegalStateException("boom, as asked");
            })
            .build();
    ActorRef<Restarted.Command> ref = testKit.spawn(
        Behaviors.supervise(Tracing.traced(Restarted.Command.class, crashing))
            .onFailure(org.apache.pekko.actor.typed.SupervisorStrategy.restart().withLoggingEnabled(false)));
    long before = of(name).handled();
    for (int i = 0; i < 3; i++) {
      ref.tell(Restarted.Boom.INSTANCE);
    }
    ActorMetrics.ClassStats s = Await.last(Duration.ofSeconds(5), "three messages counted", () -> of(name),
        st -> st.handled() - before == 3);
    assertTrue(s.actors() <= 1, "a restarted actor is one actor: " + s);
  }
}

/** Actor classes of their own (top-level, so named apart from the test), so counts stay apart. */
final class Counted {
  interface Command {}

  record Ping(Trace trace, ActorRef<Trace> replyTo) implements Command, Traced {}

  enum Stop implements Command {
    INSTANCE
  }

  static Behavior<Command> create() {
    return Tracing.traced(
        Command.class,
        Behaviors.receive(Command.class)
            .onMessage(Ping.class, p -> {
              p.replyTo().tell(Trace.here());
              return Behaviors.same();
            })
            .onMessage(Stop.class, s -> Behaviors.stopped())
            .build());
  }
}

final class Restarted {
  interface Command {}

  enum Boom implements Command {
    INSTANCE
  }
}
