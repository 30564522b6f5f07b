package deli.logserver;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The log server's part in CoordinatedShutdown, which SIGTERM, Ctrl-C and the end of
 * {@code deli node} all run: stop accepting (service-unbind), let open connections finish
 * within the drain timeout (service-requests-done), close the file with its count line
 * (service-stop). The phase timeouts must allow the drain: the commands set them.
 */
final class GracefulStop {
  /** How long cut connections get to pass on what they hold once the drain deadline is past. */
  static final Duration KILL_GRACE = Duration.ofSeconds(5);

  private GracefulStop() {}

  /**
   * Registers the three steps; cancel them when the server stops first, and when it restarts
   * (the next incarnation registers its own).
   */
  static List<Cancellable> register(ActorSystem<?> system, ActorRef<LogServer.Command> server, LogServerSettings settings) {
    CoordinatedShutdown cs = CoordinatedShutdown.get(system);
    var scheduler = system.scheduler();
    return List.of(
        cs.addCancellableTask(
            CoordinatedShutdown.PhaseServiceUnbind(),
            "deli-logserver-unbind",
            () -> AskPattern.ask(server, LogServer.Unbind::new, settings.unbindTimeout(), scheduler)),
        cs.addCancellableTask(
            CoordinatedShutdown.PhaseServiceRequestsDone(),
            "deli-logserver-drain",
            () -> AskPattern.ask(server, LogServer.Drain::new, settings.drainTimeout().plus(KILL_GRACE).plusSeconds(5), scheduler)),
        cs.addCancellableTask(
            CoordinatedShutdown.PhaseServiceStop(),
            "deli-logserver-close",
            () -> AskPattern.ask(server, LogServer.Close::new, settings.closeTimeout(), scheduler)));
  }
}
