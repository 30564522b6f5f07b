package deli.chefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.core.DurationRange;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class KitchenTest {
  static final ActorTestKit testKit = ActorTestKit.create("KitchenTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static Stream<Arguments> chefsAndOrders() {
    List<Arguments> out = new ArrayList<>();
    for (int chefs : new int[] {1, 2, 8, 64}) {
      for (int orders : new int[] {0, 1, 8, 10_000}) {
        out.add(Arguments.of(chefs, orders));
      }
    }
    return out.stream();
  }

  /** Runs a kitchen to its end and returns every event it told its listener. */
  static List<Kitchen.Event> run(ChefsSettings settings) {
    TestProbe<Kitchen.Event> listener = testKit.createTestProbe();
    testKit.spawn(Kitchen.create(settings, Trace.start("test"), listener.getRef()));
    List<Kitchen.Event> events = new ArrayList<>();
    while (true) {
      Kitchen.Event e = listener.receiveMessage(Duration.ofSeconds(30));
      events.add(e);
      if (e instanceof Kitchen.KitchenClosed) {
        return events;
      }
    }
  }

  static ChefsSettings settings(int chefs, int orders, double failRate) {
    return new ChefsSettings(
        Menu.cycle(orders), Menu.chefs(String.valueOf(chefs)), DurationRange.parse("0"), OptionalLong.of(42), failRate);
  }

  @ParameterizedTest(name = "{0} chefs make each of {1} orders exactly once")
  @MethodSource("chefsAndOrders")
  void everyOrderIsMadeExactlyOnce(int chefs, int orders) {
    List<Kitchen.Event> events = run(settings(chefs, orders, 0));
    Kitchen.KitchenClosed closed = (Kitchen.KitchenClosed) events.get(events.size() - 1);
    assertMadeExactlyOnce(orders, events, closed);
    assertEquals(0, closed.returned());
  }

  @Test
  void chefsThatFailMidOrderAreRestartedAndNoOrderIsLost() {
    List<Kitchen.Event> events = run(settings(4, 500, 0.3));
    Kitchen.KitchenClosed closed = (Kitchen.KitchenClosed) events.get(events.size() - 1);
    assertMadeExactlyOnce(500, events, closed);
    assertTrue(closed.returned() > 50, "about 30% of 500 orders failed once, returned " + closed.returned());
  }

  @Test
  void aChefWhoIsTheOnlyOneAndFailsOftenStillFinishes() {
    List<Kitchen.Event> events = run(settings(1, 50, 0.5));
    Kitchen.KitchenClosed closed = (Kitchen.KitchenClosed) events.get(events.size() - 1);
    assertMadeExactlyOnce(50, events, closed);
  }

  @Test
  void chefsReallyTakeThePrepTimeAndWorkInParallel() {
    ChefsSettings s =
        new ChefsSettings(Menu.cycle(4), Menu.chefs("2"), DurationRange.parse("100ms"), OptionalLong.of(1), 0);
    List<Kitchen.Event> events = run(s);
    Kitchen.KitchenClosed closed = (Kitchen.KitchenClosed) events.get(events.size() - 1);
    assertMadeExactlyOnce(4, events, closed);
    // 4 orders of 100 ms: two rounds of two chefs, so at least 200 ms in all.
    assertTrue(closed.nanos() >= 200_000_000L, "took " + closed.nanos() + " ns");
  }

  private static void assertMadeExactlyOnce(int orders, List<Kitchen.Event> events, Kitchen.KitchenClosed closed) {
    int[] made = new int[orders];
    long plateEvents = 0;
    for (Kitchen.Event e : events) {
      if (e instanceof Kitchen.PlateMade p) {
        made[p.order().number()]++;
        plateEvents++;
      }
    }
    for (int i = 0; i < orders; i++) {
      assertEquals(1, made[i], "order " + i + " made " + made[i] + " times");
    }
    assertEquals(orders, plateEvents);
    assertEquals(orders, closed.plates().size());
    assertEquals(0, closed.duplicates());
  }
}
