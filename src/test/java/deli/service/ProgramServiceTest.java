package deli.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.trace.Trace;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ProgramServiceTest {
  private static final ActorTestKit KIT = ActorTestKit.create();

  @AfterAll
  static void stop() {
    KIT.shutdownTestKit();
  }

  interface Event {}

  record Progress(int n) implements Event {}

  record Done(int n) implements Event {}

  /** Tells {@code n} progress events then its final one, and stops; n < 0 throws instead. */
  private static Behavior<Void> program(Integer n, Trace trace, ActorRef<Event> listener) {
    return Behaviors.setup(
        ctx -> {
          if (n < 0) {
            throw new IllegalStateException("the program broke");
          }
          for (int i = 0; i < n; i++) {
            listener.tell(new Progress(i));
          }
          listener.tell(new Done(n));
          return Behaviors.stopped();
        });
  }

  private final ActorRef<ProgramService.Command> service =
      KIT.spawn(ProgramService.<Integer, Event, Done>create("run", Done.class, ProgramServiceTest::program));

  @Test
  void eachRunAnswersItsFinalEventAloneProgressDropped() {
    TestProbe<StatusReply<Done>> probe = KIT.createTestProbe();
    service.tell(new ProgramService.Run<>(Trace.start("test"), 3, probe.ref()));
    StatusReply<Done> reply = probe.receiveMessage();
    assertTrue(reply.isSuccess());
    assertEquals(new Done(3), reply.getValue());
    service.tell(new ProgramService.Run<>(Trace.start("test"), 1, probe.ref()));
    assertEquals(new Done(1), probe.receiveMessage().getValue());
    probe.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aRunThatThrowsIsAnsweredWithItsFailureAtOnce() {
    TestProbe<StatusReply<Done>> probe = KIT.createTestProbe();
    service.tell(new ProgramService.Run<>(Trace.start("test"), -1, probe.ref()));
    // Within the probe's default 3 s, far below the HTTP ask timeout the caller would wait for.
    StatusReply<Done> reply = probe.receiveMessage();
    assertTrue(reply.isError());
    assertTrue(reply.getError().getMessage().contains("run failed"), reply.getError().getMessage());
    assertTrue(reply.getError().getMessage().contains("the program broke"), reply.getError().getMessage());
    // The service lives on.
    service.tell(new ProgramService.Run<>(Trace.start("test"), 0, probe.ref()));
    assertEquals(new Done(0), probe.receiveMessage().getValue());
  }
}
