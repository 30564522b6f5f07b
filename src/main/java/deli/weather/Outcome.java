package deli.weather;

import deli.core.CborSerializable;
import java.time.Duration;

/** What fetching one zone came to: its advisory, or why there is none. */
public sealed interface Outcome extends CborSerializable permits Outcome.Fetched, Outcome.Failed {
  Zone zone();

  /** How many requests it took (1 when the first one did it). */
  int attempts();

  /** From the first request to the outcome, retries and backoff included. */
  Duration took();

  /** The forecast came: its advisory, {@code ""} when it has none. */
  record Fetched(Zone zone, String advisory, int attempts, Duration took) implements Outcome {}

  /** No forecast: the last attempt's failure. */
  record Failed(Zone zone, Failure failure, int attempts, Duration took) implements Outcome {}
}
