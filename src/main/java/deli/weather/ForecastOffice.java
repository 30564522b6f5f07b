package deli.weather;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * The fixture server's forecast office: decides how each request is answered (its
 * {@link FixturePlan}) and counts what was answered, and how many requests were in flight at
 * most, which tells a test how concurrent its client really was.
 */
public final class ForecastOffice extends AbstractBehavior<ForecastOffice.Command> {
  public interface Command {}

  /** How to answer a request for {@code file} (lowercase, without {@code .txt}). */
  public record Decide(String file, ActorRef<FixturePlan.Decision> replyTo) implements Command {}

  /** A request was answered with {@code status} (0: its connection was cut). */
  public record Answered(int status) implements Command {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  /** What the office has answered so far. */
  public record Stats(long requests, Map<Integer, Long> byStatus, int inFlight, int peakInFlight) {
    public Stats {
      byStatus = Map.copyOf(byStatus);
    }

    /** {@code 1013 requests: 1000 x 200, 13 x 503; at most 64 at once}. */
    public String summary() {
      StringBuilder b = new StringBuilder().append(requests).append(requests == 1 ? " request" : " requests");
      if (!byStatus.isEmpty()) {
        b.append(": ");
        new TreeMap<>(byStatus)
            .forEach((status, n) -> b.append(n).append(" x ").append(status == 0 ? "cut" : status.toString()).append(", "));
        b.setLength(b.length() - 2);
      }
      return b.append("; at most ").append(peakInFlight).append(" at once").toString();
    }
  }

  private final FixturePlan plan;
  private final Map<Integer, Long> byStatus = new TreeMap<>();
  private long requests;
  private int inFlight;
  private int peak;

  public static Behavior<Command> create(FixturePlan plan) {
    return Behaviors.setup(ctx -> new ForecastOffice(ctx, plan));
  }

  private ForecastOffice(ActorContext<Command> ctx, FixturePlan plan) {
    super(ctx);
    this.plan = plan;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onDecide(Decide d) {
    requests++;
    inFlight++;
    peak = Math.max(peak, inFlight);
    d.replyTo().tell(plan.decide(d.file()));
    return this;
  }

  private Behavior<Command> onAnswered(Answered a) {
    inFlight--;
    byStatus.merge(a.status(), 1L, Long::sum);
    return this;
  }

  private Behavior<Command> onGetStats(GetStats g) {
    g.replyTo().tell(new Stats(requests, byStatus, inFlight, peak));
    return this;
  }
}
