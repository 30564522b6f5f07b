package deli.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.SystemMaterializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;

/** A command's actor system: started in one JVM without the extensions it may not need, which still work when it does. */
class SessionTest {
  @Test
  void aSystemInOneJvmStartsSerializationAndStreamsOnlyWhenItNeedsThem() throws Exception {
    Config config = DeliConfig.load(Map.of("pekko.actor.provider", "local"));
    List<String> eager = Session.inOneJvm(config).getStringList("pekko.library-extensions");
    assertTrue(config.getStringList("pekko.library-extensions").containsAll(Session.LAZY_IN_ONE_JVM), "the libraries start both eagerly");
    assertFalse(eager.stream().anyMatch(Session.LAZY_IN_ONE_JVM::contains), eager.toString());
    assertTrue(eager.contains("org.apache.pekko.actor.typed.internal.adapter.ActorSystemAdapter$LoadTypedExtensions"), eager.toString());

    CompletableFuture<String> seen = new CompletableFuture<>();
    Behavior<Void> root =
        Behaviors.setup(
            ctx -> {
              var classic = Adapter.toClassic(ctx.getSystem());
              String early = classic.hasExtension(SystemMaterializer.lookup()) + " " + classic.hasExtension(SerializationExtension.lookup());
              Source.single(21)
                  .map(n -> n * 2)
                  .runWith(Sink.head(), ctx.getSystem())
                  .thenAccept(n -> {
                    byte[] bytes = SerializationExtension.get(classic).serialize("forty-two").get();
                    seen.complete(early + ", then " + n + " " + bytes.length);
                    Session.finish(ctx.getSystem(), 7);
                  });
              return Behaviors.empty();
            });
    assertEquals(7, Session.run(root, config, 130), "the exit code the command gave");
    assertEquals("false false, then 42 9", seen.get(30, TimeUnit.SECONDS), "neither started before it was needed; both work when they are");
  }

  @Test
  void aClusterKeepsEveryLibraryExtension() {
    Config config = DeliConfig.load(Map.of("pekko.actor.provider", "cluster"));
    assertEquals(config.getStringList("pekko.library-extensions"), Session.inOneJvm(config).getStringList("pekko.library-extensions"));
  }
  /**
   * An actor system that will not terminate (here a child whose stop waits on a latch; in a
   * node cut off by a partition, its TLS connections to the nodes it cannot reach) does not keep
   * the command from ending: past its last phase's timeout and the grace after it, the session
   * returns the command's code while the system is still stopping.
   */
  @Test
  void aSystemThatDoesNotTerminateStillEndsTheCommandWithItsCode() throws Exception {
    Config config = DeliConfig.load(Map.of(
        "pekko.actor.provider", "local",
        "pekko.coordinated-shutdown.phases.actor-system-terminate.timeout", "1s"));
    assertEquals(java.time.Duration.ofSeconds(6), Session.terminationGrace(config));
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CompletableFuture<Boolean> stopping = new CompletableFuture<>();
    Behavior<Void> root =
        Behaviors.setup(
            ctx -> {
              ctx.spawn(
                  Behaviors.receive(Object.class)
                      .onSignal(org.apache.pekko.actor.typed.PostStop.class, stop -> {
                        stopping.complete(true);
                        release.await(); // a stop that does not end while the test holds the latch
                        return Behaviors.same();
                      })
                      .build(),
                  "stuck",
                  org.apache.pekko.actor.typed.DispatcherSelector.blocking());
              Session.finish(ctx.getSystem(), 5);
              return Behaviors.empty();
            });
    try {
      int code = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          deli.testing.Await.scaled(java.time.Duration.ofSeconds(90)), () -> Session.run(root, config, 130));
      assertEquals(5, code, "the command's code, though its system had not terminated");
      assertTrue(stopping.getNow(false), "the child was stopping");
      assertEquals(1, release.getCount(), "and still is: the session did not wait for it");
    } finally {
      release.countDown();
    }
  }
}
