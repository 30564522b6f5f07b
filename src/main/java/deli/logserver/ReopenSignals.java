package deli.logserver;

import org.apache.pekko.actor.typed.ActorRef;
import org.slf4j.Logger;
import sun.misc.Signal;

/**
 * SIGHUP and SIGUSR1 ask the log server to reopen its file, as rsyslog (HUP) and nginx (USR1)
 * do after logrotate has moved it. Without this, the JVM stops on SIGHUP and dies on SIGUSR1
 * without its count line. The last server started in the JVM gets the signals.
 */
final class ReopenSignals {
  private ReopenSignals() {}

  static void install(ActorRef<LogServer.Command> server, Logger log) {
    for (String name : new String[] {"HUP", "USR1"}) {
      try {
        sun.misc.SignalHandler before = Signal.handle(new Signal(name), s -> server.tell(LogServer.Reopen.INSTANCE));
        if (before == sun.misc.SignalHandler.SIG_IGN) {
          // Ignored when the process started (nohup): the JVM keeps it ignored.
          log.warn("SIG{} is ignored in this process (started under nohup?): send SIGUSR1 to reopen the file", name);
        }
      } catch (IllegalArgumentException e) {
        // the JVM keeps this signal for itself (-Xrs, or a platform without it): logrotate's
        // rename is still noticed at the next write
        log.debug("cannot handle SIG{}: {}", name, e.getMessage());
      }
    }
  }
}
