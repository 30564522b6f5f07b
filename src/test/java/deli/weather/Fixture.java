package deli.weather;

import deli.core.DurationRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.ServerBinding;

/** A fixture server in the test's actor system, on 127.0.0.1 and a free port. */
final class Fixture implements AutoCloseable {
  final ActorTestKit kit;
  final ActorRef<ForecastOffice.Command> office;
  final ServerBinding binding;
  final String url;

  private Fixture(ActorTestKit kit, ActorRef<ForecastOffice.Command> office, ServerBinding binding) {
    this.kit = kit;
    this.office = office;
    this.binding = binding;
    this.url = "http://127.0.0.1:" + binding.localAddress().getPort();
  }

  static Fixture start(ActorTestKit kit, Path dir, String latency, double failureRate, List<Fault> faults) {
    FixturePlan plan = new FixturePlan(DurationRange.parse(latency), failureRate, faults, new SplittableRandom(7));
    ActorRef<ForecastOffice.Command> office = kit.spawn(ForecastOffice.create(plan));
    ServerBinding binding =
        FixtureServer.bind(kit.system(), office, ForecastFiles.in(dir), "127.0.0.1", 0).toCompletableFuture().join();
    return new Fixture(kit, office, binding);
  }

  ForecastOffice.Stats stats() {
    TestProbe<ForecastOffice.Stats> probe = kit.createTestProbe();
    office.tell(new ForecastOffice.GetStats(probe.getRef()));
    return probe.receiveMessage();
  }

  @Override
  public void close() {
    binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().join();
    kit.stop(office);
  }
}
