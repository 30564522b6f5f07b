package deli.logserver;

import deli.trace.Trace;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.GraphStageWithMaterializedValue;
import scala.Tuple2;

/**
 * The end of a connection's stream: hands each decoded {@link Chunk} to the {@link LogWriter}
 * and asks for the next one only once the writer has taken it (its {@link LogWriter.Written}),
 * so a busy writer holds the connection back. It counts the lines written and completes with
 * the connection's {@link ConnectionFlow.Outcome} after the chunk that carries bad input.
 *
 * <p>This is what Pekko's {@code ActorSink.actorRefWithBackpressure} does, in one stage that
 * also does the counting; it watches the writer, so a writer that stops ends the connection
 * at once instead of leaving it waiting for an answer.
 */
final class WriterSink extends GraphStageWithMaterializedValue<SinkShape<Chunk>, CompletionStage<ConnectionFlow.Outcome>> {
  private final Inlet<Chunk> in = Inlet.create("WriterSink.in");
  private final SinkShape<Chunk> shape = SinkShape.of(in);
  private final ActorRef<LogWriter.Command> writer;
  private final Trace trace;

  WriterSink(ActorRef<LogWriter.Command> writer, Trace trace) {
    this.writer = writer;
    this.trace = trace;
  }

  @Override
  public SinkShape<Chunk> shape() {
    return shape;
  }

  @Override
  public Tuple2<GraphStageLogic, CompletionStage<ConnectionFlow.Outcome>> createLogicAndMaterializedValue(
      Attributes attributes) {
    CompletableFuture<ConnectionFlow.Outcome> outcome = new CompletableFuture<>();
    GraphStageLogic logic =
        new GraphStageLogic(shape) {
          private ActorRef<LogWriter.Written> self;
          private Chunk inFlight;
          private long lines;
          private BadInput error;
          private boolean upstreamDone;

          {
            setHandler(
                in,
                new AbstractInHandler() {
                  @Override
                  public void onPush() {
                    Chunk c = grab(in);
                    if (c.lines() == 0) {
                      taken(c);
                    } else {
                      inFlight = c;
                      writer.tell(new LogWriter.Write(trace, c, self));
                    }
                  }

                  @Override
                  public void onUpstreamFinish() {
                    upstreamDone = true;
                    if (inFlight == null) {
                      end(null);
                    }
                  }

                  @Override
                  public void onUpstreamFailure(Throwable ex) {
                    upstreamDone = true;
                    if (inFlight == null) {
                      end(ConnectionFlow.classify(ex));
                    } else {
                      error = ConnectionFlow.classify(ex); // after the chunk in flight is written
                    }
                  }
                });
          }

          @Override
          public void preStart() {
            var stage =
                getStageActor(
                    message -> {
                      onMessage(message._2());
                      return scala.runtime.BoxedUnit.UNIT;
                    });
            stage.watch(Adapter.toClassic(writer));
            self = Adapter.toTyped(stage.ref());
            setKeepGoing(true); // the chunk in flight is still to be acknowledged when the frames end
            pull(in);
          }

          private void onMessage(Object m) {
            if (m instanceof LogWriter.Written && inFlight != null) {
              Chunk c = inFlight;
              inFlight = null;
              taken(c);
            } else if (m instanceof Terminated) {
              inFlight = null;
              end(new BadInput(BadInput.Reason.BROKEN, "the log writer stopped"));
            }
          }

          /** A chunk is written: go on, or end after bad input or the end of the frames. */
          private void taken(Chunk c) {
            lines += c.lines();
            if (c.error() != null) {
              end(c.error());
            } else if (upstreamDone) {
              end(error);
            } else {
              pull(in);
            }
          }

          private void end(BadInput why) {
            outcome.complete(new ConnectionFlow.Outcome(lines, why));
            completeStage();
          }

          @Override
          public void postStop() {
            outcome.complete(
                new ConnectionFlow.Outcome(lines, error != null ? error : new BadInput(BadInput.Reason.BROKEN, "the connection's stream stopped")));
          }
        };
    return new Tuple2<>(logic, outcome);
  }
}
