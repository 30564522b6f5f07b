package deli.philosophers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The wait-for graph of the table: each waiting philosopher points at the holder of the fork
 * it waits for. A cycle in it is a deadlock: everyone in it holds a fork and waits, in a ring,
 * for the next one's. Pure logic over the forks' states.
 */
public final class WaitFor {

  /** One link of a cycle: {@code philosopher} holds {@code holds} and waits for {@code waitsFor}, held by {@code heldBy}. */
  public record Link(int philosopher, int holds, int waitsFor, int heldBy) {
    @Override
    public String toString() {
      return "philosopher " + philosopher + " holds fork " + holds + " and waits for fork " + waitsFor
          + ", held by philosopher " + heldBy;
    }
  }

  private WaitFor() {}

  /**
   * The first cycle among {@code forks}' states, starting at its lowest philosopher; empty
   * when there is none. Philosophers are numbered {@code 0..faculty-1}.
   */
  public static List<Link> cycle(List<Fork.State> forks, int faculty) {
    int[] waitsFor = new int[faculty];
    Arrays.fill(waitsFor, -1);
    int[] holderOf = new int[forks.size()];
    for (Fork.State f : forks) {
      holderOf[f.fork()] = f.holder();
      for (int w : f.waiters()) {
        waitsFor[w] = f.fork();
      }
    }
    // Follow each philosopher's single out-edge; colour 1 = on the current path, 2 = done.
    int[] colour = new int[faculty];
    for (int start = 0; start < faculty; start++) {
      int p = start;
      List<Integer> path = new ArrayList<>();
      while (p >= 0 && colour[p] == 0) {
        colour[p] = 1;
        path.add(p);
        int fork = waitsFor[p];
        p = fork < 0 ? -1 : holderOf[fork];
      }
      if (p >= 0 && colour[p] == 1) {
        List<Integer> ring = path.subList(path.indexOf(p), path.size());
        return links(ring, waitsFor, holderOf);
      }
      path.forEach(q -> colour[q] = 2);
    }
    return List.of();
  }

  private static List<Link> links(List<Integer> ring, int[] waitsFor, int[] holderOf) {
    int lowest = ring.indexOf(ring.stream().min(Integer::compare).orElseThrow());
    int n = ring.size();
    List<Link> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int p = ring.get((lowest + i) % n);
      int previous = ring.get((lowest + i + n - 1) % n);
      out.add(new Link(p, waitsFor[previous], waitsFor[p], holderOf[waitsFor[p]]));
    }
    return List.copyOf(out);
  }
}
