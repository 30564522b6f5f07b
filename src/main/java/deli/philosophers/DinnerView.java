package deli.philosophers;

import java.util.ArrayList;
import java.util.List;

/**
 * A dinner as the node's live page draws it: each philosopher's activity and meals, each fork's
 * holder and queue, the footman's seats, and the wait-for cycle when there is one. A sample of
 * the table, built from the actors' answers to one round of questions (never from their
 * messages), or the dinner's last word. Pure data.
 *
 * @param id the dinner's trace id (its {@code POST /philosophers} answer carries the same)
 * @param state {@code dining}, {@code done} or {@code deadlock}
 * @param seats the footman's seats; 0 at the naive table
 * @param seated who sits now (by the footman's word)
 * @param queue who waits for a seat
 * @param meals meals eaten so far, and {@code expected} in all (-1: a continuous dinner)
 * @param seconds since the dinner began
 * @param philosophers empty for a table too large to draw ({@link #MAX_DRAWN})
 * @param forks empty likewise
 */
public record DinnerView(
    String id,
    String state,
    int faculty,
    boolean footman,
    int seats,
    List<Integer> seated,
    List<Integer> queue,
    long meals,
    long expected,
    double seconds,
    List<Place> philosophers,
    List<ForkAt> forks,
    List<WaitFor.Link> cycle) {

  /** Tables larger than this are shown by their totals: drawing and asking them would cost. */
  public static final int MAX_DRAWN = 64;

  /** A philosopher: {@code doing} is {@code thinking}, {@code waiting-for-seat}, {@code waiting-for-fork} or {@code eating}. */
  public record Place(int id, String doing, long meals) {}

  /** A fork: its holder (-1: on the table) and who waits for it, in order. */
  public record ForkAt(int id, int holder, List<Integer> waiters) {
    public ForkAt {
      waiters = List.copyOf(waiters);
    }
  }

  public DinnerView {
    seated = List.copyOf(seated);
    queue = List.copyOf(queue);
    philosophers = List.copyOf(philosophers);
    forks = List.copyOf(forks);
    cycle = List.copyOf(cycle);
  }

  /**
   * One sample, or the last word. {@code doing} and {@code forks} by id; null: everyone thinking,
   * every fork on the table (a dinner that ended). A philosopher in a fork's queue is waiting for
   * it, whatever it said before. {@code footman} null: no word from him.
   */
  static DinnerView of(
      String id,
      String state,
      PhilosophersSettings settings,
      long meals,
      double seconds,
      List<Long> mealsEach,
      List<Philosopher.Doing> doing,
      List<Fork.State> forks,
      Footman.State footman) {
    int n = settings.faculty();
    List<Place> places = new ArrayList<>();
    List<ForkAt> at = new ArrayList<>();
    List<WaitFor.Link> cycle = List.of();
    if (n <= MAX_DRAWN) {
      boolean[] waits = new boolean[n];
      for (int i = 0; i < n; i++) {
        Fork.State f = forks == null || i >= forks.size() ? null : forks.get(i);
        at.add(f == null ? new ForkAt(i, -1, List.of()) : new ForkAt(i, f.holder(), f.waiters()));
        if (f != null) {
          f.waiters().forEach(w -> waits[w] = true);
        }
      }
      for (int i = 0; i < n; i++) {
        String what =
            waits[i] ? "waiting-for-fork"
                : doing == null || i >= doing.size() || doing.get(i) == null ? "thinking"
                : doing.get(i).activity().name().toLowerCase().replace('_', '-');
        places.add(new Place(i, what, i < mealsEach.size() ? mealsEach.get(i) : 0));
      }
      if (forks != null && forks.size() == n && forks.stream().allMatch(java.util.Objects::nonNull)) {
        cycle = WaitFor.cycle(List.copyOf(forks), n);
      }
    }
    return new DinnerView(
        id,
        state,
        n,
        settings.footman(),
        settings.footman() ? settings.seats() : 0,
        footman == null ? List.of() : footman.seated(),
        footman == null ? List.of() : footman.waiting(),
        meals,
        settings.isContinuous() ? -1 : settings.meals(),
        seconds,
        places,
        at,
        cycle);
  }
}
