package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FootmanTest {
  static final ActorTestKit testKit = ActorTestKit.create("FootmanTest", DeliConfig.load());
  private static final Trace T = Trace.start("test");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static Footman.State inspect(ActorRef<Footman.Command> footman) {
    TestProbe<Footman.State> probe = testKit.createTestProbe();
    footman.tell(new Footman.Inspect(T, probe.getRef()));
    return probe.receiveMessage();
  }

  /** A philosopher asking for a seat through a message adapter, as the real one does. */
  static Behavior<Object> guest(ActorRef<Footman.Command> footman, int philosopher, ActorRef<Footman.Seated> seen) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<Footman.Seated> adapter = ctx.messageAdapter(Footman.Seated.class, s -> s);
          footman.tell(new Footman.Sit(T, philosopher, adapter));
          return Behaviors.receive(Object.class)
              .onMessage(Footman.Seated.class, s -> {
                seen.tell(s);
                return Behaviors.same();
              })
              .build();
        });
  }

  @Test
  void theFootmanSeatsAtMostHisSeatsAndTheRestWaitInTheOrderTheyCame() {
    ActorRef<Footman.Command> footman = testKit.spawn(Footman.create(2, null));
    List<TestProbe<Footman.Seated>> p =
        List.of(testKit.createTestProbe(), testKit.createTestProbe(), testKit.createTestProbe(), testKit.createTestProbe());
    for (int i = 0; i < 4; i++) {
      footman.tell(new Footman.Sit(T, i, p.get(i).getRef()));
    }
    p.get(0).receiveMessage();
    p.get(1).receiveMessage();
    Footman.State s = inspect(footman);
    assertEquals(2, s.seated().size());
    assertEquals(List.of(2, 3), s.waiting());

    footman.tell(new Footman.Leave(T, 1, p.get(1).getRef()));
    p.get(2).receiveMessage();
    p.get(3).expectNoMessage();
    footman.tell(new Footman.Leave(T, 0, p.get(0).getRef()));
    p.get(3).receiveMessage();
    s = inspect(footman);
    assertEquals(4, s.granted());
    assertEquals(2, s.longestQueue());
  }

  @Test
  void givingBackASeatOneDoesNotHaveIsRefusedLikeABoundedSemaphoreRelease() {
    TestProbe<Observer.Event> observer = testKit.createTestProbe();
    ActorRef<Footman.Command> footman = testKit.spawn(Footman.create(1, observer.getRef()));
    TestProbe<Footman.Seated> p = testKit.createTestProbe();
    LoggingTestKit.error("release refused from philosopher 3, who has no seat")
        .expect(testKit.system(), () -> {
          footman.tell(new Footman.Leave(T, 3, p.getRef()));
          return null;
        });
    observer.expectMessageClass(Observer.ProtocolError.class);
    // The refused release did not add a seat: one seat still seats one.
    TestProbe<Footman.Seated> a = testKit.createTestProbe();
    TestProbe<Footman.Seated> b = testKit.createTestProbe();
    footman.tell(new Footman.Sit(T, 0, a.getRef()));
    footman.tell(new Footman.Sit(T, 1, b.getRef()));
    a.receiveMessage();
    Footman.State s = inspect(footman);
    assertEquals(List.of(0), s.seated());
    assertEquals(List.of(1), s.waiting());
    assertEquals(1, s.refused());
  }

  @Test
  void aPhilosopherWhoDiesSeatedGivesItsSeatBack() {
    TestProbe<Observer.Event> observer = testKit.createTestProbe();
    ActorRef<Footman.Command> footman = testKit.spawn(Footman.create(1, observer.getRef()));
    TestProbe<Footman.Seated> seen = testKit.createTestProbe();
    ActorRef<Object> doomed = testKit.spawn(guest(footman, 0, seen.getRef()));
    seen.receiveMessage();
    TestProbe<Footman.Seated> next = testKit.createTestProbe();
    footman.tell(new Footman.Sit(T, 1, next.getRef()));

    testKit.stop(doomed);
    next.receiveMessage();
    observer.expectMessageClass(Observer.SeatGranted.class);
    Observer.SeatReleased released = observer.expectMessageClass(Observer.SeatReleased.class);
    assertEquals(0, released.philosopher());
    assertTrue(released.reclaimed());
    assertEquals(1, inspect(footman).reclaimed());
  }
}
