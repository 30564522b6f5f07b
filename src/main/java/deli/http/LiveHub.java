package deli.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.BroadcastHub;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The node's live events, for every viewer of its page ({@code GET /events}): producers offer
 * events to a bounded queue (full: the event is dropped, never waited for), a
 * {@link BroadcastHub} hands each to every viewer, and each viewer's stream coalesces what it
 * cannot take yet ({@link Coalesced}), so a slow viewer gets the newest state of each thing
 * and holds the others up neither in time nor in memory. A drain keeps the hub moving when no
 * one watches. A viewer that joins first gets the last final events (the dinner that just ended).
 */
public final class LiveHub {
  /** One event: its SSE {@code name}, the {@code key} it coalesces by, its JSON. */
  record Event(String name, String key, String json) {}

  private static final int QUEUE = 1024;
  private static final int HUB_BUFFER = 256;
  private static final int MAX_KEYS = 512;
  private static final int REMEMBERED = 16;

  private final ObjectMapper mapper;
  private final BoundedSourceQueue<Event> queue;
  private final Source<Event, NotUsed> hub;
  private final AtomicInteger viewers = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final Duration keepAlive;
  // the last final event of a few keys, for viewers that join after it: under its own lock
  private final LinkedHashMap<String, Event> remembered =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
          return size() > REMEMBERED;
        }
      };

  LiveHub(ActorSystem<?> system, ObjectMapper mapper, Duration keepAlive) {
    this.mapper = mapper;
    this.keepAlive = keepAlive;
    Pair<BoundedSourceQueue<Event>, Source<Event, NotUsed>> both =
        Source.<Event>queue(QUEUE).toMat(BroadcastHub.of(Event.class, HUB_BUFFER), Keep.both()).run(system);
    this.queue = both.first();
    this.hub = both.second();
    hub.runWith(Sink.ignore(), system);
  }

  /** Viewers now. */
  public int viewers() {
    return viewers.get();
  }

  /** Events dropped because the queue was full. */
  long dropped() {
    return dropped.get();
  }

  /**
   * Offers {@code data} as event {@code name} of {@code key}; {@code remember}: a final state that
   * later viewers should still see.
   */
  void offer(String name, String key, Object data, boolean remember) {
    String json;
    try {
      json = mapper.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event " + name + " cannot be written as JSON", e);
    }
    Event e = new Event(name, name + "/" + key, json);
    if (remember) {
      synchronized (remembered) {
        remembered.put(e.key(), e);
      }
    }
    if (queue.offer(e) != QueueOfferResult.enqueued()) {
      dropped.incrementAndGet();
    }
  }

  /** One viewer's stream: what is remembered, then every event, coalesced when it falls behind. */
  Source<ServerSentEvent, NotUsed> viewer() {
    List<Event> first;
    synchronized (remembered) {
      first = new ArrayList<>(remembered.values());
    }
    return Source.from(first)
        .concat(hub)
        .conflateWithSeed(e -> Coalesced.of(e, MAX_KEYS), Coalesced::add)
        .mapConcat(Coalesced::events)
        .map(e -> ServerSentEvent.create(e.json(), e.name()))
        .keepAlive(keepAlive, ServerSentEvent::heartbeat)
        .watchTermination(
            (mat, done) -> {
              viewers.incrementAndGet();
              done.whenComplete((d, failure) -> viewers.decrementAndGet());
              return mat;
            });
  }
}
