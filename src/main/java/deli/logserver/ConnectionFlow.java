package deli.logserver;

import deli.trace.Trace;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Framing;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The stream that serves one connection:
 *
 * <pre>
 * bytes -> kill switch -> FrameGuard -> Framing.lengthField (4-byte big-endian) -> batches of
 * frames -> decode on the CPU dispatcher (the last lines kept for the figures) -> WriterSink: LogWriter (next batch after its acknowledgement)
 * </pre>
 *
 * Framing problems and a broken connection become a last in-band element instead of a stream
 * failure, so every frame received before them is still decoded and written. Decoding happens
 * off the connection's thread, one batch at a time per connection (so order holds), and a batch
 * is whatever arrived while the previous one was being decoded: small under light load, large
 * under heavy load. The connection never sends anything back.
 */
final class ConnectionFlow {
  private ConnectionFlow() {}

  /** What a connection did: the lines written for it, and the bad input that ended it, if any. */
  record Outcome(long lines, BadInput error) {}

  /** A frame, or the reason the frames stopped. */
  private sealed interface Piece permits Frame, Broken {}

  private record Frame(ByteString bytes) implements Piece {}

  private record Broken(BadInput reason) implements Piece {}

  /** Frames gathered while the decoder was busy; mutable, but never leaves the stream. */
  private static final class Batch {
    final List<ByteString> frames = new ArrayList<>();
    BadInput error;

    static Batch of(Piece p) {
      return new Batch().add(p);
    }

    Batch add(Piece p) {
      if (p instanceof Frame f) {
        frames.add(f.bytes());
      } else {
        error = ((Broken) p).reason();
      }
      return this;
    }
  }

  static Flow<ByteString, ByteString, Pair<UniqueKillSwitch, CompletionStage<Outcome>>> create(
      LogServerSettings settings,
      Trace trace,
      Executor decoding,
      ActorRef<LogWriter.Command> writer,
      LastRecords last) {
    RecordDecoder decoder = new RecordDecoder(settings.lineFormat(), settings.maxRecord());
    Sink<ByteString, Pair<UniqueKillSwitch, CompletionStage<Outcome>>> in =
        Flow.<ByteString>create()
            .viaMat(KillSwitches.single(), Keep.right())
            .via(new FrameGuard(settings.maxFrame(), settings.idleTimeout(), settings.frameTimeout()))
            .via(Framing.lengthField(4, 0, settings.maxFrame() + 4, ByteOrder.BIG_ENDIAN))
            .<Piece>map(Frame::new)
            .recover(new PFBuilder<Throwable, Piece>().match(Throwable.class, t -> new Broken(classify(t))).build())
            .batchWeighted(
                settings.batchBytes(), p -> p instanceof Frame f ? (long) f.bytes().length() : 0L, Batch::of, Batch::add)
            .mapAsync(1, b -> CompletableFuture.supplyAsync(() -> last(decoder.decode(b.frames, b.error), last), decoding))
            .toMat(new WriterSink(writer, trace), Keep.both());
    // Nothing is ever sent back. Coupled, so the connection closes when the reading side has
    // finished (after the last record is written, or at bad input), and not before.
    return Flow.fromSinkAndSourceCoupledMat(in, Source.<ByteString>maybe(), Keep.left());
  }

  /** {@code c}, its last lines kept in {@code last}: once per batch, not per record. */
  private static Chunk last(Chunk c, LastRecords last) {
    last.add(c);
    return c;
  }

  /** The reason a stream of frames ended early. */
  static BadInput classify(Throwable t) {
    if (t instanceof BadInput b) {
      return b;
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof org.apache.pekko.stream.scaladsl.Framing.FramingException) {
      return new BadInput(m.contains("truncated") ? BadInput.Reason.TRUNCATED : BadInput.Reason.OVERSIZE, m);
    }
    return new BadInput(BadInput.Reason.BROKEN, "the connection broke: " + m);
  }
}
