package deli.search;

import deli.core.Timed;
import deli.trace.Trace;
import deli.trace.Traced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One query in flight: sends it to every shard, gathers each shard's matches (the chapter's
 * results queue), merges them into the files' order and answers, then stops. A shard that has
 * not answered by the timeout is named in the answer, which then says it is incomplete.
 */
final class QueryAggregator extends AbstractBehavior<QueryAggregator.Command> {
  interface Command {}

  private record FromShard(SearchShard.Reply message) implements Command, Traced.Adapted {}

  private enum Timeout implements Command {
    INSTANCE
  }

  private final DirectorySearch.Search search;
  private final int slices;
  private final long start = System.nanoTime();
  private final Duration timeout;
  private final List<SearchShard.Matches> answers = new ArrayList<>();
  private final TreeSet<Integer> waiting = new TreeSet<>();

  static Behavior<Command> create(
      DirectorySearch.Search search, List<ActorRef<SearchShard.Command>> shards, long id, Duration timeout) {
    return Timed.setup(QueryAggregator.class, (ctx, timers) -> new QueryAggregator(ctx, timers, search, shards, id, timeout));
  }

  private QueryAggregator(
      ActorContext<Command> ctx,
      TimerScheduler<Command> timers,
      DirectorySearch.Search search,
      List<ActorRef<SearchShard.Command>> shards,
      long id,
      Duration timeout) {
    super(ctx);
    this.search = search;
    this.slices = shards.size();
    this.timeout = timeout;
    ActorRef<SearchShard.Reply> replies = ctx.messageAdapter(SearchShard.Reply.class, FromShard::new);
    for (int i = 0; i < shards.size(); i++) {
      waiting.add(i);
      shards.get(i).tell(new SearchShard.Query(Trace.here(), id, search.query(), replies));
    }
    timers.startSingleTimer(Timeout.INSTANCE, timeout);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromShard.class, this::onReply)
        .onMessageEquals(Timeout.INSTANCE, this::onTimeout)
        .build();
  }

  private Behavior<Command> onReply(FromShard m) {
    if (m.message() instanceof SearchShard.QueryFailed failed) {
      search.replyTo().tell(new DirectorySearch.SearchFailed(Trace.here(), search.query(), failed.reason(), failed.badQuery()));
      return Behaviors.stopped();
    }
    SearchShard.Matches matches = (SearchShard.Matches) m.message();
    if (waiting.remove(matches.slice())) {
      answers.add(matches);
    }
    return waiting.isEmpty() ? answer() : this;
  }

  private Behavior<Command> onTimeout() {
    getContext()
        .getLog()
        .warn("query {} got no answer from shards {} within {} ms", search.query().text(), waiting, timeout.toMillis());
    return answer();
  }

  private Behavior<Command> answer() {
    search.replyTo().tell(merge(Trace.here(), search.query(), answers, List.copyOf(waiting), slices, System.nanoTime() - start));
    return Behaviors.stopped();
  }

  /** The shards' matches as one answer: files in path order, at most {@code maxLines} lines of text. */
  static DirectorySearch.Found merge(
      Trace trace, SearchQuery query, List<SearchShard.Matches> answers, List<Integer> missing, int slices, long nanos) {
    int files = 0;
    long lines = 0;
    int total = 0;
    long scan = 0;
    for (SearchShard.Matches a : answers) {
      scan = Math.max(scan, a.matches().nanos());
      files += a.matches().files();
      lines += a.matches().lines();
      total += a.matches().hits().size();
    }
    // Each shard's files come in path order: merging them keeps it, without sorting it all.
    List<FileHits> hits = new ArrayList<>(total);
    PriorityQueue<int[]> heads =
        new PriorityQueue<>(Comparator.comparing((int[] h) -> answers.get(h[0]).matches().hits().get(h[1]).path()));
    for (int s = 0; s < answers.size(); s++) {
      if (!answers.get(s).matches().hits().isEmpty()) {
        heads.add(new int[] {s, 0});
      }
    }
    while (!heads.isEmpty()) {
      int[] h = heads.poll();
      List<FileHits> from = answers.get(h[0]).matches().hits();
      hits.add(from.get(h[1]));
      if (++h[1] < from.size()) {
        heads.add(h);
      }
    }
    long budget = query.countOnly() ? 0 : query.maxLines();
    for (int i = 0; i < hits.size(); i++) {
      FileHits h = hits.get(i);
      int keep = (int) Math.min(budget, h.returned());
      if (keep < h.returned()) {
        hits.set(i, h.firstLines(keep));
      }
      budget -= keep;
    }
    return new DirectorySearch.Found(trace, query, files, lines, hits, nanos, scan, missing, slices, List.of());
  }
}
