package deli.chefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OrderDeskTest {
  static final ActorTestKit testKit = ActorTestKit.create("OrderDeskTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static final Trace T = Trace.start("test");

  @Test
  void handsOutOrdersInTheirOrderOneAtATime() {
    ActorRef<OrderDesk.Command> desk = testKit.spawn(OrderDesk.create(List.of(new Order(0, "A"), new Order(1, "B"))));
    TestProbe<OrderDesk.Reply> mo = testKit.createTestProbe();
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.empty(), mo.getRef()));
    assertEquals("A", ((OrderDesk.OrderTaken) mo.receiveMessage()).order().name());
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.of(new Order(0, "A")), mo.getRef()));
    assertEquals("B", ((OrderDesk.OrderTaken) mo.receiveMessage()).order().name());
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.of(new Order(1, "B")), mo.getRef()));
    assertInstanceOf(OrderDesk.NoMoreOrders.class, mo.receiveMessage());
  }

  @Test
  void aChefWhoAsksAgainWithoutFinishingGivesItsOrderBack() {
    ActorRef<OrderDesk.Command> desk = testKit.spawn(OrderDesk.create(List.of(new Order(0, "A"), new Order(1, "B"))));
    TestProbe<OrderDesk.Reply> mo = testKit.createTestProbe();
    TestProbe<OrderDesk.Reply> constantine = testKit.createTestProbe();
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.empty(), mo.getRef()));
    assertEquals("A", ((OrderDesk.OrderTaken) mo.receiveMessage()).order().name());
    // mo is restarted: it asks again, having finished nothing. A goes back to the front.
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.empty(), mo.getRef()));
    assertEquals("A", ((OrderDesk.OrderTaken) mo.receiveMessage()).order().name());
    desk.tell(new OrderDesk.NextOrder(T, "constantine", Optional.empty(), constantine.getRef()));
    assertEquals("B", ((OrderDesk.OrderTaken) constantine.receiveMessage()).order().name());
    TestProbe<OrderDesk.DeskReport> report = testKit.createTestProbe();
    desk.tell(new OrderDesk.Report(T, report.getRef()));
    assertEquals(1, report.receiveMessage().returned());
  }

  @Test
  void anIdleChefWaitsWhileAnOrderIsStillInFlightAndIsReleasedAtTheEnd() {
    ActorRef<OrderDesk.Command> desk = testKit.spawn(OrderDesk.create(List.of(new Order(0, "A"))));
    TestProbe<OrderDesk.Reply> mo = testKit.createTestProbe();
    TestProbe<OrderDesk.Reply> constantine = testKit.createTestProbe();
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.empty(), mo.getRef()));
    mo.receiveMessage();
    desk.tell(new OrderDesk.NextOrder(T, "constantine", Optional.empty(), constantine.getRef()));
    // A may still come back if mo fails, so constantine is kept waiting, not sent home.
    constantine.expectNoMessage(Duration.ofMillis(100));
    desk.tell(new OrderDesk.NextOrder(T, "mo", Optional.of(new Order(0, "A")), mo.getRef()));
    assertInstanceOf(OrderDesk.NoMoreOrders.class, mo.receiveMessage());
    assertInstanceOf(OrderDesk.NoMoreOrders.class, constantine.receiveMessage());
  }
}
