package deli.chefs;

import com.typesafe.config.Config;
import deli.core.DurationRange;
import deli.core.Settings;
import java.util.List;
import java.util.OptionalLong;

/**
 * The settings of {@code deli chefs}, read once from {@code deli.chefs}.
 *
 * @param orders the orders at the desk, in the order chefs pull them
 * @param chefs the chefs' names
 * @param prep how long one order takes to prepare, drawn per order
 * @param seed the seed of the draws, when a run must repeat
 * @param failRate the chance that a chef fails halfway through an order (fault injection)
 */
public record ChefsSettings(
    List<String> orders, List<String> chefs, DurationRange prep, OptionalLong seed, double failRate) {

  public static final int MAX_CHEFS = 1024;

  public ChefsSettings {
    orders = List.copyOf(orders);
    chefs = List.copyOf(chefs);
    if (chefs.isEmpty() || chefs.size() > MAX_CHEFS) {
      throw new IllegalArgumentException("chefs must number 1 to " + MAX_CHEFS + ", not " + chefs.size());
    }
    if (new java.util.HashSet<>(chefs).size() != chefs.size()) {
      throw new IllegalArgumentException("chef names must differ: " + String.join(", ", chefs));
    }
    if (!(failRate >= 0 && failRate < 1)) {
      throw new IllegalArgumentException("fail-rate must be at least 0 and below 1, not " + failRate);
    }
  }

  public static ChefsSettings from(Config c) {
    List<String> orders =
        c.hasPath("count") ? Menu.cycle(Settings.atLeast(c, "count", 0)) : c.getStringList("orders");
    return new ChefsSettings(
        orders,
        c.getStringList("chefs"),
        Settings.range(c, "prep"),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty(),
        c.getDouble("fail-rate"));
  }
}
