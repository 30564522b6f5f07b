package deli.search;

import deli.core.Failures;
import deli.trace.Trace;
import deli.trace.Traced;
import deli.trace.Tracing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One {@code deli search} run, the chapter's main block: sets up the {@link DirectorySearch},
 * runs the queries one after another (from the command line, or typed on stdin until it
 * ends), times each from sending it to holding every shard's matches, and tears the search
 * down. It tells its listener (the console) everything there is to print.
 */
public final class SearchSession extends AbstractBehavior<SearchSession.Command> {
  public interface Command {}

  private record FromSearch(TreeEvent message) implements Command, Traced.Adapted {}

  private record Answered(DirectorySearch.Answer message) implements Command, Traced.Adapted {}

  /** A line typed on stdin; empty at its end. */
  private record Typed(Optional<String> line, String error) implements Command {}

  /** The console has printed everything told to it before {@link Printing}. */
  enum Printed implements Command {
    INSTANCE
  }

  private record TornDown(DirectorySearch.TornDown message) implements Command, Traced.Adapted {}

  /**
   * Where queries come from: the command line, or a reader (stdin) read line by line; {@code form}
   * makes each text a query with the command's options (an {@link IllegalArgumentException} for a bad one).
   */
  public record Queries(List<String> given, BufferedReader typed, boolean interactive, Function<String, SearchQuery> form) {
    public Queries {
      given = List.copyOf(given);
    }
  }

  private final SearchSettings settings;
  private final Queries queries;
  private final ActorRef<SessionEvent> listener;
  private final ActorRef<DirectorySearch.Command> search;
  private final ActorRef<DirectorySearch.Answer> answers;
  private final boolean streaming;
  private final Map<String, List<Long>> times = new LinkedHashMap<>();
  private final Map<String, List<Long>> scans = new LinkedHashMap<>();
  private int round;
  private int next;
  private long sentAt;
  private boolean failed;
  private boolean selected;
  private String fatal;

  public static Behavior<Command> create(SearchSettings settings, Queries queries, Trace trace, ActorRef<SessionEvent> listener) {
    return Tracing.traced(Command.class, trace, Behaviors.setup(ctx -> new SearchSession(ctx, settings, queries, trace, listener)));
  }

  private SearchSession(
      ActorContext<Command> ctx, SearchSettings settings, Queries queries, Trace trace, ActorRef<SessionEvent> listener) {
    super(ctx);
    this.settings = settings;
    this.queries = queries;
    this.listener = listener;
    ActorRef<TreeEvent> events = ctx.messageAdapter(TreeEvent.class, FromSearch::new);
    this.streaming = streams(settings, queries);
    Behavior<DirectorySearch.Command> search =
        streaming ? StreamingSearch.create(settings, forms(queries), events) : DirectorySearch.create(settings, trace, events);
    this.search = ctx.spawn(Tracing.traced(DirectorySearch.Command.class, trace, search), "directory-search");
    this.answers = ctx.messageAdapter(DirectorySearch.Answer.class, Answered::new);
  }

  /**
   * Whether the queries are all known before the tree is read and asked once each: then the
   * shards scan as they read, and nothing waits for the tree to be held in memory. A stream of
   * queries (stdin), repeated rounds and an index need the tree held.
   */
  static boolean streams(SearchSettings settings, Queries queries) {
    return !queries.given().isEmpty() && settings.repeat() == 1 && !settings.index();
  }

  /** The queries given that can run; one that cannot fails when its turn comes, as in a held tree. */
  private static List<SearchQuery> forms(Queries queries) {
    List<SearchQuery> out = new ArrayList<>();
    for (String text : queries.given()) {
      try {
        out.add(queries.form().apply(text));
      } catch (IllegalArgumentException e) {
        // answered at its turn, by send()
      }
    }
    return out;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromSearch.class, this::onSearchEvent)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Typed.class, this::onTyped)
        .onMessageEquals(Printed.INSTANCE, this::onPrinted)
        .onMessage(TornDown.class, this::onTornDown)
        .build();
  }

  private Behavior<Command> onSearchEvent(FromSearch m) {
    TreeEvent e = m.message();
    if (e instanceof TreeEvent.LoadProgress p) {
      listener.tell(new SessionEvent.Progress(p));
    } else if (e instanceof TreeEvent.TreeLoaded l) {
      listener.tell(new SessionEvent.Loaded(l));
      nextQuery();
    } else if (e instanceof TreeEvent.TreeScanned s) {
      listener.tell(new SessionEvent.Scanned(s));
      nextQuery();
    } else if (e instanceof TreeEvent.ShardReloaded r) {
      listener.tell(new SessionEvent.Reloaded(r));
    } else if (e instanceof TreeEvent.TreeUnloadable u) {
      fatal = u.reason();
      teardown();
    }
    return this;
  }

  /** The next query: the next one given, or the next line typed. */
  private void nextQuery() {
    if (queries.given().isEmpty()) {
      readLine();
      return;
    }
    if (next == queries.given().size()) {
      next = 0;
      round++;
    }
    if (round == settings.repeat()) {
      if (settings.repeat() > 1) {
        List<SessionEvent.QueryTimes> out = new ArrayList<>();
        times.forEach((q, ns) -> out.add(new SessionEvent.QueryTimes(q, ns, scans.get(q))));
        listener.tell(new SessionEvent.Medians(out));
      }
      teardown();
      return;
    }
    send(queries.given().get(next++));
  }

  private void send(String text) {
    SearchQuery q;
    try {
      q = queries.form().apply(text);
    } catch (IllegalArgumentException e) {
      failed = true;
      listener.tell(new SessionEvent.Answer(new DirectorySearch.SearchFailed(Trace.here(), SearchQuery.of(""), e.getMessage(), true), 0));
      nextQuery();
      return;
    }
    sentAt = System.nanoTime();
    search.tell(new DirectorySearch.Search(Trace.here(), q, answers));
  }

  private Behavior<Command> onAnswered(Answered m) {
    DirectorySearch.Answer a = m.message();
    // A scanned answer was ready before it was asked for: its time is the scan's.
    long nanos = streaming && a instanceof DirectorySearch.Found f ? f.nanos() : System.nanoTime() - sentAt;
    if (a instanceof DirectorySearch.Found f) {
      failed |= !f.complete();
      selected |= f.lines() > 0;
      // The first round warms the JIT up: the medians are of the rounds after it.
      if (round > 0) {
        times.computeIfAbsent(a.query().text(), k -> new ArrayList<>()).add(nanos);
        scans.computeIfAbsent(a.query().text(), k -> new ArrayList<>()).add(f.scanNanos());
      }
    } else {
      failed = true;
    }
    // Repeated rounds do the same work and print only their time.
    if (round == 0 && a instanceof DirectorySearch.Found f) {
      tellMatched(f);
    }
    listener.tell(new SessionEvent.Answer(a, nanos));
    listener.tell(new SessionEvent.Printing(getContext().getSelf()));
    return this;
  }

  private Behavior<Command> onPrinted() {
    nextQuery();
    return this;
  }

  private void tellMatched(DirectorySearch.Found f) {
    List<FileHits> batch = new ArrayList<>();
    int lines = 0;
    for (FileHits h : f.hits()) {
      batch.add(h);
      lines += f.query().countOnly() ? 1 : h.returned();
      if (lines >= SessionEvent.LINES_PER_EVENT) {
        listener.tell(new SessionEvent.Matched(f.query(), batch));
        batch = new ArrayList<>();
        lines = 0;
      }
    }
    if (!batch.isEmpty()) {
      listener.tell(new SessionEvent.Matched(f.query(), batch));
    }
  }

  private void readLine() {
    BufferedReader in = queries.typed();
    Executor blocking = getContext().getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return Optional.ofNullable(in.readLine());
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                blocking),
            (line, failure) -> new Typed(line == null ? Optional.empty() : line, failure == null ? null : Failures.describe(failure)));
  }

  private Behavior<Command> onTyped(Typed t) {
    if (t.error() != null) {
      fatal = "cannot read queries from stdin: " + t.error();
      teardown();
    } else if (t.line().isEmpty()) {
      teardown();
    } else if (t.line().get().isBlank()) {
      // A blank line would match every line of the tree: typed queries skip them.
      readLine();
    } else {
      send(t.line().get());
    }
    return this;
  }

  private void teardown() {
    search.tell(new DirectorySearch.Teardown(Trace.here(), getContext().messageAdapter(DirectorySearch.TornDown.class, TornDown::new)));
  }

  private Behavior<Command> onTornDown(TornDown m) {
    listener.tell(new SessionEvent.Finished(fatal != null || failed ? 2 : selected ? 0 : 1, fatal));
    return Behaviors.stopped();
  }
}
