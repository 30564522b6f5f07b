package deli.node;

import deli.core.Session;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/** The lines a node prints as it stops: why, and what it stopped, phase by phase. */
final class StopLines {
  private StopLines() {}

  /** Says, as the node stops, what it stopped and why. */
  static void register(ActorSystem<?> system, List<String> started) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(system);
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "deli-say-stopping",
        () -> {
          String why = cs.getShutdownReason().map(StopLines::reason).orElse("");
          System.out.println("deli node stopping" + why + ": no new HTTP connections");
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    cs.addTask(
        CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
        "deli-say-services-stopped",
        () -> {
          System.out.println("deli node: stopping services " + String.join(", ", started));
          System.out.flush();
          return CompletableFuture.completedFuture(Done.getInstance());
        });
  }

  private static String reason(CoordinatedShutdown.Reason r) {
    return r instanceof Session.Signalled s ? " (" + s.signal() + ")" : "";
  }
}
