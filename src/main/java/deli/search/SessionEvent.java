package deli.search;

import deli.core.CborSerializable;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** What a {@link SearchSession} tells its listener, the console that {@link SearchRender} prints for. */
public interface SessionEvent extends CborSerializable {
  record Progress(TreeEvent.LoadProgress progress) implements SessionEvent {}

  record Loaded(TreeEvent.TreeLoaded loaded) implements SessionEvent {}

  /** The tree was scanned for the queries given, as it was read: their answers are ready. */
  record Scanned(TreeEvent.TreeScanned scanned) implements SessionEvent {}

  record Reloaded(TreeEvent.ShardReloaded reloaded) implements SessionEvent {}

  /**
   * Some of a query's matching files, to print; a large answer comes in several, so the
   * console renders a few thousand lines at a time, never all of them at once.
   */
  record Matched(SearchQuery query, List<FileHits> hits) implements SessionEvent {
    public Matched {
      hits = List.copyOf(hits);
    }
  }

  /** A query's answer, {@code nanos} after it was sent (in-process, printing excluded), after its {@link Matched} lines. */
  record Answer(DirectorySearch.Answer answer, long nanos) implements SessionEvent {}

  /** Lines a {@link Matched} event holds, about. */
  int LINES_PER_EVENT = 4096;

  /** The times of repeated queries after their first round, in the order they were first asked. */
  record Medians(List<QueryTimes> queries) implements SessionEvent {
    public Medians {
      queries = List.copyOf(queries);
    }
  }

  /** A query's times after its first round: end to end, and the slowest shard's own scan. */
  record QueryTimes(String query, List<Long> nanos, List<Long> scanNanos) implements CborSerializable {
    public QueryTimes {
      nanos = List.copyOf(nanos);
      scanNanos = List.copyOf(scanNanos);
    }
  }

  /**
   * Asks the console to say, with {@link SearchSession.Printed}, when it has printed what came before: the
   * next query waits for it, so printing one answer never slows the next down.
   */
  record Printing(ActorRef<SearchSession.Command> replyTo) implements SessionEvent {}

  /** The search is torn down; the command ends with {@code exitCode}: grep's, 0 when a line was selected, 1 when none, 2 on an error. */
  record Finished(int exitCode, String error) implements SessionEvent {}
}
