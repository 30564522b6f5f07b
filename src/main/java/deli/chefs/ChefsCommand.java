package deli.chefs;

import deli.core.Cli;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.DurationRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
  @Spec CommandSpec spec;
  @Mixin TraceOptions common;

  @Option(
      names = "--orders",
      paramLabel = "LIST|@FILE",
      description =
          "The orders: a comma-separated list, or @FILE with one order per line. "
              + "Default: the chapter's eight sandwiches.")
  String orders;

  @Option(
      names = "--count",
      paramLabel = "N",
      description = "N orders going round the chapter's menu (0 to 1,000,000), instead of --orders.")
  Integer count;

  @Option(
      names = "--chefs",
      paramLabel = "NAMES|N",
      description = "The chefs: comma-separated names, or a number (1 to 1024). Default: Michael,Constantine.")
  String chefs;

  @Option(
      names = "--prep",
      paramLabel = "RANGE",
      converter = Cli.RangeConverter.class,
      description = "Time to prepare one order, drawn per order, as 1s..2s or one duration. Default: 1s..2s.")
  DurationRange prep;

  @Option(names = "--seed", paramLabel = "N", description = "Seed for the prep-time draws: each order's time repeats; which chef takes it depends on timing, as with threads.")
  Long seed;

  @Option(
      names = "--fail-rate",
      paramLabel = "P",
      description = "Chance (0 to below 1) that a chef drops an order halfway and is restarted. Default: 0.")
  Double failRate;

  @Override
  public Integer call() {
    if (orders != null && count != null) {
      throw new ParameterException(spec.commandLine(), "give --orders or --count, not both");
    }
    return common.runOnce(ChefsSettings.OPTIONS, ChefsSettings::from, "kitchen", ChefsCommand::render, Kitchen::create);
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
