package deli.sleepers;

import deli.core.Flags;
import deli.trace.TraceOptions;
import deli.core.Console.Output;
import deli.core.Durations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code deli sleepers}: the chapter's {@code random_sleep} and {@code gather}, as actors. */
@Command(
    name = "sleepers",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "N sleepers on timers, gathered (the chapter's random_sleep and gather).",
      "",
      "The chapter's random_sleep and asyncio.gather (section \"AsyncIO в действии\"): N Sleeper "
          + "actors each sleep a random time on a timer (no thread sleeps) and a parent gathers "
          + "them, so the whole takes about the longest delay, not the sum."
    })
public final class SleepersCommand implements Callable<Integer> {
  @Mixin Flags flags = new Flags(SleepersSettings.OPTIONS);
  @Mixin TraceOptions common;

  @Override
  public Integer call() {
    return common.runOnce(flags, SleepersSettings::from, "sleepers", SleepersCommand::render, Sleepers::create);
  }

  /** The chapter's lines. */
  static Output render(Sleepers.Event event) {
    if (event instanceof Sleepers.Started s) {
      List<String> lines = new ArrayList<>(s.delays().size() + 2);
      lines.add("Creating " + s.delays().size() + " tasks");
      lines.add("Waiting for " + s.delays().size() + " tasks");
      for (int i = 0; i < s.delays().size(); i++) {
        lines.add(String.format(Locale.ROOT, "%d sleeps for %.2f seconds", i, Durations.seconds(s.delays().get(i))));
      }
      return Output.lines(lines);
    }
    if (event instanceof Sleepers.Awakened a) {
      return Output.line(a.id() + " awakens, refreshed");
    }
    Sleepers.AllAwake all = (Sleepers.AllAwake) event;
    return Output.end(
        List.of(
            "Done with the sleepers",
            String.format(
                Locale.ROOT,
                "%d sleepers in %.3f s: the longest delay was %.3f s, the delays add up to %.3f s",
                all.count(),
                all.wallNanos() / 1e9,
                Durations.seconds(all.longest()),
                Durations.seconds(all.total()))),
        0);
  }
}
