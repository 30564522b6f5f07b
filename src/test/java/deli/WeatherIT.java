package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli weather} and {@code deli weather serve} as real processes, and the node's GET /weather. */
class WeatherIT {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");
  private static Process server;
  private static BufferedReader serverOut;
  private static final List<String> serverSaid = new ArrayList<>();
  private static String url;

  @BeforeAll
  static void startTheFixtureServer() throws Exception {
    // deli's samples for the chapter's 13 zones; Eastern Bay (ANZ540) is missing.
    server = Deli.start("weather", "serve", "--latency", "20ms", "--fault", "anz540=404");
    serverOut = Deli.stdout(server);
    Matcher m = URL.matcher(Deli.awaitLine(server, serverOut, "http://", serverSaid));
    assertTrue(m.find());
    url = m.group(1);
  }

  @AfterAll
  static void stopTheFixtureServer() throws Exception {
    server.toHandle().destroy(); // SIGTERM
    String rest = String.join("\n", serverOut.lines().toList());
    Deli.Result r = Deli.finish(server, 30);
    assertEquals(0, r.exit(), r.err());
    assertTrue(rest.contains("deli weather serve: stopped after "), rest);
  }

  @Test
  void theChaptersThirteenZonesPrintInOrderAndAFailedZoneSaysWhyInItsPlace() throws Exception {
    assertTrue(serverSaid.get(0).startsWith("serving 13 forecasts from deli's samples at " + url), serverSaid.toString());
    Deli.Result r = Deli.run("weather", "--base-url", url);
    assertEquals(1, r.exit(), "one zone failed: " + r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(14, lines.size(), r.out());
    assertEquals(
        "Chesapeake Bay from Pooles Island to Sandy Point, MD SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY",
        lines.get(0));
    assertEquals(
        "Chesapeake Bay from North Beach to Drum Point, MD GALE WARNING IN EFFECT FROM 6 PM THIS EVENING THROUGH WEDNESDAY AFTERNOON",
        lines.get(2));
    assertEquals("Tidal Potomac from Key Bridge to Indian Head, MD", lines.get(4));
    assertEquals("Eastern Bay [no forecast: HTTP 404 Not Found]", lines.get(9));
    assertTrue(lines.get(13).matches("Got 12 forecasts in \\d+\\.\\d{3} seconds"), lines.get(13));
    assertEquals(
        "deli weather: 1 of 13 zones failed from " + url + ": HTTP 404 Not Found. --allow-partial accepts a partial result",
        r.err().strip());
  }

  @Test
  void allowPartialAcceptsAPartialResultAndAZonesFileChoosesTheZones(@TempDir Path dir) throws Exception {
    Deli.Result partial = Deli.run("weather", "--base-url", url, "--allow-partial", "--quiet");
    assertEquals(0, partial.exit(), partial.err());
    assertEquals(List.of("Eastern Bay [no forecast: HTTP 404 Not Found]"), partial.out().lines().limit(1).toList());
    assertTrue(partial.out().lines().skip(1).findFirst().orElse("").startsWith("Got 12 forecasts in "), partial.out());

    Path zones = Files.writeString(dir.resolve("zones.txt"), "# two zones\nANZ531 073531 Pooles Island\nanz543 Tangier Sound\n");
    Deli.Result chosen = Deli.run("weather", "--base-url", url, "--zones", zones.toString(), "--concurrency", "1");
    assertEquals(0, chosen.exit(), chosen.err());
    List<String> lines = chosen.out().lines().toList();
    assertEquals("Pooles Island SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY", lines.get(0));
    assertEquals("Tangier Sound SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY", lines.get(1));
    assertTrue(lines.get(2).startsWith("Got 2 forecasts in "), chosen.out());
    assertEquals("", chosen.err().strip());
  }

  @Test
  void badFlagsAreUsageErrorsAndAMissingZonesFileARuntimeErrorEachInOneLine() throws Exception {
    Deli.Result bad = Deli.run("weather", "--concurrency", "0", "--base-url", "ftp://x");
    assertEquals(2, bad.exit(), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
    assertFalse(bad.err().contains("Exception"), bad.err());
    Deli.Result missing = Deli.run("weather", "--zones", "/no/such/zones.txt", "serve-not");
    assertEquals(2, missing.exit(), "a stray word is a usage error: " + missing.err());
    Deli.Result unreadable = Deli.run("weather", "--zones", "/no/such/zones.txt");
    assertEquals(1, unreadable.exit(), unreadable.err());
    assertEquals("deli weather: cannot read the zones file /no/such/zones.txt: no such file", unreadable.err().strip());
  }

  @Test
  void theNodeServesTheLatestAdvisoriesFromItsBaseUrl() throws Exception {
    List<String> cmd = Deli.command("node", "--http-port", "0", "--cluster-port", "0");
    cmd.add(1, "-Ddeli.weather.base-url=" + url);
    Process node = new ProcessBuilder(cmd).directory(new java.io.File(System.getProperty("java.io.tmpdir"))).start();
    try {
      BufferedReader out = Deli.stdout(node);
      Matcher m = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(Deli.awaitLine(node, out, " up: http://", new ArrayList<>()));
      assertTrue(m.find());
      String base = m.group(1);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> now = http.send(HttpRequest.newBuilder(URI.create(base + "/weather")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, now.statusCode(), now.body());
      // Waits for the round under way (the node fetches at start), or runs one.
      HttpResponse<String> refreshed =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/weather/refresh")).POST(HttpRequest.BodyPublishers.noBody()).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, refreshed.statusCode(), refreshed.body());
      String body = refreshed.body();
      assertTrue(body.contains("\"lastRound\":{"), body);
      assertTrue(body.contains("\"fetched\":12,\"failed\":1"), body);
      assertTrue(
          body.contains("{\"code\":\"ANZ531\",\"same\":\"073531\",\"name\":\"Chesapeake Bay from Pooles Island to Sandy Point, MD\","
              + "\"state\":\"ok\",\"advisory\":\"SMALL CRAFT ADVISORY IN EFFECT UNTIL 6 AM EST WEDNESDAY\""),
          body);
      assertTrue(body.contains("{\"code\":\"ANZ540\",\"same\":\"073540\",\"name\":\"Eastern Bay\",\"state\":\"failed\",\"error\":\"HTTP 404 Not Found\""), body);
      HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(status.body().contains("{\"name\":\"weather\",\"state\":\"up\",\"instances\":1}"), status.body());
      node.toHandle().destroy();
      assertEquals(0, Deli.finish(node, 60).exit());
    } finally {
      node.destroyForcibly();
    }
  }
}
