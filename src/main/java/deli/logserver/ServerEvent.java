package deli.logserver;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the log server tells its listener (the console, or the node's log). A protocol of its
 * own: the {@link LogServer} speaks it, and so does its {@link LogWriter} through {@code News}.
 */
public interface ServerEvent {
  /** Listening on {@code address} ({@code ('127.0.0.1', 18842)}), writing to {@code out}. */
  record Listening(String address, InetSocketAddress bound, Path out, String format) implements ServerEvent {}

  /** The port could not be had; {@code retryIn} when the server tries again, else null. */
  record NotListening(String address, String reason, Duration retryIn) implements ServerEvent {}

  /** The server stopped accepting; {@code open} connections may finish within {@code drain}. */
  record Draining(int open, Duration drain) implements ServerEvent {}

  /** A connection ended: its lines written, and the bad input that closed it, if any. */
  record ConnectionClosed(String peer, long lines, BadInput error, boolean cutAtStop) implements ServerEvent {}

  /** A full file was moved aside; {@code lines} is its count line. */
  record Rotated(Path from, Path to, long lines) implements ServerEvent {}

  /** An existing log was kept as {@code to} instead of being overwritten. */
  record KeptPrevious(Path from, Path to) implements ServerEvent {}

  /** The file cannot be written: the server cannot go on. */
  record WriterFailed(String message) implements ServerEvent {}

  /** A reopen: with {@code replaced}, {@code file} had been moved or deleted and was opened anew. */
  record Reopened(Path file, boolean replaced, long lines) implements ServerEvent {}

  /** The disk refuses writes: the clients are held back, and the write tried again from {@code retryIn}. */
  record WriterStalled(String message, Duration retryIn) implements ServerEvent {}

  /** The disk takes writes again after {@code after}. */
  record WriterResumed(Duration after) implements ServerEvent {}

  /** At the stop the disk still refused: {@code lines} records received were not written. */
  record RecordsDropped(long lines, String message) implements ServerEvent {}

  /** The server has stopped; the listener answers {@code ack} once it has said so. */
  record Stopped(ServerStats stats, ActorRef<Done> ack) implements ServerEvent {}
}
