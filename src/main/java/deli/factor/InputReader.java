package deli.factor;

import deli.core.Failures;
import deli.core.Session;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Reads {@code deli factor}'s input a chunk at a time, when asked (so a fast input never runs
 * ahead of the pool). It blocks on reads: spawn it on the blocking dispatcher. With
 * {@code keep}, it holds every chunk read so that {@link Rewind} can serve the input again.
 */
final class InputReader extends AbstractBehavior<InputReader.Command> {
  interface Command {}

  /** Read the next chunk. */
  record Read(Trace trace, ActorRef<Reply> replyTo) implements Command, Traced {}

  /** Serve the input again from its start (only with {@code keep}). */
  record Rewind(Trace trace) implements Command, Traced {}

  interface Reply extends Traced {}

  record ChunkRead(Trace trace, NumberSource.Chunk chunk) implements Reply {}

  record ReadFailed(Trace trace, String reason) implements Reply {}

  private final Callable<NumberSource> open;
  private final int chunkSize;
  private final boolean keep;
  private final List<NumberSource.Chunk> kept = new ArrayList<>();
  private NumberSource source;
  private int replay = -1;

  static Behavior<Command> create(Trace trace, Callable<NumberSource> open, int chunkSize, boolean keep) {
    return Tracing.traced(Command.class, trace, Behaviors.setup(ctx -> new InputReader(ctx, open, chunkSize, keep)));
  }

  private InputReader(ActorContext<Command> ctx, Callable<NumberSource> open, int chunkSize, boolean keep) {
    super(ctx);
    this.open = open;
    this.chunkSize = chunkSize;
    this.keep = keep;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Read.class, this::onRead)
        .onMessage(Rewind.class, r -> {
          replay = 0;
          return this;
        })
        .onSignal(PostStop.class, s -> closeSource())
        .build();
  }

  private Behavior<Command> onRead(Read r) {
    if (replay >= 0) {
      r.replyTo().tell(new ChunkRead(Trace.here(), kept.get(replay++)));
      return this;
    }
    try {
      if (source == null) {
        source = open.call();
      }
      NumberSource.Chunk chunk = source.next(chunkSize);
      if (keep) {
        kept.add(chunk);
      }
      r.replyTo().tell(new ChunkRead(Trace.here(), chunk));
    } catch (Exception e) {
      r.replyTo().tell(new ReadFailed(Trace.here(), Failures.describe(e)));
    }
    return this;
  }

  private Behavior<Command> closeSource() {
    if (source != null) {
      try {
        source.close();
      } catch (IOException e) {
        // Nothing is lost: every chunk asked for was read.
      }
    }
    return this;
  }
}
