package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TimedTest {
  static final ActorTestKit kit = ActorTestKit.create();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** An actor of this test's own: its INFO lines must be under deli's level, not Pekko's. */
  static final class Owner {}

  enum Tick {
    INSTANCE
  }

  @Test
  void aTimerThatFiresBeforeTheActorFirstLogsLeavesTheLoggerNamedAfterItsOwner() {
    TestProbe<String> names = kit.createTestProbe();
    kit.spawn(
        Timed.<Tick>setup(
            Owner.class,
            (ctx, timers) -> {
              // The key-less overload and a timer firing first: each alone named the logger after Pekko.
              timers.startSingleTimer(Tick.INSTANCE, Duration.ofMillis(5));
              return Behaviors.receiveMessage(
                  t -> {
                    names.ref().tell(ctx.getLog().getName());
                    return Behaviors.same();
                  });
            }));
    assertEquals(Owner.class.getName(), names.receiveMessage(Duration.ofSeconds(5)));
  }

  @Test
  void deliStartsItsTimersOnlyThroughTimed() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      sources = files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
    assertTrue(sources.size() > 100, "the scan reads deli's sources: " + sources.size());
    List<String> direct = sources.stream()
        .filter(f -> !f.endsWith(Path.of("deli/core/Timed.java")))
        .filter(f -> read(f).contains("Behaviors.withTimers("))
        .map(Path::toString)
        .toList();
    assertEquals(List.of(), direct, "actors that take their timers from Behaviors.withTimers instead of Timed.setup");
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
