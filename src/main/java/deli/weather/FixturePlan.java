package deli.weather;

import deli.core.DurationRange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How the fixture server answers each request: the latency drawn for it, a fault configured
 * for its file, or a failure drawn at the failure rate (503). Not thread-safe: it lives in
 * the {@link ForecastOffice} actor.
 */
public final class FixturePlan {
  /** The answer decided for one request, to be given after {@code delay}. */
  public record Decision(Duration delay, Action action, int status) {}

  /** What to answer. */
  public enum Action {
    /** The file, or 404 when there is none. */
    SERVE,
    /** {@code status}, with a short text body. */
    STATUS,
    /** Half the file, then a broken connection. */
    CUT,
    /** 301 to the file under {@code /moved/}. */
    MOVED
  }

  /** The status an injected random failure answers. */
  public static final int INJECTED_STATUS = 503;

  private final DurationRange latency;
  private final double failureRate;
  private final Map<String, Fault> faults = new HashMap<>();
  private final Map<String, Integer> used = new HashMap<>();
  private final RandomGenerator random;

  public FixturePlan(DurationRange latency, double failureRate, List<Fault> faults, RandomGenerator random) {
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("failure-rate must be 0 to 1, not " + failureRate);
    }
    this.latency = latency;
    this.failureRate = failureRate;
    faults.forEach(f -> this.faults.put(f.file(), f));
    this.random = random;
  }

  /**
   * Decides the answer for a request of {@code file} (the name without {@code .txt}, lowercase;
   * {@code moved/anz537} for a file asked for where a {@code moved} fault sent the client).
   */
  public Decision decide(String file) {
    Duration delay = latency.draw(random);
    Fault fault = faults.get(file);
    if (fault != null && (fault.times() == 0 || used.merge(file, 1, Integer::sum) <= fault.times())) {
      return switch (fault.kind()) {
        case STATUS -> new Decision(delay, Action.STATUS, fault.status());
        case DELAY -> new Decision(delay.plus(fault.delay()), Action.SERVE, 200);
        case CUT -> new Decision(delay, Action.CUT, 200);
        case MOVED -> new Decision(delay, Action.MOVED, 301);
      };
    }
    if (failureRate > 0 && random.nextDouble() < failureRate) {
      return new Decision(delay, Action.STATUS, INJECTED_STATUS);
    }
    return new Decision(delay, Action.SERVE, 200);
  }
}
