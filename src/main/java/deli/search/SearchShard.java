package deli.search;

import deli.core.Dispatchers;
import deli.core.Failures;
import deli.core.CborSerializable;
import deli.core.Session;
import deli.trace.Trace;
import deli.trace.Traced;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The chapter's {@code search()} worker: holds one slice ({@code files[i::n]}) of a source
 * tree in memory and answers queries from that memory only. It loads its slice when it starts
 * (and again when its supervisor restarts it, or when told to load another), reading on the
 * blocking dispatcher and indexing on the CPU dispatcher; queries that come meanwhile wait in
 * its stash. Once loaded it registers under {@link #KEY}. Spawn it on the CPU dispatcher: a
 * query is a scan of the shard's memory, done right in the actor.
 */
public final class SearchShard extends AbstractBehavior<SearchShard.Command> {
  /** Every loaded shard, for routers that spread queries over nodes. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "deli-search-shard");

  public interface Command extends CborSerializable {}

  /** Runs {@code query} over the shard; answered with {@link Matches} or {@link QueryFailed}. */
  public record Query(Trace trace, long id, SearchQuery query, ActorRef<Reply> replyTo) implements Command, Traced {}

  /** Drops what the shard holds and loads {@code spec} instead (a restart reloads it too). */
  public record Load(Trace trace, ShardSpec spec) implements Command, Traced {}

  /**
   * The shard's slice is held elsewhere now: it stops listing itself under {@link #KEY} (or
   * never starts) and answers the queries that still come until it is stopped.
   */
  public enum Retire implements Command {
    INSTANCE
  }

  /** Fault injection: the shard fails; its supervisor restarts it and it loads its files again. */
  public enum Crash implements Command {
    INSTANCE
  }

  /** Thrown by {@link Crash}: expected, so supervisors restart the shard without a stack trace. */
  public static final class Crashed extends RuntimeException {
    Crashed(String message) {
      super(message, null, false, false);
    }
  }

  private record Loaded(Trace trace, long load, ShardCorpus corpus) implements Command, Traced {}

  private record LoadFailed(Trace trace, long load, String reason) implements Command, Traced {}

  /** What a shard answers a {@link Query} with. */
  public interface Reply extends CborSerializable, Traced {
    long id();

    int slice();
  }

  /** The shard's matches for query {@code id}; {@code slice} of {@code slices} of {@code root} says which shard. */
  public record Matches(Trace trace, long id, String root, int slice, int slices, ShardMatches matches) implements Reply {}

  /** The query could not run: {@code badQuery} when the query is at fault (a regex too complex). */
  public record QueryFailed(Trace trace, long id, int slice, String reason, boolean badQuery) implements Reply {}

  /** What a shard tells its listener while it loads. */
  public interface LoadEvent extends CborSerializable, Traced {
    int slice();
  }

  public record Loading(Trace trace, int slice, int filesDone, int filesTotal, long bytes) implements LoadEvent {}

  public record Ready(Trace trace, int slice, LoadReport report) implements LoadEvent {}

  /** The slice could not be loaded at all (the root is missing, say); the shard holds nothing. */
  public record Unloadable(Trace trace, int slice, String reason) implements LoadEvent {}

  private final AtomicReference<ShardSpec> spec;
  private final AtomicReference<CompletableFuture<SourceTree.Walk>> walked;
  private final AtomicLong loads;
  private final ActorRef<LoadEvent> listener;
  private final StashBuffer<Command> stash;
  private ShardCorpus corpus;
  private String unloadable;
  // The load whose result this incarnation waits for.
  private long load;
  private boolean registered;
  private boolean retired;

  /**
   * A shard that loads {@code spec} and tells {@code listener} how it goes. The spec lives
   * outside the behavior, so a restarted shard reloads what it last held; so does the count of
   * loads, so a load begun before a restart is told apart from the one begun after it (its
   * result still comes to the same actor, and must not be taken for the new one's).
   */
  public static Behavior<Command> create(ShardSpec spec, ActorRef<LoadEvent> listener, int stashCapacity) {
    return create(spec, null, listener, stashCapacity);
  }

  /**
   * As {@link #create(ShardSpec, ActorRef, int)}, its first load from {@code walked}, a walk of
   * the tree shared by the shards started with it (null: the shard walks the tree itself, as it
   * does on every later load, which must see the tree as it is then).
   */
  public static Behavior<Command> create(
      ShardSpec spec, CompletableFuture<SourceTree.Walk> walked, ActorRef<LoadEvent> listener, int stashCapacity) {
    AtomicReference<ShardSpec> current = new AtomicReference<>(spec);
    AtomicReference<CompletableFuture<SourceTree.Walk>> walk = new AtomicReference<>(walked);
    AtomicLong loads = new AtomicLong();
    return Behaviors.setup(
        ctx -> Behaviors.withStash(stashCapacity, stash -> new SearchShard(ctx, current, walk, loads, listener, stash)));
  }

  private SearchShard(
      ActorContext<Command> ctx,
      AtomicReference<ShardSpec> spec,
      AtomicReference<CompletableFuture<SourceTree.Walk>> walked,
      AtomicLong loads,
      ActorRef<LoadEvent> listener,
      StashBuffer<Command> stash) {
    super(ctx);
    this.spec = spec;
    this.walked = walked;
    this.loads = loads;
    this.listener = listener;
    this.stash = stash;
    load(Trace.here());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Query.class, this::onQuery)
        .onMessage(Load.class, this::onLoad)
        .onMessage(Loaded.class, this::onLoaded)
        .onMessage(LoadFailed.class, this::onLoadFailed)
        .onMessageEquals(Retire.INSTANCE, this::onRetire)
        .onMessageEquals(Crash.INSTANCE, this::onCrash)
        .build();
  }

  private void load(Trace trace) {
    long id = loads.incrementAndGet();
    load = id;
    corpus = null;
    unloadable = null;
    ShardSpec s = spec.get();
    Executor blocking = getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    Executor cpu = getContext().getSystem().dispatchers().lookup(Dispatchers.cpu());
    CompletableFuture<SourceTree.Walk> walk = walked.getAndSet(null);
    CompletableFuture<ShardCorpus> loading =
        (walk == null ? CompletableFuture.<SourceTree.Walk>completedFuture(null) : walk)
            .thenApplyAsync(
                w -> {
                  try {
                    return ShardCorpus.load(
                        s, w, (done, total, bytes) -> listener.tell(new Loading(trace, s.slice(), done, total, bytes)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                blocking)
            .thenApplyAsync(ShardCorpus::indexed, cpu);
    getContext()
        .pipeToSelf(
            loading,
            (loaded, failure) ->
                failure == null ? new Loaded(trace, id, loaded) : new LoadFailed(trace, id, why(failure)));
  }

  private static String why(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root instanceof OutOfMemoryError) {
      return "out of memory while loading (" + root.getMessage() + "): give the JVM more heap (JAVA_OPTS=-Xmx4g)";
    }
    return Failures.describe(failure);
  }

  private Behavior<Command> onQuery(Query q) {
    ShardSpec s = spec.get();
    if (unloadable != null) {
      q.replyTo().tell(new QueryFailed(Trace.here(), q.id(), s.slice(), unloadable, false));
      return this;
    }
    if (corpus == null) {
      if (stash.isFull()) {
        String why = "shard " + s.slice() + " is loading and has too many queries waiting";
        q.replyTo().tell(new QueryFailed(Trace.here(), q.id(), s.slice(), why, false));
      } else {
        stash.stash(q);
      }
      return this;
    }
    try {
      ShardMatches found = ShardSearch.run(corpus, q.query());
      q.replyTo().tell(new Matches(Trace.here(), q.id(), s.root(), s.slice(), s.slices(), found));
    } catch (IllegalArgumentException e) {
      q.replyTo().tell(new QueryFailed(Trace.here(), q.id(), s.slice(), e.getMessage(), true));
    }
    return this;
  }

  private Behavior<Command> onLoad(Load m) {
    spec.set(m.spec());
    load(Trace.here());
    return this;
  }

  private Behavior<Command> onLoaded(Loaded m) {
    if (m.load() != load) {
      return this;
    }
    corpus = m.corpus();
    listener.tell(new Ready(Trace.here(), corpus.spec().slice(), LoadReport.of(corpus)));
    if (!registered && !retired) {
      getContext().getSystem().receptionist().tell(Receptionist.register(KEY, getContext().getSelf()));
      registered = true;
    }
    return stash.unstashAll(this);
  }

  private Behavior<Command> onLoadFailed(LoadFailed m) {
    if (m.load() != load) {
      return this;
    }
    unloadable = m.reason();
    listener.tell(new Unloadable(Trace.here(), spec.get().slice(), m.reason()));
    return stash.unstashAll(this);
  }

  private Behavior<Command> onRetire() {
    if (registered) {
      getContext().getSystem().receptionist().tell(Receptionist.deregister(KEY, getContext().getSelf()));
    }
    retired = true;
    return this;
  }

  private Behavior<Command> onCrash() {
    throw new Crashed("shard " + spec.get().slice() + " of " + spec.get().slices() + " crashed on request");
  }
}
