package deli.weather;

import deli.core.CborSerializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest advisory of each zone across rounds, and what changed from one round to the
 * next. A zone whose fetch fails keeps its last advisory (marked with the failure) rather
 * than losing it. Not thread-safe: it lives in one actor.
 */
public final class AdvisoryBoard {
  /**
   * One zone as last seen.
   *
   * @param advisory the last advisory fetched ({@code ""}: none), null until one is
   * @param fetchedAt when it was fetched, null until then
   * @param failure the failure of the last round, null when it worked (or before any round)
   * @param failedAt when it failed, null when it did not
   */
  public record Entry(Zone zone, String advisory, Instant fetchedAt, Failure failure, Instant failedAt)
      implements CborSerializable {
    public boolean pending() {
      return advisory == null && failure == null;
    }
  }

  /** What a round changed for one zone. */
  public record Change(Zone zone, Kind kind, String before, String after, Failure failure) implements CborSerializable {}

  /** The changes a user hears of. */
  public enum Kind {
    /** The advisory is new or different ({@code before} null: first seen). */
    ADVISORY,
    /** The zone could be fetched and now cannot. */
    FAILING,
    /** The zone can be fetched again, its advisory unchanged. */
    RECOVERED
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public AdvisoryBoard(List<Zone> zones) {
    zones.forEach(z -> entries.put(z.code(), new Entry(z, null, null, null, null)));
  }

  /** Takes a round's outcomes in; returns what changed, in zone order. */
  public List<Change> update(List<Outcome> outcomes, Instant now) {
    List<Change> changes = new ArrayList<>();
    for (Outcome o : outcomes) {
      Entry was = entries.get(o.zone().code());
      if (was == null) {
        continue;
      }
      if (o instanceof Outcome.Fetched f) {
        if (!Objects.equals(was.advisory(), f.advisory())) {
          changes.add(new Change(o.zone(), Kind.ADVISORY, was.advisory(), f.advisory(), null));
        } else if (was.failure() != null) {
          changes.add(new Change(o.zone(), Kind.RECOVERED, was.advisory(), f.advisory(), null));
        }
        entries.put(o.zone().code(), new Entry(o.zone(), f.advisory(), now, null, null));
      } else if (o instanceof Outcome.Failed f) {
        if (was.failure() == null) {
          changes.add(new Change(o.zone(), Kind.FAILING, was.advisory(), was.advisory(), f.failure()));
        }
        entries.put(o.zone().code(), new Entry(o.zone(), was.advisory(), was.fetchedAt(), f.failure(), now));
      }
    }
    return changes;
  }

  /** Every zone, in zone order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }
}
