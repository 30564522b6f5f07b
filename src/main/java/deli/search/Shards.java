package deli.search;

import deli.core.Dispatchers;
import deli.trace.Trace;
import deli.trace.Tracing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Spawning a {@link SearchShard} as {@link DirectorySearch} and {@link SearchNode} both do: on
 * the CPU dispatcher (a query is a scan done in the actor), restarted at once after a
 * {@link SearchShard.Crash} asked for, with backoff after any other failure, reloading its slice
 * each time.
 */
final class Shards {
  private Shards() {}

  /** One walk of the tree {@code spec} names, on Pekko's blocking-I/O dispatcher, for several shards to load from. */
  static CompletableFuture<SourceTree.Walk> walk(ActorContext<?> ctx, ShardSpec spec) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return SourceTree.walk(spec);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking()));
  }

  /**
   * A shard named {@code name} holding {@code spec}, first loaded from {@code walked} (null: it
   * walks the tree itself); its messages belong to {@code trace} (null: none).
   */
  static ActorRef<SearchShard.Command> spawn(
      ActorContext<?> ctx,
      SearchSettings settings,
      ShardSpec spec,
      CompletableFuture<SourceTree.Walk> walked,
      ActorRef<SearchShard.LoadEvent> events,
      Trace trace,
      String name) {
    Behavior<SearchShard.Command> shard =
        Tracing.traced(SearchShard.Command.class, trace, SearchShard.create(spec, walked, events, settings.stash()));
    Behavior<SearchShard.Command> supervised =
        Behaviors.supervise(
                Behaviors.supervise(shard).onFailure(SearchShard.Crashed.class, SupervisorStrategy.restart().withLoggingEnabled(false)))
            .onFailure(Exception.class, SupervisorStrategy.restartWithBackoff(settings.restartMin(), settings.restartMax(), 0.2));
    return ctx.spawn(supervised, name, Dispatchers.cpu());
  }
}
