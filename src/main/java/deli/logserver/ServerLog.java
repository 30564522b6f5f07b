package deli.logserver;

import deli.core.InUse;
import java.util.Locale;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log server's listener inside {@code deli node}: where the command prints, the node logs
 * (connections at INFO, bad input and trouble at WARN), and says on stdout where the server
 * listens and what it wrote when it stops.
 */
public final class ServerLog {
  private static final Logger LOG = LoggerFactory.getLogger(LogServer.class);

  private ServerLog() {}

  public static Behavior<ServerEvent> create() {
    return Behaviors.receive((ctx, event) -> {
      if (event instanceof ServerEvent.Listening l) {
        System.out.println("deli node: log server on " + l.address() + " writing " + l.out());
      } else if (event instanceof ServerEvent.ConnectionClosed c) {
        if (c.error() != null && !c.cutAtStop()) {
          LOG.warn("closed {} after {} lines ({}): {}", c.peer(), c.lines(), c.error().reason().key(), c.error().getMessage());
        } else if (c.cutAtStop()) {
          LOG.warn("{} was still connected at the drain deadline and was closed after {} lines", c.peer(), c.lines());
        } else {
          LOG.info("From {}: {} lines", c.peer(), c.lines());
        }
      } else if (event instanceof ServerEvent.NotListening n) {
        LOG.warn("log server cannot listen on {}: {}{}; trying again in {} s", n.address(), n.reason(), InUse.hint(n.reason(), "--log-port"), n.retryIn() == null ? "-" : n.retryIn().toSeconds());
      } else if (event instanceof ServerEvent.Draining d) {
        System.out.println(
            "deli node: log server stopping: no new connections"
                + (d.open() == 0 ? "" : "; " + d.open() + " open may finish within " + deli.core.Durations.format(d.drain())));
      } else if (event instanceof ServerEvent.Rotated r) {
        LOG.info("rotated {} to {} ({} lines)", r.from(), r.to(), r.lines());
      } else if (event instanceof ServerEvent.KeptPrevious k) {
        LOG.info("kept the existing {} as {}", k.from(), k.to());
      } else if (event instanceof ServerEvent.Reopened r) {
        if (r.replaced()) {
          LOG.info("reopened {}: it had been moved or deleted; the old file ends with its {} lines", r.file(), r.lines());
        } else {
          LOG.info("reopen: {} is still in place, nothing to reopen", r.file());
        }
      } else if (event instanceof ServerEvent.WriterStalled w) {
        LOG.error("log server: {}; holding the clients back and trying again from {}", w.message(), deli.core.Durations.format(w.retryIn()));
      } else if (event instanceof ServerEvent.WriterResumed w) {
        LOG.warn("log server: writing again after {}", deli.core.Durations.format(w.after()));
      } else if (event instanceof ServerEvent.RecordsDropped d) {
        LOG.error("log server: {} records received were not written: {}", d.lines(), d.message());
      } else if (event instanceof ServerEvent.WriterFailed) {
        // Said by the node's supervision as the server restarts (deli.node.FailureLine), once.
      } else if (event instanceof ServerEvent.Stopped s) {
        System.out.println(
            "deli node: log server wrote " + LogServerCommand.count(s.stats().lines(), "line") + " to " + s.stats().out()
                + " from " + LogServerCommand.count(s.stats().connections(), "connection") + ", "
                + String.format(Locale.ROOT, "%,d", s.stats().badInputs()) + " closed for bad input");
        System.out.flush();
        s.ack().tell(Done.getInstance());
      }
      return Behaviors.same();
    });
  }
}
