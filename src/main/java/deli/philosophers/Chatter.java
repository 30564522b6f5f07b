package deli.philosophers;

import deli.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a dinner tells its listener. A timeless dinner (no eating, no thinking) makes lines far
 * faster than a terminal takes them one message each, so its lines go out in batches, at the
 * end of each serving (or every {@code longest} lines when there are no servings).
 */
final class Chatter {
  private final ActorRef<DinnerEvent> listener;
  private final boolean batched;
  private final int longest;
  private final List<DinnerEvent> batch = new ArrayList<>();

  private static final int LONGEST_BATCH = 1024;

  /** Batched for a timeless dinner that prints its lines. */
  static Chatter of(PhilosophersSettings settings, ActorRef<DinnerEvent> listener) {
    return new Chatter(
        listener,
        !settings.quiet() && settings.eat().isZero() && settings.think().isZero(),
        // with servings, each serving ends a batch; without, a batch ends at this size
        settings.isContinuous() ? LONGEST_BATCH : Integer.MAX_VALUE);
  }

  Chatter(ActorRef<DinnerEvent> listener, boolean batched, int longest) {
    this.listener = listener;
    this.batched = batched;
    this.longest = longest;
  }

  boolean batched() {
    return batched;
  }

  /** A philosopher's line, kept for the next batch; a full batch goes out. */
  void heard(DinnerEvent e) {
    batch.add(e);
    if (batch.size() >= longest) {
      flush();
    }
  }

  /** Tells the listener, after the lines of the batch so far. */
  void tell(DinnerEvent e) {
    if (batched) {
      batch.add(e);
    } else {
      listener.tell(e);
    }
  }

  /** Sends the lines kept so far. */
  void flush() {
    if (!batch.isEmpty()) {
      listener.tell(new DinnerEvent.Batch(Trace.here(), batch));
      batch.clear();
    }
  }
}
