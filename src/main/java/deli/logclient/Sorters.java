package deli.logclient;

import java.util.Locale;

/**
 * The chapter's sorters, counting their steps: {@code BogoSort} tries the permutations of the
 * data in itertools.permutations order until one is ordered (n! of them at worst);
 * {@code GnomeSort} walks the list back and forth, swapping neighbours. Both sort in place.
 */
public enum Sorters {
  GNOME("GnomeSort") {
    @Override
    public long sort(double[] a) {
      long steps = 0;
      int pos = 0;
      while (pos < a.length) {
        if (pos == 0 || a[pos] >= a[pos - 1]) {
          pos++;
        } else {
          double t = a[pos];
          a[pos] = a[pos - 1];
          a[pos - 1] = t;
          pos--;
        }
        steps++;
      }
      return steps;
    }
  },
  BOGO("BogoSort") {
    @Override
    public long sort(double[] a) {
      int n = a.length;
      double[] data = a.clone();
      int[] indices = new int[n];
      int[] cycles = new int[n];
      for (int i = 0; i < n; i++) {
        indices[i] = i;
        cycles[i] = n - i;
      }
      // The chapter counts the start as step 0 when already ordered, then one per permutation.
      long steps = 0;
      if (ordered(a)) {
        return 0;
      }
      // itertools.permutations(data): the identity first, then lexicographic order of positions.
      fill(a, data, indices);
      steps++;
      while (!ordered(a)) {
        if (!next(indices, cycles, n)) {
          throw new IllegalStateException("no permutation is ordered");
        }
        fill(a, data, indices);
        steps++;
      }
      return steps;
    }
  };

  /** The class name the chapter's logger carries: {@code app_<id>.GnomeSort}. */
  public final String className;

  Sorters(String className) {
    this.className = className;
  }

  /** Sorts {@code a} in place; returns the steps taken. */
  public abstract long sort(double[] a);

  /** {@code gnome} or {@code bogo}, as the command line writes it. */
  public static Sorters parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("sorter must be gnome or bogo, not '" + name + "'");
    }
  }

  static boolean ordered(double[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i - 1] > a[i]) {
        return false;
      }
    }
    return true;
  }

  private static void fill(double[] a, double[] data, int[] indices) {
    for (int i = 0; i < a.length; i++) {
      a[i] = data[indices[i]];
    }
  }

  /** The next permutation of positions, as CPython's itertools.permutations computes it. */
  private static boolean next(int[] indices, int[] cycles, int n) {
    for (int i = n - 1; i >= 0; i--) {
      cycles[i]--;
      if (cycles[i] == 0) {
        int first = indices[i];
        System.arraycopy(indices, i + 1, indices, i, n - i - 1);
        indices[n - 1] = first;
        cycles[i] = n - i;
      } else {
        int j = n - cycles[i];
        int t = indices[i];
        indices[i] = indices[j];
        indices[j] = t;
        return true;
      }
    }
    return false;
  }
}
