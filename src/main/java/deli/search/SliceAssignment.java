package deli.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Which member of a cluster holds which slice of a tree: a pure function of the number of
 * slices and the set of members serving the tree, so every node computes the same split from
 * the same membership and no coordinator is needed. Each slice goes to the member that ranks it
 * highest (rendezvous hashing on the member's address and the slice), unless that member
 * already holds its share (the shares differ by one at most): the split stays balanced, and when a
 * member leaves or joins, most slices stay where they are loaded.
 */
public final class SliceAssignment {
  private SliceAssignment() {}

  /** The owner of each slice {@code 0..slices-1}; {@code members} in any order, at least one. */
  public static List<String> owners(int slices, Collection<String> members) {
    if (slices < 1) {
      throw new IllegalArgumentException("slices must be at least 1, not " + slices);
    }
    List<String> sorted = new ArrayList<>(new TreeSet<>(members));
    if (sorted.isEmpty()) {
      throw new IllegalArgumentException("no member to hold the slices");
    }
    int m = sorted.size();
    // Each member holds base slices, and `extra` of them one more: whichever get there first.
    int base = slices / m;
    int extra = slices % m;
    int atMost = 0;
    long[] seeds = new long[m];
    for (int j = 0; j < m; j++) {
      seeds[j] = fnv(sorted.get(j));
    }
    int[] load = new int[m];
    List<String> owners = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      int best = -1;
      long bestScore = 0;
      for (int j = 0; j < m; j++) {
        if (load[j] > base || (load[j] == base && atMost == extra)) {
          continue;
        }
        long score = mix(seeds[j] ^ (0x9E3779B97F4A7C15L * (s + 1)));
        // Members come sorted, so a tie goes the same way everywhere.
        if (best < 0 || Long.compareUnsigned(score, bestScore) > 0) {
          best = j;
          bestScore = score;
        }
      }
      if (++load[best] > base) {
        atMost++;
      }
      owners.add(sorted.get(best));
    }
    return List.copyOf(owners);
  }

  /** The slices {@code member} holds, in order; empty when it is not among {@code members}. */
  public static List<Integer> slicesOf(String member, int slices, Collection<String> members) {
    List<String> owners = owners(slices, members);
    List<Integer> mine = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      if (owners.get(s).equals(member)) {
        mine.add(s);
      }
    }
    return List.copyOf(mine);
  }

  // FNV-1a over the UTF-8 bytes: the same on every JVM, unlike identity hashes.
  private static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  // SplitMix64's finalizer: nearby inputs give unrelated scores.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
