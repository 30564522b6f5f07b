package deli.chefs;

import deli.core.Bounds;
import deli.core.Failures;
import deli.core.DeliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The chapter's orders and chefs, and the ways a user writes other ones. */
public final class Menu {
  /** The chapter's {@code THE_ORDERS}. */
  public static final List<String> THE_ORDERS =
      List.of(
          "Reuben",
          "Ham and Cheese",
          "Monte Cristo",
          "Tuna Melt",
          "Cuban",
          "Grilled Cheese",
          "French Dip",
          "BLT");

  /** The chapter's two chefs, Mo and Constantine. */
  public static final List<String> THE_CHEFS = List.of("Michael", "Constantine");

  private Menu() {}

  /**
   * Orders written on the command line: {@code @FILE} reads one order per line (blank lines
   * and {@code #} comments skipped), anything else is a comma-separated list.
   */
  public static List<String> orders(String spec) {
    if (spec.startsWith("@")) {
      Path file = Path.of(spec.substring(1));
      try {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(t);
          }
        }
        return List.copyOf(out);
      } catch (IOException e) {
        throw new DeliException("cannot read the orders file " + file + ": " + Failures.describe(e));
      }
    }
    return split(spec);
  }

  /** {@code count} orders going round the chapter's menu: Reuben, Ham and Cheese, ... */
  public static List<String> cycle(int count) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(THE_ORDERS.get(i % THE_ORDERS.size()));
    }
    return out;
  }

  /**
   * Chefs written on the command line: a number N gives N chefs (the chapter's two first,
   * then {@code Chef 3}, {@code Chef 4}, ...); anything else is a comma-separated list of names.
   */
  public static List<String> chefs(String spec) {
    String t = spec.strip();
    if (t.matches("\\d+")) {
      // Bounded before the list is built: a number is all it takes to ask for a billion chefs.
      Bounds bounds = Bounds.of(1, ChefsSettings.MAX_CHEFS);
      if (t.length() > 9 || !bounds.contains(Long.parseLong(t))) {
        throw new IllegalArgumentException("chefs must be " + bounds.describe() + ", not " + t);
      }
      int n = Integer.parseInt(t);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(i < THE_CHEFS.size() ? THE_CHEFS.get(i) : "Chef " + (i + 1));
      }
      return out;
    }
    return split(t);
  }

  private static List<String> split(String spec) {
    List<String> out = new ArrayList<>();
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return List.copyOf(out);
  }
}
