package deli.chefs;

import com.typesafe.config.Config;
import deli.core.Bounds;
import deli.core.DurationRange;
import deli.core.Options;
import deli.core.Setting;
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
  /** A chef that always failed would never make an order: the chance stays below 1. */
  public static final Bounds FAIL_RATE = Bounds.below(0, 1);
  /** The most orders {@code count} makes: the list is built in memory. */
  public static final int MAX_COUNT = 1_000_000;

  /** The settings under {@code deli.chefs}, their flags and bounds: the command's and the body's. */
  public static final Options OPTIONS =
      Options.of(
          "deli.chefs",
          Setting.list("orders").flags("--orders").type(String.class).fromFlag(f -> Menu.orders((String) f))
              .help("LIST|@FILE", "The orders: a comma-separated list, or @FILE with one order per line. Default: "
                  + "the chapter's eight sandwiches."),
          Setting.integer("count", 0, MAX_COUNT).flags("--count")
              .help("N", "N orders going round the chapter's menu (0 to 1,000,000), instead of --orders."),
          Setting.list("chefs").flags("--chefs").type(String.class).fromFlag(f -> Menu.chefs((String) f))
              .help("NAMES|N", "The chefs: comma-separated names, or a number (1 to 1024). Default: "
                  + "Michael,Constantine."),
          Setting.range("prep").flags("--prep")
              .help("RANGE", "Time to prepare one order, drawn per order, as 1s..2s or one duration. Default: "
                  + "1s..2s."),
          Setting.integer("seed").flags("--seed")
              .help("N", "Seed for the prep-time draws: each order's time repeats; which chef takes it depends on "
                  + "timing, as with threads."),
          Setting.number("fail-rate", FAIL_RATE).flags("--fail-rate")
              .help("P", "Chance (0 to below 1) that a chef drops an order halfway and is restarted. Default: 0."));

  public ChefsSettings {
    orders = List.copyOf(orders);
    chefs = List.copyOf(chefs);
    if (chefs.isEmpty() || chefs.size() > MAX_CHEFS) {
      throw new IllegalArgumentException("chefs must number 1 to " + MAX_CHEFS + ", not " + chefs.size());
    }
    if (new java.util.HashSet<>(chefs).size() != chefs.size()) {
      throw new IllegalArgumentException("chef names must differ: " + String.join(", ", chefs));
    }
    FAIL_RATE.check("fail-rate", failRate);
  }

  public static ChefsSettings from(Config c) {
    List<String> orders =
        c.hasPath("count") ? Menu.cycle((int) Bounds.of(0, MAX_COUNT).check("count", c.getLong("count"))) : c.getStringList("orders");
    return new ChefsSettings(
        orders,
        c.getStringList("chefs"),
        Settings.range(c, "prep"),
        c.hasPath("seed") ? OptionalLong.of(c.getLong("seed")) : OptionalLong.empty(),
        c.getDouble("fail-rate"));
  }
}
