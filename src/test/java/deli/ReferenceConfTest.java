package deli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.chefs.ChefsSettings;
import deli.core.Bounds;
import deli.core.Options;
import deli.core.Setting;
import deli.cpu.CpuSettings;
import deli.factor.FactorSettings;
import deli.imports.ImportsSettings;
import deli.logclient.LogClientCommand;
import deli.logserver.LogServerCommand;
import deli.node.NodeCommand;
import deli.philosophers.PhilosophersSettings;
import deli.search.SearchCommand;
import deli.sleepers.SleepersSettings;
import deli.tune.TuneSettings;
import deli.weather.WeatherCommand;
import deli.weather.WeatherServeCommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every bounded setting a program declares has its bound written in reference.conf, in the
 * comment above its key: the operator reads there what a flag's help and a 400 say.
 */
class ReferenceConfTest {
  private static final List<Options> DECLARED =
      List.of(
          ChefsSettings.OPTIONS,
          SleepersSettings.OPTIONS,
          CpuSettings.OPTIONS,
          ImportsSettings.OPTIONS,
          PhilosophersSettings.OPTIONS,
          FactorSettings.OPTIONS,
          TuneSettings.OPTIONS,
          SearchCommand.OPTIONS,
          LogServerCommand.OPTIONS,
          LogClientCommand.OPTIONS,
          WeatherCommand.OPTIONS,
          WeatherServeCommand.OPTIONS,
          NodeCommand.OPTIONS);

  private static final Pattern OPEN = Pattern.compile("^\\s*([\\w-]+)\\s*\\{\\s*$");
  private static final Pattern KEY = Pattern.compile("^\\s*#?\\s*([\\w-]+)\\s*=.*$");

  /** Each key of reference.conf (set or shown commented out) with the comment lines above it. */
  private record Documented(String path, String comment) {}

  private static List<Documented> reference() throws IOException {
    String text;
    try (InputStream in = ReferenceConfTest.class.getResourceAsStream("/reference.conf")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Documented> out = new ArrayList<>();
    Deque<String> trees = new ArrayDeque<>();
    StringBuilder comment = new StringBuilder();
    for (String line : text.split("\n")) {
      Matcher open = OPEN.matcher(line);
      Matcher key = KEY.matcher(line);
      if (open.matches()) {
        trees.addLast(open.group(1));
        comment.setLength(0);
      } else if (line.strip().equals("}")) {
        trees.pollLast();
        comment.setLength(0);
      } else if (key.matches()) {
        out.add(new Documented(String.join(".", trees) + "." + key.group(1), comment.toString()));
        comment.setLength(0);
      } else if (line.strip().startsWith("#")) {
        comment.append(line.strip()).append(' ');
      } else {
        comment.setLength(0);
      }
    }
    return out;
  }

  @Test
  void everyDeclaredBoundIsWrittenAboveItsKey() throws IOException {
    List<Documented> reference = reference();
    List<String> missing = new ArrayList<>();
    for (Options options : DECLARED) {
      for (Setting s : options.settings()) {
        String path = options.path(s.key());
        Bounds b = s.bounds();
        if (b == null || !path.startsWith("deli.")) {
          continue;
        }
        String max = Bounds.number(b.max());
        boolean written =
            reference.stream().anyMatch(d -> d.path().equals(path) && d.comment().contains(max));
        if (!written) {
          missing.add(path + " (" + b.describe() + ")");
        }
      }
    }
    assertTrue(missing.isEmpty(), "bounds not written in reference.conf: " + missing);
  }
}
