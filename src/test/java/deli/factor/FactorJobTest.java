package deli.factor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import deli.core.DeliConfig;
import deli.trace.Trace;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FactorJobTest {
  static final ActorTestKit testKit = ActorTestKit.create("FactorJobTest", DeliConfig.load());
  static final Duration WAIT = Duration.ofSeconds(30);

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRestartedJobStartsAfreshAndKeepsNothingOfTheAnswersItHadBefore() {
    TestProbe<FactorPool.AllAnswer> replies = testKit.createTestProbe();
    ActorRef<FactorPool.BatchAnswer> job =
        testKit.spawn(
            Behaviors.supervise(FactorJob.create(Trace.start("test"), 4, 2, 2, replies.getRef()))
                .onFailure(SupervisorStrategy.restart().withLoggingEnabled(false)));
    Trace t = Trace.start("test");
    // An answer the incarnation that crashes holds: a restart must not take it for its own.
    job.tell(new FactorPool.BatchFactored(t, 0, List.of(Numbers.of(99), Numbers.of(99))));
    job.tell(new FactorPool.BatchFactored(t, 7, List.of(Numbers.of(2)))); // no such batch: the job throws
    job.tell(new FactorPool.BatchFactored(t, 1, List.of(Numbers.of(7), Numbers.of(2, 2, 2))));
    job.tell(new FactorPool.BatchFactored(t, 0, List.of(Numbers.of(2, 2), Numbers.of(5))));
    FactorPool.AllFactored all = assertInstanceOf(FactorPool.AllFactored.class, replies.receiveMessage(WAIT));
    assertEquals(List.of(Numbers.of(2, 2), Numbers.of(5), Numbers.of(7), Numbers.of(2, 2, 2)), all.factors());
  }
}
