package deli.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a slow viewer of the live page has not been sent yet: the latest event of each key, in
 * the order the keys last changed, at most {@code maxKeys} of them (the oldest dropped first).
 * A viewer that keeps up holds one event here at a time; one that falls behind holds at most
 * one per key, however many arrive, so its memory is bounded and what it gets next is the
 * newest state of each thing, not a backlog of old ones. Pure logic, one per viewer.
 */
final class Coalesced {
  private final int maxKeys;
  private final LinkedHashMap<String, LiveHub.Event> latest;
  private long dropped;

  Coalesced(int maxKeys) {
    this.maxKeys = maxKeys;
    this.latest =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, LiveHub.Event> eldest) {
            if (size() > Coalesced.this.maxKeys) {
              dropped++;
              return true;
            }
            return false;
          }
        };
  }

  static Coalesced of(LiveHub.Event first, int maxKeys) {
    return new Coalesced(maxKeys).add(first);
  }

  /** {@code e} replaces the pending event of its key, and moves that key to the end. */
  Coalesced add(LiveHub.Event e) {
    if (latest.remove(e.key()) != null) {
      dropped++;
    }
    latest.put(e.key(), e);
    return this;
  }

  /** The pending events, oldest key first. */
  List<LiveHub.Event> events() {
    return new ArrayList<>(latest.values());
  }

  /** Events replaced or dropped before they were sent. */
  long dropped() {
    return dropped;
  }
}
