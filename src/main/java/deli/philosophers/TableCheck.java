package deli.philosophers;

import deli.trace.Trace;
import deli.trace.Traced;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of the table, checked against a stream of state changes: no two neighbours eat at
 * once, a fork has one holder at most, at most {@code seats} philosophers sit at once, a
 * philosopher eats only with both its forks and once per serving, and at the end every fork
 * and seat is back. Pure logic: the {@link Observer} feeds it.
 */
public final class TableCheck {
  private static final int KEEP = 20;

  /**
   * What the check found: the changes it saw, the most philosophers seated at once, and the
   * violations (the first few in words, and how many in all).
   */
  public record Verdict(
      Trace trace, long events, long meals, int maxSeated, int violationCount, List<String> violations)
      implements Traced {
    public Verdict {
      violations = List.copyOf(violations);
    }

    public boolean ok() {
      return violationCount == 0;
    }
  }

  private final int faculty;
  private final int seats;
  private final int[] holder;
  private final boolean[] eating;
  private final int[] lastServing;
  private final int[] seatsHeld;
  private int seated;
  private int maxSeated;
  private long events;
  private long meals;
  private int violationCount;
  private final List<String> violations = new ArrayList<>();

  /** @param seats the footman's seats; {@code faculty} or more when there is no footman */
  public TableCheck(int faculty, int seats) {
    this.faculty = faculty;
    this.seats = seats;
    this.holder = new int[faculty];
    java.util.Arrays.fill(holder, -1);
    this.eating = new boolean[faculty];
    this.lastServing = new int[faculty];
    this.seatsHeld = new int[faculty];
  }

  public void apply(Observer.Event e) {
    events++;
    if (e instanceof Observer.ForkTaken t) {
      if (holder[t.fork()] >= 0) {
        violation("fork " + t.fork() + " taken by philosopher " + t.philosopher() + " while philosopher " + holder[t.fork()] + " holds it");
      }
      if (t.fork() != t.philosopher() && t.fork() != right(t.philosopher())) {
        violation("philosopher " + t.philosopher() + " took fork " + t.fork() + ", which is not beside it");
      }
      holder[t.fork()] = t.philosopher();
    } else if (e instanceof Observer.ForkPut p) {
      if (holder[p.fork()] != p.philosopher()) {
        violation("fork " + p.fork() + " put down by philosopher " + p.philosopher() + ", who did not hold it");
      }
      holder[p.fork()] = -1;
    } else if (e instanceof Observer.EatingStarted s) {
      onEatingStarted(s);
    } else if (e instanceof Observer.EatingStopped s) {
      if (!eating[s.philosopher()]) {
        violation("philosopher " + s.philosopher() + " stopped eating without having started");
      }
      eating[s.philosopher()] = false;
    } else if (e instanceof Observer.SeatGranted g) {
      seated++;
      seatsHeld[g.philosopher()]++;
      maxSeated = Math.max(maxSeated, seated);
      if (seated > seats) {
        violation(seated + " philosophers seated at once, more than the " + seats + " seats");
      }
    } else if (e instanceof Observer.SeatReleased r) {
      if (seatsHeld[r.philosopher()] == 0) {
        violation("philosopher " + r.philosopher() + " gave back a seat it did not have");
      } else {
        seatsHeld[r.philosopher()]--;
        seated--;
      }
    } else if (e instanceof Observer.ProtocolError p) {
      violation(p.what());
    }
  }

  private void onEatingStarted(Observer.EatingStarted s) {
    int p = s.philosopher();
    int left = (p + faculty - 1) % faculty;
    int right = right(p);
    if (eating[left] || eating[right]) {
      violation("philosopher " + p + " started eating while its neighbour " + (eating[left] ? left : right) + " was eating");
    }
    if (holder[p] != p || holder[right] != p) {
      violation("philosopher " + p + " started eating without holding forks " + p + " and " + right);
    }
    if (seats < faculty && seatsHeld[p] == 0) {
      violation("philosopher " + p + " started eating without a seat");
    }
    if (s.serving() != lastServing[p] + 1) {
      violation("philosopher " + p + " ate in serving " + s.serving() + " after serving " + lastServing[p]);
    }
    lastServing[p] = s.serving();
    eating[p] = true;
    meals++;
  }

  /**
   * The verdict, counting what is still wrong at the end: forks or seats not back, someone
   * still eating, or (when {@code expectedServings >= 0}) a philosopher who did not eat once
   * in each serving.
   */
  public Verdict verdict(Trace trace, int expectedServings) {
    List<String> atEnd = new ArrayList<>();
    for (int f = 0; f < faculty; f++) {
      if (holder[f] >= 0) {
        atEnd.add("at the end, fork " + f + " is still held by philosopher " + holder[f]);
      }
      if (eating[f]) {
        atEnd.add("at the end, philosopher " + f + " is still eating");
      }
      if (expectedServings >= 0 && lastServing[f] != expectedServings) {
        atEnd.add("philosopher " + f + " ate in " + lastServing[f] + " servings of " + expectedServings);
      }
    }
    if (seated != 0) {
      atEnd.add("at the end, " + seated + " philosophers are still seated");
    }
    List<String> shown = new ArrayList<>(violations);
    for (String s : atEnd) {
      if (shown.size() < KEEP) {
        shown.add(s);
      }
    }
    return new Verdict(trace, events, meals, maxSeated, violationCount + atEnd.size(), shown);
  }

  private int right(int p) {
    return (p + 1) % faculty;
  }

  private void violation(String what) {
    violationCount++;
    if (violations.size() < KEEP) {
      violations.add(what);
    }
  }
}
