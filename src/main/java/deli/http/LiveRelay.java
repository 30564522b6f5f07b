package deli.http;

import deli.core.Timed;
import deli.service.Live;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.eventstream.EventStream;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * Feeds the {@link LiveHub}: passes on what the programs publish ({@link Live}: dinners, jobs),
 * and while someone watches, takes a snapshot of the node (its services, the cluster's members)
 * every {@code every} and at once when a member changes or becomes unreachable. One snapshot at
 * a time: a change while one is out is seen by the next.
 */
final class LiveRelay extends AbstractBehavior<LiveRelay.Command> {
  interface Command {}

  /** The data of a {@link Live} event as the page gets it. */
  record LiveData(String key, boolean last, Object data) {}

  private record Published(Live live) implements Command {}

  private record MemberChanged(Object event) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private enum Snapped implements Command {
    INSTANCE
  }

  private final LiveHub hub;
  private final Supplier<CompletionStage<?>> snapshot;
  private boolean snapping;
  private boolean again;

  static Behavior<Command> create(LiveHub hub, Supplier<CompletionStage<?>> snapshot, Duration every) {
    return Timed.setup(LiveRelay.class, (ctx, timers) -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, every);
                  return new LiveRelay(ctx, hub, snapshot);
                });
  }

  private LiveRelay(ActorContext<Command> ctx, LiveHub hub, Supplier<CompletionStage<?>> snapshot) {
    super(ctx);
    this.hub = hub;
    this.snapshot = snapshot;
    ctx.getSystem().eventStream().tell(new EventStream.Subscribe<>(Live.class, ctx.messageAdapter(Live.class, Published::new)));
    if (ctx.getSystem().settings().config().getString("pekko.actor.provider").equals("cluster")) {
      Cluster cluster = Cluster.get(ctx.getSystem());
      cluster.subscriptions().tell(Subscribe.create(ctx.messageAdapter(ClusterEvent.MemberEvent.class, MemberChanged::new), ClusterEvent.MemberEvent.class));
      cluster.subscriptions().tell(
          Subscribe.create(ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, MemberChanged::new), ClusterEvent.ReachabilityEvent.class));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Published.class, this::onPublished)
        .onMessage(MemberChanged.class, this::onMemberChanged)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessageEquals(Snapped.INSTANCE, this::onSnapped)
        .build();
  }

  private Behavior<Command> onPublished(Published m) {
    Live live = m.live();
    hub.offer(live.topic(), live.key(), new LiveData(live.key(), live.last(), live.data()), live.last());
    return this;
  }

  private Behavior<Command> onMemberChanged(MemberChanged m) {
    return snap(true);
  }

  private Behavior<Command> onTick() {
    return snap(false);
  }

  private Behavior<Command> snap(boolean changed) {
    if (hub.viewers() == 0) {
      return this;
    }
    if (snapping) {
      again |= changed;
      return this;
    }
    snapping = true;
    getContext().pipeToSelf(snapshot.get(), (ok, failure) -> Snapped.INSTANCE);
    return this;
  }

  private Behavior<Command> onSnapped() {
    snapping = false;
    if (again) {
      again = false;
      return snap(true);
    }
    return this;
  }
}
