package deli.philosophers;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

class ForkTest {
  static final ActorTestKit testKit = ActorTestKit.create("ForkTest", DeliConfig.load());
  private static final Trace T = Trace.start("test");

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static Fork.State inspect(ActorRef<Fork.Command> fork) {
    TestProbe<Fork.State> probe = testKit.createTestProbe();
    fork.tell(new Fork.Inspect(T, probe.getRef()));
    return probe.receiveMessage();
  }

  /**
   * A philosopher's hand, as the real one holds a fork: through a message adapter, which is
   * what the fork watches. Whatever it is given goes to {@code seen}.
   */
  static Behavior<Object> hand(ActorRef<Fork.Command> fork, int philosopher, ActorRef<Fork.Taken> seen) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<Fork.Taken> adapter = ctx.messageAdapter(Fork.Taken.class, t -> t);
          fork.tell(new Fork.Take(T, philosopher, adapter));
          return Behaviors.receive(Object.class)
              .onMessage(Fork.Taken.class, t -> {
                seen.tell(t);
                return Behaviors.same();
              })
              .build();
        });
  }

  @Test
  void aFreeForkGoesToTheFirstToAskAndTheOthersWaitInTheOrderTheyAsked() {
    ActorRef<Fork.Command> fork = testKit.spawn(Fork.create(3, null));
    TestProbe<Fork.Taken> a = testKit.createTestProbe();
    TestProbe<Fork.Taken> b = testKit.createTestProbe();
    TestProbe<Fork.Taken> c = testKit.createTestProbe();
    fork.tell(new Fork.Take(T, 3, a.getRef()));
    assertEquals(3, a.receiveMessage().fork());
    fork.tell(new Fork.Take(T, 2, b.getRef()));
    fork.tell(new Fork.Take(T, 4, c.getRef()));
    Fork.State s = inspect(fork);
    assertEquals(3, s.holder());
    assertEquals(List.of(2, 4), s.waiters());

    fork.tell(new Fork.Put(T, 3, a.getRef()));
    b.receiveMessage();
    assertEquals(2, inspect(fork).holder());
    fork.tell(new Fork.Put(T, 2, b.getRef()));
    c.receiveMessage();
    fork.tell(new Fork.Put(T, 4, c.getRef()));
    s = inspect(fork);
    assertEquals(-1, s.holder());
    assertEquals(List.of(), s.waiters());
    a.expectNoMessage();
  }

  @Test
  void aPutFromSomeoneWhoDoesNotHoldTheForkIsRefusedAndLoggedAsAProtocolError() {
    TestProbe<Observer.Event> observer = testKit.createTestProbe();
    ActorRef<Fork.Command> fork = testKit.spawn(Fork.create(0, observer.getRef()));
    TestProbe<Fork.Taken> holder = testKit.createTestProbe();
    TestProbe<Fork.Taken> stranger = testKit.createTestProbe();
    fork.tell(new Fork.Take(T, 0, holder.getRef()));
    holder.receiveMessage();
    observer.expectMessageClass(Observer.ForkTaken.class);

    LoggingTestKit.error("put refused from philosopher 1")
        .expect(testKit.system(), () -> {
          fork.tell(new Fork.Put(T, 1, stranger.getRef()));
          return null;
        });
    Observer.ProtocolError error = (Observer.ProtocolError) observer.receiveMessage();
    assertEquals("fork 0: put refused from philosopher 1, who does not hold it (philosopher 0 does)", error.what());
    Fork.State s = inspect(fork);
    assertEquals(0, s.holder(), "the holder keeps the fork");
    assertEquals(1, s.refused());
  }

  @Test
  void aForkComesBackWhenItsHolderDiesAndGoesToTheNextInLine() {
    TestProbe<Observer.Event> observer = testKit.createTestProbe();
    ActorRef<Fork.Command> fork = testKit.spawn(Fork.create(1, observer.getRef()));
    TestProbe<Fork.Taken> seen = testKit.createTestProbe();
    ActorRef<Object> first = testKit.spawn(hand(fork, 1, seen.getRef()));
    seen.receiveMessage();
    TestProbe<Fork.Taken> next = testKit.createTestProbe();
    fork.tell(new Fork.Take(T, 0, next.getRef()));

    testKit.stop(first);
    assertEquals(1, next.receiveMessage().fork());
    observer.expectMessageClass(Observer.ForkTaken.class);
    Observer.ForkPut put = observer.expectMessageClass(Observer.ForkPut.class);
    assertEquals(1, put.philosopher());
    assertEquals(true, put.reclaimed());
    Fork.State s = inspect(fork);
    assertEquals(0, s.holder());
    assertEquals(1, s.reclaimed());
  }

  @Test
  void aWaiterThatDiesLeavesTheQueue() {
    ActorRef<Fork.Command> fork = testKit.spawn(Fork.create(2, null));
    TestProbe<Fork.Taken> holder = testKit.createTestProbe();
    fork.tell(new Fork.Take(T, 2, holder.getRef()));
    holder.receiveMessage();
    TestProbe<Fork.Taken> seen = testKit.createTestProbe();
    ActorRef<Object> waiter = testKit.spawn(hand(fork, 1, seen.getRef()));
    testKit.createTestProbe().awaitAssert(() -> {
      assertEquals(List.of(1), inspect(fork).waiters());
      return null;
    });
    testKit.stop(waiter);
    testKit.createTestProbe().awaitAssert(() -> {
      assertEquals(List.of(), inspect(fork).waiters());
      return null;
    });
    fork.tell(new Fork.Put(T, 2, holder.getRef()));
    assertEquals(-1, inspect(fork).holder());
    seen.expectNoMessage();
  }
}
