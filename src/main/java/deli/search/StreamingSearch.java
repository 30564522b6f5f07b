package deli.search;

import deli.core.Failures;
import deli.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * {@link DirectorySearch}'s protocol for queries known before the tree is read (the command
 * line's): the tree is walked once, its files are read by N shards at once (a few at a time, in
 * path order, each shard taking more as it is done: {@link SliceScan.Handout}), each
 * running every query over what it reads and keeping only the matching lines ({@link SliceScan}),
 * so nothing waits for the whole tree to be held in memory and nothing of it stays there. Each
 * {@link DirectorySearch.Search} for one of those queries is answered from the scan, with the
 * scan's time. Its states: scanning (searches wait), scanned, unreadable.
 */
final class StreamingSearch extends AbstractBehavior<DirectorySearch.Command> {
  private interface Private extends DirectorySearch.Command, NoSerializationVerificationNeeded {}

  private record Walked(List<String> paths, List<ShardCorpus.Problem> problems, String failure) implements Private {}

  private record SliceDone(int slice, SliceScan.Result result, String failure) implements Private {}

  private final SearchSettings settings;
  private final List<SearchQuery> queries;
  private final ActorRef<TreeEvent> listener;
  private final StashBuffer<DirectorySearch.Command> stash;
  private final Executor blocking;
  private final long start = System.nanoTime();
  private final List<SliceScan.Result> slices = new ArrayList<>();
  private final List<ShardCorpus.Problem> walkProblems = new ArrayList<>();
  private int waiting;
  private List<DirectorySearch.Answer> answers;

  static Behavior<DirectorySearch.Command> create(SearchSettings settings, List<SearchQuery> queries, ActorRef<TreeEvent> listener) {
    return Behaviors.setup(ctx -> Behaviors.withStash(settings.stash(), stash -> new StreamingSearch(ctx, stash, settings, queries, listener)));
  }

  private StreamingSearch(
      ActorContext<DirectorySearch.Command> ctx,
      StashBuffer<DirectorySearch.Command> stash,
      SearchSettings settings,
      List<SearchQuery> queries,
      ActorRef<TreeEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.queries = List.copyOf(queries);
    this.listener = listener;
    this.stash = stash;
    this.blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    ShardSpec spec = settings.spec(0, 1);
    ctx.pipeToSelf(
        CompletableFuture.supplyAsync(
            () -> {
              try {
                SourceTree.Walk w = SourceTree.walk(spec);
                return new Walked(w.paths(), w.problems(), null);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            blocking),
        (walked, failure) -> failure == null ? walked : new Walked(List.of(), List.of(), Failures.describe(failure)));
  }

  /** Scanning: searches wait for every slice. */
  @Override
  public Receive<DirectorySearch.Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Walked.class, this::onWalked)
        .onMessage(SliceDone.class, this::onSliceDone)
        .onMessage(DirectorySearch.Search.class, this::waitForScan)
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .build();
  }

  /** Scanned: each search is answered from the scan. */
  private Behavior<DirectorySearch.Command> scanned() {
    return newReceiveBuilder()
        .onMessage(DirectorySearch.Search.class, this::onSearch)
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .build();
  }

  /** Unreadable: the root cannot be walked, and every search fails with {@code reason}. */
  private Behavior<DirectorySearch.Command> unreadable(String reason) {
    return newReceiveBuilder()
        .onMessage(
            DirectorySearch.Search.class,
            s -> {
              s.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), s.query(), reason, false));
              return Behaviors.same();
            })
        .onMessage(DirectorySearch.Teardown.class, this::onTeardown)
        .build();
  }

  private Behavior<DirectorySearch.Command> onWalked(Walked w) {
    if (w.failure() != null) {
      listener.tell(new TreeEvent.TreeUnloadable(Trace.here(), w.failure()));
      return stash.unstashAll(unreadable(w.failure()));
    }
    walkProblems.addAll(w.problems());
    int n = settings.shards();
    waiting = n;
    SliceScan.Handout files = new SliceScan.Handout(w.paths());
    for (int i = 0; i < n; i++) {
      ShardSpec spec = settings.spec(i, n);
      int slice = i;
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> SliceScan.run(spec, files, queries), blocking),
              (result, failure) -> new SliceDone(slice, result, failure == null ? null : Failures.describe(failure)));
    }
    return this;
  }

  private Behavior<DirectorySearch.Command> onSliceDone(SliceDone d) {
    if (d.failure() != null) {
      String why = "shard " + d.slice() + " could not read its slice: " + d.failure();
      listener.tell(new TreeEvent.TreeUnloadable(Trace.here(), why));
      return stash.unstashAll(unreadable(why));
    }
    slices.add(d.result());
    if (--waiting > 0) {
      return this;
    }
    long nanos = System.nanoTime() - start;
    List<LoadReport> reports = new ArrayList<>();
    slices.forEach(s -> reports.add(s.report()));
    LoadReport sum = LoadReport.sum(reports);
    List<ShardCorpus.Problem> problems = new ArrayList<>(walkProblems);
    problems.addAll(sum.problems());
    problems.sort(java.util.Comparator.comparing(ShardCorpus.Problem::path));
    LoadReport report =
        new LoadReport(sum.files(), sum.bytes(), sum.lines(), sum.notUtf8(), problems, 0, 0, sum.loadNanos(), 0, false);
    answers = new ArrayList<>();
    for (int q = 0; q < queries.size(); q++) {
      answers.add(answer(q, nanos));
    }
    listener.tell(new TreeEvent.TreeScanned(Trace.here(), settings.root(), settings.shards(), report, nanos));
    return stash.unstashAll(scanned());
  }

  private DirectorySearch.Answer answer(int q, long nanos) {
    SearchQuery query = queries.get(q);
    List<SearchShard.Matches> parts = new ArrayList<>();
    for (SliceScan.Result r : slices) {
      if (r.failures().get(q) != null) {
        return new DirectorySearch.SearchFailed(Trace.here(), query, r.failures().get(q), true);
      }
      parts.add(new SearchShard.Matches(Trace.here(), q, settings.root(), parts.size(), slices.size(), r.matches().get(q)));
    }
    return QueryAggregator.merge(Trace.here(), query, parts, List.of(), slices.size(), nanos);
  }

  private Behavior<DirectorySearch.Command> waitForScan(DirectorySearch.Search s) {
    if (stash.isFull()) {
      s.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), s.query(), "too many searches wait for the scan", false));
    } else {
      stash.stash(s);
    }
    return this;
  }

  private Behavior<DirectorySearch.Command> onSearch(DirectorySearch.Search s) {
    int q = queries.indexOf(s.query());
    s.replyTo()
        .tell(q >= 0 ? answers.get(q) : new DirectorySearch.SearchFailed(Trace.here(), s.query(), "this search was not among the queries scanned for", false));
    // Not this: that would be the scanning state again, where searches wait.
    return Behaviors.same();
  }

  private Behavior<DirectorySearch.Command> onTeardown(DirectorySearch.Teardown t) {
    t.replyTo().tell(new DirectorySearch.TornDown(Trace.here()));
    return Behaviors.stopped();
  }
}
