package deli.weather;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** NWS coastal waters forecasts written for the tests, in the shape the NWS publishes them. */
final class ForecastDocs {
  private ForecastDocs() {}

  /** A zone forecast; {@code advisory} ("" for none) is wrapped at 66 columns as the NWS does. */
  static String forecast(Zone zone, String advisory) {
    List<String> lines = new ArrayList<>();
    lines.add("Expires:202611251015;;509212");
    lines.add("FZUS51 KLWX 250327");
    lines.add("CWFLWX");
    lines.add("");
    lines.add("Coastal Waters Forecast for Chesapeake Bay and Tidal Potomac");
    lines.add("National Weather Service Baltimore MD/Washington DC");
    lines.add("1027 PM EST Tue Nov 24 2026");
    lines.add("");
    lines.add(zone.code() + "-251015-");
    lines.add(zone.name() + "-");
    lines.add("1027 PM EST Tue Nov 24 2026");
    lines.add("");
    if (!advisory.isEmpty()) {
      lines.addAll(wrap("..." + advisory + "..."));
      lines.add("");
    }
    lines.addAll(wrap(".OVERNIGHT...S winds 10 to 15 kt with gusts up to 20 kt. Waves 1 to 2 ft."));
    lines.addAll(wrap(".WED...SW winds 15 to 20 kt with gusts up to 25 kt. Waves 2 to 3 ft. A chance of showers."));
    lines.addAll(wrap(".WED NIGHT...W winds 10 to 15 kt. Waves 1 to 2 ft."));
    lines.addAll(wrap(".THU...NW winds 5 to 10 kt. Waves 1 foot or less."));
    lines.add("");
    lines.add("$$");
    lines.add("");
    return String.join("\n", lines);
  }

  static List<String> wrap(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > 66) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    out.add(line.toString());
    return out;
  }

  /** A test resource from src/test/resources/weather. */
  static String resource(String name) {
    try (InputStream in = ForecastDocs.class.getResourceAsStream("/weather/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One of deli's built-in samples. */
  static String sample(String code) {
    try (InputStream in = ForecastDocs.class.getResourceAsStream("/deli/weather/samples/" + code.toLowerCase(Locale.ROOT) + ".txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path dir, Zone zone, String document) {
    try {
      Files.writeString(dir.resolve(zone.code().toLowerCase(Locale.ROOT) + ".txt"), document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code n} zones ANZ000, ANZ001, ... (as the chapter's program makes them for load), half with an advisory. */
  static List<Zone> manyZones(Path dir, int n) {
    List<Zone> zones = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Zone z = new Zone("Zone " + i, String.format(Locale.ROOT, "ANZ%03d", i), String.format(Locale.ROOT, "073%03d", i));
      zones.add(z);
      write(dir, z, forecast(z, i % 2 == 0 ? "SMALL CRAFT ADVISORY IN EFFECT UNTIL " + (i % 12 + 1) + " PM EST WEDNESDAY" : ""));
    }
    return zones;
  }
}
