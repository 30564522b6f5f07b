package deli.factor;

import deli.spread.Spreader;
import deli.spread.Work;
import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Factor work spread over the cluster: it speaks the {@link FactorPool} protocol, so the HTTP
 * edge and {@code FactorPoolClient} use it as they would a pool, and hands each
 * {@link FactorPool.FactorAll} (and each lone {@link FactorPool.FactorBatch}) to a
 * {@link Spreader} as a {@link Work} over the pools of every node, listed under
 * {@link FactorPool#SERVICE_KEY}. The spreading, resending and exactly-once are the
 * Spreader's; what is factor's is here: the numbers checked, the answers put together in order.
 */
public final class ClusterFactor extends AbstractBehavior<FactorPool.Command> {
  private record SpreaderClosed(Spreader.Closed closed) implements FactorPool.Command {}

  private final ActorRef<Spreader.Command> spreader;
  private final ActorRef<Spreader.Closed> closed;
  private final List<ActorRef<FactorPool.Stopped>> stopWatchers = new ArrayList<>();

  /** A front over {@code spreader} (a {@link Spreader} of {@link FactorPool#SERVICE_KEY}). Untraced. */
  public static Behavior<FactorPool.Command> create(ActorRef<Spreader.Command> spreader) {
    return Behaviors.setup(ctx -> new ClusterFactor(ctx, spreader));
  }

  private ClusterFactor(ActorContext<FactorPool.Command> ctx, ActorRef<Spreader.Command> spreader) {
    super(ctx);
    this.spreader = spreader;
    this.closed = ctx.messageAdapter(Spreader.Closed.class, SpreaderClosed::new);
  }

  @Override
  public Receive<FactorPool.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FactorPool.FactorAll.class, this::onFactorAll)
        .onMessage(FactorPool.FactorBatch.class, this::onFactorBatch)
        .onMessage(FactorPool.Close.class, c -> onStop(c.replyTo(), false))
        .onMessage(FactorPool.Terminate.class, t -> onStop(t.replyTo(), true))
        .onMessage(SpreaderClosed.class, this::onClosed)
        .build();
  }

  private Behavior<FactorPool.Command> onFactorAll(FactorPool.FactorAll m) {
    String bad = m.numbers().whyNotFactorable();
    if (bad != null) {
      m.replyTo().tell(new FactorPool.AllFailed(Trace.here(), bad));
      return this;
    }
    ActorRef<FactorPool.AllAnswer> replyTo = m.replyTo();
    spreader.tell(
        new Spreader.Start(
            m.trace(),
            new NumbersWork(m.numbers()) {
              @Override
              public void complete(Map<String, Integer> batchesByNode) {
                replyTo.tell(new FactorPool.AllFactored(Trace.here(), List.of(results)));
              }

              @Override
              public void fail(String why) {
                replyTo.tell(new FactorPool.AllFailed(Trace.here(), why));
              }
            }));
    return this;
  }

  /** A lone batch is a job of its own: it is sent again like any other if its pool is lost. */
  private Behavior<FactorPool.Command> onFactorBatch(FactorPool.FactorBatch b) {
    ActorRef<FactorPool.BatchAnswer> replyTo = b.replyTo();
    spreader.tell(
        new Spreader.Start(
            b.trace(),
            new NumbersWork(b.numbers()) {
              @Override
              public void complete(Map<String, Integer> batchesByNode) {
                replyTo.tell(new FactorPool.BatchFactored(Trace.here(), b.batchId(), List.of(results)));
              }

              @Override
              public void fail(String why) {
                replyTo.tell(new FactorPool.BatchFailed(Trace.here(), b.batchId(), why));
              }
            }));
    return this;
  }

  /**
   * Closing or terminating: the spreader finishes (or fails) what it was given and says so;
   * work given from now on is refused here, since the spreader stops once it has answered.
   */
  private Behavior<FactorPool.Command> onStop(ActorRef<FactorPool.Stopped> replyTo, boolean terminate) {
    stopWatchers.add(replyTo);
    spreader.tell(new Spreader.Close(terminate, closed));
    String refusal = "the cluster's factor front is " + (terminate ? "terminated" : "closed");
    return newReceiveBuilder()
        .onMessage(FactorPool.FactorAll.class, m -> {
          m.replyTo().tell(new FactorPool.AllFailed(Trace.here(), refusal));
          return Behaviors.same();
        })
        .onMessage(FactorPool.FactorBatch.class, b -> {
          b.replyTo().tell(new FactorPool.BatchFailed(Trace.here(), b.batchId(), refusal));
          return Behaviors.same();
        })
        .onMessage(FactorPool.Close.class, c -> alsoTell(c.replyTo()))
        .onMessage(FactorPool.Terminate.class, t -> {
          spreader.tell(new Spreader.Close(true, closed));
          return alsoTell(t.replyTo());
        })
        .onMessage(SpreaderClosed.class, this::onClosed)
        .build();
  }

  private Behavior<FactorPool.Command> alsoTell(ActorRef<FactorPool.Stopped> replyTo) {
    stopWatchers.add(replyTo);
    return Behaviors.same();
  }

  private Behavior<FactorPool.Command> onClosed(SpreaderClosed m) {
    stopWatchers.forEach(w -> w.tell(new FactorPool.Stopped(Trace.here(), m.closed().jobs(), 0)));
    return Behaviors.stopped();
  }

  /** Numbers to factor as a {@link Work}: a unit is a number, the results kept in request order. */
  private abstract static class NumbersWork implements Work<FactorPool.Command, FactorPool.BatchAnswer> {
    private final Numbers numbers;
    final Numbers[] results;

    NumbersWork(Numbers numbers) {
      this.numbers = numbers;
      this.results = new Numbers[numbers.size()];
    }

    @Override
    public int units() {
      return numbers.size();
    }

    @Override
    public Class<FactorPool.BatchAnswer> answerType() {
      return FactorPool.BatchAnswer.class;
    }

    @Override
    public FactorPool.Command request(Trace trace, long sendId, int from, int to, ActorRef<FactorPool.BatchAnswer> replyTo) {
      return new FactorPool.FactorBatch(trace, sendId, numbers.slice(from, to), replyTo);
    }

    @Override
    public long sendId(FactorPool.BatchAnswer answer) {
      return answer.batchId();
    }

    @Override
    public boolean working(FactorPool.BatchAnswer answer) {
      return answer instanceof FactorPool.BatchWorking;
    }

    @Override
    public Failure accept(FactorPool.BatchAnswer answer, int from, int to) {
      if (answer instanceof FactorPool.BatchFailed f) {
        return Failure.again(f.reason());
      }
      List<Numbers> factors = ((FactorPool.BatchFactored) answer).factors();
      if (factors.size() != to - from) {
        return Failure.again("a pool answered " + factors.size() + " numbers for a batch of " + (to - from));
      }
      for (int i = 0; i < factors.size(); i++) {
        results[from + i] = factors.get(i);
      }
      return null;
    }

    @Override
    public String describe(int from, int to) {
      return "numbers " + (from + 1) + " to " + to;
    }
  }
}
