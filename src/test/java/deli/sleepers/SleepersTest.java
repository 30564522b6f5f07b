package deli.sleepers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.core.DeliConfig;
import deli.core.DurationRange;
import deli.trace.Trace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SleepersTest {
  static final ActorTestKit testKit = ActorTestKit.create("SleepersTest", DeliConfig.load());

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void sleepersEndAfterAboutTheLongestDelayNotTheSum() {
    int n = 40;
    SleepersSettings s = new SleepersSettings(n, DurationRange.parse("200ms..600ms"), OptionalLong.of(5));
    TestProbe<Sleepers.Event> listener = testKit.createTestProbe();
    testKit.spawn(Sleepers.create(s, Trace.start("test"), listener.getRef()));

    Sleepers.Started started = (Sleepers.Started) listener.receiveMessage();
    assertEquals(n, started.delays().size());
    Set<Integer> awake = new HashSet<>();
    for (int i = 0; i < n; i++) {
      awake.add(assertInstanceOf(Sleepers.Awakened.class, listener.receiveMessage(Duration.ofSeconds(5))).id());
    }
    assertEquals(n, awake.size(), "each sleeper wakes once");
    Sleepers.AllAwake all = assertInstanceOf(Sleepers.AllAwake.class, listener.receiveMessage());
    Duration wall = Duration.ofNanos(all.wallNanos());
    assertTrue(wall.compareTo(all.longest()) >= 0, "no one wakes before its time: " + wall);
    // 40 delays of 200-600 ms add up to at least 8 s; together they take about 0.6 s.
    assertTrue(all.total().toMillis() >= 8000, "total " + all.total());
    assertTrue(wall.toMillis() < all.longest().toMillis() + 2000, "wall " + wall + " longest " + all.longest());
  }

  @Test
  void sleepersWakeInTheOrderOfTheirDelays() {
    // Delays are drawn by the parent; with a fixed seed the same run repeats. This seed's six
    // delays lie at least 100 ms apart (checked below), far more than the scheduler's tick.
    SleepersSettings s = new SleepersSettings(6, DurationRange.parse("0..2s"), OptionalLong.of(7));
    TestProbe<Sleepers.Event> listener = testKit.createTestProbe();
    testKit.spawn(Sleepers.create(s, Trace.start("test"), listener.getRef()));
    List<Duration> delays = ((Sleepers.Started) listener.receiveMessage()).delays();
    List<Integer> byDelay = new ArrayList<>();
    for (int i = 0; i < delays.size(); i++) {
      byDelay.add(i);
    }
    byDelay.sort(Comparator.comparing(delays::get));
    for (int i = 1; i < byDelay.size(); i++) {
      Duration gap = delays.get(byDelay.get(i)).minus(delays.get(byDelay.get(i - 1)));
      assertTrue(gap.toMillis() >= 100, "the seed draws delays apart: " + delays);
    }
    List<Integer> woke = new ArrayList<>();
    for (int i = 0; i < delays.size(); i++) {
      woke.add(assertInstanceOf(Sleepers.Awakened.class, listener.receiveMessage(Duration.ofSeconds(5))).id());
    }
    assertEquals(byDelay, woke, "delays " + delays);
    assertInstanceOf(Sleepers.AllAwake.class, listener.receiveMessage());
  }

  @Test
  void aHundredThousandSleepersAllWake() {
    int n = 100_000;
    SleepersSettings s = new SleepersSettings(n, DurationRange.parse("0..200ms"), OptionalLong.of(3));
    TestProbe<Sleepers.Event> listener = testKit.createTestProbe();
    testKit.spawn(Sleepers.create(s, Trace.start("test"), listener.getRef()));
    listener.receiveMessage();
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      int id = ((Sleepers.Awakened) listener.receiveMessage(Duration.ofSeconds(20))).id();
      assertTrue(!seen[id], "sleeper " + id + " woke twice");
      seen[id] = true;
    }
    Sleepers.AllAwake all = assertInstanceOf(Sleepers.AllAwake.class, listener.receiveMessage());
    assertEquals(n, all.count());
  }

  @Test
  void noSleepersMeansDoneAtOnce() {
    TestProbe<Sleepers.Event> listener = testKit.createTestProbe();
    testKit.spawn(Sleepers.create(new SleepersSettings(0, DurationRange.parse("1s"), OptionalLong.empty()), Trace.start("t"), listener.getRef()));
    listener.receiveMessage();
    assertEquals(0, assertInstanceOf(Sleepers.AllAwake.class, listener.receiveMessage()).count());
  }
}
