package deli.search;

import deli.core.CborSerializable;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * The chapter's {@code DirectorySearch} facade: sets up N {@link SearchShard}s, each holding
 * its {@code [i::n]} slice of the tree, answers each {@link Search} through a short-lived
 * {@link QueryAggregator} that broadcasts it and gathers every shard's matches, and tears the
 * shards down when asked. Shards are supervised: one that fails is restarted and reloads its
 * files. Its states: loading (searches wait for the tree), serving, unloadable (searches fail
 * with the reason), tearing down.
 */
public final class DirectorySearch extends AbstractBehavior<DirectorySearch.Command> {
  /** The search service of a node. */
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "deli-search");

  public interface Command extends CborSerializable {}

  /** Runs {@code query} over the whole tree; answered with {@link Found} or {@link SearchFailed}. */
  public record Search(Trace trace, SearchQuery query, ActorRef<Answer> replyTo) implements Command, Traced {}

  /** The chapter's {@code teardown_search()}: stops the shards, answers {@link TornDown}, stops. */
  public record Teardown(Trace trace, ActorRef<TornDown> replyTo) implements Command, Traced {}

  public record TornDown(Trace trace) implements CborSerializable, Traced {}

  private record FromShard(SearchShard.LoadEvent message) implements Command, Traced.Adapted {}

  /** What a search answers. */
  public interface Answer extends CborSerializable, Traced {
    SearchQuery query();
  }

  /**
   * Every shard's matches, merged: files in path order, lines in file order.
   *
   * @param files the files searched
   * @param lines the matching lines, all of them, whether or not their text came back
   * @param hits the files with matches
   * @param nanos from the broadcast to the last shard's answer
   * @param scanNanos the slowest shard's own time on the query
   * @param missing the shards (slices) that did not answer in time (empty: the answer is complete)
   * @param shards how many slices the tree is split into
   * @param missingParts in a cluster, what each missing slice holds (empty in one JVM)
   */
  public record Found(
      Trace trace,
      SearchQuery query,
      int files,
      long lines,
      List<FileHits> hits,
      long nanos,
      long scanNanos,
      List<Integer> missing,
      int shards,
      List<MissingPart> missingParts)
      implements Answer {
    public Found {
      hits = List.copyOf(hits);
      missing = List.copyOf(missing);
      missingParts = List.copyOf(missingParts);
    }

    public boolean complete() {
      return missing.isEmpty() && missingParts.isEmpty();
    }
  }

  /**
   * A part of a tree that no shard answered for: slice {@code slice} of {@code slices} of the
   * files under {@code root}.
   *
   * @param files how many files it holds; -1 when this node does not know
   * @param samples the first few of their paths (relative to the root), when known
   * @param reason why it is missing
   */
  public record MissingPart(String root, int slice, int slices, int files, List<String> samples, String reason)
      implements CborSerializable {
    public MissingPart {
      samples = List.copyOf(samples);
    }
  }

  /** The search could not run: {@code badQuery} when the query is at fault, else the service. */
  public record SearchFailed(Trace trace, SearchQuery query, String reason, boolean badQuery) implements Answer {}

  private final SearchSettings settings;
  private final ActorRef<TreeEvent> listener;
  private final StashBuffer<Command> stash;
  private final List<ActorRef<SearchShard.Command>> shards = new ArrayList<>();
  private final LoadTally tally;
  private final long start = System.nanoTime();
  private final List<ActorRef<TornDown>> tornDownTo = new ArrayList<>();
  private long lastProgress = System.nanoTime();
  private long queries;
  private int running;

  /**
   * A search over {@code settings.root()}; its shards' messages belong to {@code trace} (null
   * for a long-lived service). Wrap it with {@link Tracing#traced} where it is spawned.
   */
  public static Behavior<Command> create(SearchSettings settings, Trace trace, ActorRef<TreeEvent> listener) {
    return Behaviors.setup(
        ctx -> Behaviors.withStash(settings.stash(), stash -> new DirectorySearch(ctx, stash, settings, trace, listener)));
  }

  private DirectorySearch(
      ActorContext<Command> ctx, StashBuffer<Command> stash, SearchSettings settings, Trace trace, ActorRef<TreeEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.listener = listener;
    this.stash = stash;
    int n = settings.shards();
    this.tally = new LoadTally(n);
    ActorRef<SearchShard.LoadEvent> events = ctx.messageAdapter(SearchShard.LoadEvent.class, FromShard::new);
    // One walk of the tree for every shard's first load.
    var walked = Shards.walk(ctx, settings.spec(0, n));
    for (int i = 0; i < n; i++) {
      ActorRef<SearchShard.Command> ref = Shards.spawn(ctx, settings, settings.spec(i, n), walked, events, trace, "shard-" + i);
      ctx.watch(ref);
      shards.add(ref);
    }
    running = n;
  }

  /** Loading: searches wait until every shard holds its slice. */
  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Search.class, this::waitForTree)
        .onMessage(FromShard.class, this::whileLoading)
        .onMessage(Teardown.class, t -> tearDown(t, "the search is shutting down"))
        .onSignal(Terminated.class, t -> onShardStopped())
        .build();
  }

  /** Serving: each search goes to every shard through its own aggregator. */
  private Behavior<Command> serving() {
    return newReceiveBuilder()
        .onMessage(Search.class, this::onSearch)
        .onMessage(FromShard.class, this::whileServing)
        .onMessage(Teardown.class, t -> tearDown(t, "the search is shutting down"))
        .onSignal(Terminated.class, t -> onShardStopped())
        .build();
  }

  /** Unloadable: the tree cannot be loaded and every search fails with {@code reason}. */
  private Behavior<Command> unloadable(String reason) {
    return newReceiveBuilder()
        .onMessage(Search.class, s -> failed(s, reason))
        .onMessage(FromShard.class, m -> Behaviors.same())
        .onMessage(Teardown.class, t -> tearDown(t, reason))
        .onSignal(Terminated.class, t -> onShardStopped())
        .build();
  }

  /** Tearing down: the shards stop; whoever asked hears {@link TornDown} once they all have. */
  private Behavior<Command> tearingDown(String reason) {
    return newReceiveBuilder()
        .onMessage(Search.class, s -> failed(s, reason))
        .onMessage(FromShard.class, m -> Behaviors.same())
        .onMessage(
            Teardown.class,
            t -> {
              tornDownTo.add(t.replyTo());
              return Behaviors.same();
            })
        .onSignal(Terminated.class, t -> onShardStopped())
        .build();
  }

  private Behavior<Command> waitForTree(Search s) {
    if (stash.isFull()) {
      return failed(s, "too many searches wait for the tree to load");
    }
    stash.stash(s);
    return Behaviors.same();
  }

  private Behavior<Command> failed(Search s, String why) {
    s.replyTo().tell(new SearchFailed(Trace.here(), s.query(), why, false));
    return Behaviors.same();
  }

  private Behavior<Command> onSearch(Search s) {
    long id = ++queries;
    getContext()
        .spawn(
            Tracing.traced(QueryAggregator.Command.class, s.trace(), QueryAggregator.create(s, shards, id, settings.queryTimeout())),
            "query-" + id);
    return Behaviors.same();
  }

  private Behavior<Command> whileLoading(FromShard m) {
    SearchShard.LoadEvent e = m.message();
    if (e instanceof SearchShard.Loading l) {
      tally.loading(l);
      long now = System.nanoTime();
      if (now - lastProgress >= settings.progressEvery().toNanos()) {
        lastProgress = now;
        listener.tell(tally.progress(Trace.here()));
      }
    } else if (e instanceof SearchShard.Ready r) {
      if (tally.ready(r)) {
        listener.tell(new TreeEvent.ShardReloaded(Trace.here(), r.slice(), r.report()));
      } else if (tally.allReady()) {
        listener.tell(new TreeEvent.TreeLoaded(Trace.here(), settings.root(), shards.size(), tally.sum(), System.nanoTime() - start));
        return stash.unstashAll(serving());
      }
    } else if (e instanceof SearchShard.Unloadable u) {
      return becomeUnloadable(u);
    }
    return Behaviors.same();
  }

  private Behavior<Command> whileServing(FromShard m) {
    SearchShard.LoadEvent e = m.message();
    if (e instanceof SearchShard.Loading l) {
      tally.loading(l);
    } else if (e instanceof SearchShard.Ready r) {
      tally.ready(r);
      listener.tell(new TreeEvent.ShardReloaded(Trace.here(), r.slice(), r.report()));
    } else if (e instanceof SearchShard.Unloadable u) {
      return becomeUnloadable(u);
    }
    return Behaviors.same();
  }

  private Behavior<Command> becomeUnloadable(SearchShard.Unloadable u) {
    listener.tell(new TreeEvent.TreeUnloadable(Trace.here(), u.reason()));
    return stash.unstashAll(unloadable(u.reason()));
  }

  private Behavior<Command> tearDown(Teardown t, String reason) {
    tornDownTo.add(t.replyTo());
    shards.forEach(getContext()::stop);
    Behavior<Command> next = tearingDown(reason);
    // Searches still waiting for the tree hear that it will not come.
    return running == 0 ? tornDown() : stash.unstashAll(next);
  }

  private Behavior<Command> onShardStopped() {
    running--;
    return running == 0 && !tornDownTo.isEmpty() ? tornDown() : Behaviors.same();
  }

  private Behavior<Command> tornDown() {
    tornDownTo.forEach(to -> to.tell(new TornDown(Trace.here())));
    return Behaviors.stopped();
  }
}
