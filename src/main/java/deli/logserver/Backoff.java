package deli.logserver;

import java.time.Duration;

/**
 * Waits that double from {@code first} up to {@code max}: the log server trying its port again,
 * the writer trying a full disk again. Used from one actor's thread only.
 */
final class Backoff {
  private final Duration first;
  private final Duration max;
  private Duration next;

  Backoff(Duration first, Duration max) {
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** How long to wait now; each call doubles the wait after it, up to the most. */
  Duration next() {
    Duration now = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return now;
  }

  /** What worked: the next trouble starts from the first wait again. */
  void reset() {
    next = first;
  }
}
