package deli.chefs;

import deli.core.Flags;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deli chefs}: the chapter's sandwich chefs, as actors. */
@Command(
    name = "chefs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sandwich chefs pull orders from an order desk (the chapter's Chef threads).",
      "",
      "The chapter's sandwich chefs (section \"Потоки\"): Chef actors pull one order at a time "
          + "from an OrderDesk actor, prepare it with CPU-bound work on the CPU dispatcher, and "
          + "put the plate on a Tray actor. Every order is made exactly once; a chef that fails "
          + "is restarted and its order goes back to the desk.",
      "",
      "Prints '<monotonic seconds> <chef> made <order>' per plate, then orders per chef."
    })
public final class ChefsCommand implements Callable<Integer> {
  @Mixin Flags flags = new Flags(ChefsSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Override
  public Integer call() {
    if (flags.given("orders").isPresent() && flags.given("count").isPresent()) {
      throw flags.error("give --orders or --count, not both");
    }
    return common.runOnce(flags, ChefsSettings::from, "kitchen", ChefsCommand::render, Kitchen::create);
  }

  /** The chapter's lines for each plate, and a summary at the end. */
  static Output render(Kitchen.Event event) {
    if (event instanceof Kitchen.PlateMade p) {
      return Output.line(String.format(Locale.ROOT, "%.3f %s made %s", p.at(), p.chef(), p.order().name()));
    }
    Kitchen.KitchenClosed c = (Kitchen.KitchenClosed) event;
    return Output.end(summary(c), c.duplicates() == 0 ? 0 : 1);
  }

  static List<String> summary(Kitchen.KitchenClosed c) {
    Map<String, List<String>> byChef = new LinkedHashMap<>();
    c.chefs().forEach(chef -> byChef.put(chef, new ArrayList<>()));
    c.plates().forEach(p -> byChef.get(p.chef()).add(p.order().name()));
    List<String> lines = new ArrayList<>();
    boolean brief = c.plates().size() > 64;
    byChef.forEach(
        (chef, made) ->
            lines.add(
                chef
                    + " made "
                    + made.size()
                    + (made.size() == 1 ? " order" : " orders")
                    + (brief || made.isEmpty() ? "" : ": " + String.join(", ", made))));
    lines.add(
        String.format(
            Locale.ROOT,
            "%d %s made by %d %s in %.3f s",
            c.plates().size(),
            c.plates().size() == 1 ? "order" : "orders",
            c.chefs().size(),
            c.chefs().size() == 1 ? "chef" : "chefs",
            c.nanos() / 1e9));
    if (c.returned() > 0) {
      lines.add(c.returned() + " orders went back to the desk when their chef failed, and were made again");
    }
    if (c.duplicates() > 0) {
      lines.add("ERROR: " + c.duplicates() + " orders were made twice");
    }
    return lines;
  }
}
