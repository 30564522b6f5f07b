package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import deli.core.DeliConfig;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log server across restarts and repeated stop requests, with real sockets. */
class LogServerLifecycleTest {
  @TempDir Path dir;

  /** A message the server does not know, which the wrapper below turns into a failure. */
  private enum Crash implements LogServer.Command {
    INSTANCE
  }

  /** Fails the server on {@link Crash}, as a bad file or a bug would, so its supervisor restarts it. */
  private static final class CrashOnRequest extends BehaviorInterceptor<LogServer.Command, LogServer.Command> {
    CrashOnRequest() {
      super(LogServer.Command.class);
    }

    @Override
    public Behavior<LogServer.Command> aroundReceive(
        TypedActorContext<LogServer.Command> ctx, LogServer.Command msg, ReceiveTarget<LogServer.Command> target) {
      if (msg == Crash.INSTANCE) {
        throw new IllegalStateException("crash on request");
      }
      return target.apply(ctx, msg);
    }
  }

  /** Passes events on to {@code events} and acknowledges the end, as the console does. */
  private static Behavior<ServerEvent> listener(ActorRef<ServerEvent> events) {
    return Behaviors.receive(
        (ctx, e) -> {
          events.tell(e);
          if (e instanceof ServerEvent.Stopped s) {
            s.ack().tell(Done.getInstance());
          }
          return Behaviors.same();
        });
  }

  private static LogServerSettings settings(Path out, Duration drain) {
    return LogServerTest.settings(out, Duration.ofSeconds(10), drain, 0);
  }

  private static void awaitListening(TestProbe<ServerEvent> events) {
    events.fishForMessage(
        Duration.ofSeconds(20),
        e -> e instanceof ServerEvent.Listening
            ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
  }

  /** What the probe holds: the system has shut down, so nothing more is on its way. */
  private static java.util.List<LogServer.Command> everything(TestProbe<LogServer.Command> probe) {
    java.util.List<LogServer.Command> all = new java.util.ArrayList<>();
    while (true) {
      try {
        all.add(probe.receiveMessage(Duration.ofMillis(200)));
      } catch (AssertionError nothingLeft) {
        return all;
      }
    }
  }

  @Test
  void aServerRestartedTwiceTakesPartInTheNodesShutdownOnce() throws Exception {
    ActorTestKit kit = ActorTestKit.create("LogServerLifecycleTest", DeliConfig.load());
    try {
      TestProbe<LogServer.Command> seen = kit.createTestProbe();
      TestProbe<ServerEvent> events = kit.createTestProbe();
      ActorRef<LogServer.Command> server =
          kit.spawn(
              Behaviors.supervise(
                      Behaviors.monitor(
                          LogServer.Command.class,
                          seen.getRef(),
                          Behaviors.intercept(
                              CrashOnRequest::new,
                              LogServer.create(
                                  settings(dir.resolve("one.log"), Duration.ZERO),
                                  kit.spawn(listener(events.getRef())),
                                  true))))
                  .onFailure(SupervisorStrategy.restart()));
      awaitListening(events);
      for (int i = 0; i < 2; i++) {
        server.tell(Crash.INSTANCE);
        awaitListening(events);
      }

      CoordinatedShutdown.get(kit.system())
          .runAll(CoordinatedShutdown.unknownReason())
          .toCompletableFuture()
          .get(60, TimeUnit.SECONDS);

      int unbinds = 0;
      int drains = 0;
      int closes = 0;
      for (LogServer.Command m : everything(seen)) {
        unbinds += m instanceof LogServer.Unbind ? 1 : 0;
        drains += m instanceof LogServer.Drain ? 1 : 0;
        closes += m instanceof LogServer.Close ? 1 : 0;
      }
      assertEquals(
          "1 unbind, 1 drain, 1 close", unbinds + " unbind, " + drains + " drain, " + closes + " close");
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void everyoneWhoAsksForADrainIsAnsweredWhenTheLastConnectionEnds() throws Exception {
    ActorTestKit kit = ActorTestKit.create("LogServerDrainTest", DeliConfig.load());
    try {
      TestProbe<ServerEvent> events = kit.createTestProbe();
      ActorRef<LogServer.Command> server =
          kit.spawn(LogServer.create(settings(dir.resolve("one.log"), Duration.ofMinutes(5)), events.getRef(), false));
      ServerEvent.Listening listening =
          (ServerEvent.Listening)
              events.fishForMessage(
                      Duration.ofSeconds(20),
                      e -> e instanceof ServerEvent.Listening
                          ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                          : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore())
                  .get(0);
      TestProbe<ServerStats> stats = kit.createTestProbe();
      try (Socket client = new Socket("127.0.0.1", listening.bound().getPort())) {
        stats.awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              server.tell(new LogServer.GetStats(stats.getRef()));
              assertEquals(1, stats.receiveMessage().openConnections());
              return null;
            });
        TestProbe<Done> first = kit.createTestProbe();
        TestProbe<Done> second = kit.createTestProbe();
        server.tell(new LogServer.Drain(first.getRef()));
        server.tell(new LogServer.Drain(second.getRef()));
        // Both asks are in before the connection ends: GetStats is answered after them.
        server.tell(new LogServer.GetStats(stats.getRef()));
        assertEquals(1, stats.receiveMessage().openConnections());
        client.close();
        second.expectMessage(Duration.ofSeconds(20), Done.getInstance());
        first.expectMessage(Duration.ofSeconds(20), Done.getInstance());
      }
    } finally {
      kit.shutdownTestKit();
    }
  }
}
