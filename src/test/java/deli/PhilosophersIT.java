package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli philosophers} as a user runs it: the built jar, on the command line and on a node. */
class PhilosophersIT {

  @Test
  void theDinnerPrintsTheChaptersLinesAndEachServingsResultsInIdOrder() throws Exception {
    Deli.Result r = Deli.run("philosophers", "--eat", "0..5ms", "--think", "0..5ms", "--seed", "42");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    for (int id = 0; id < 5; id++) {
      String eating = id + " eating";
      String thinking = id + " philosophizing";
      assertEquals(5, lines.stream().filter(eating::equals).count(), r.out());
      assertEquals(5, lines.stream().filter(thinking::equals).count(), r.out());
    }
    String tuple = "\\(%d, \\d+\\.\\d{3}, \\d+\\.\\d{3}\\)";
    String results = "\\[" + String.join(", ", List.of(0, 1, 2, 3, 4).stream().map(i -> String.format(tuple, i)).toList()) + "\\]";
    assertEquals(5, lines.stream().filter(l -> l.matches(results)).count(), r.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("5 philosophers dined 5 servings with a footman seating 4: 25 meals in "), r.out());
  }

  @Test
  void theNaiveTableDeadlocksAndDeliPrintsTheWaitForCycleAndExitsWithThree() throws Exception {
    Deli.Result r = Deli.run("philosophers", "--no-footman", "--eat", "0", "--think", "0", "--deadlock-after", "200ms");
    assertEquals(3, r.exit(), r.out() + r.err());
    assertTrue(r.out().startsWith("deadlock: no one has eaten for "), r.out());
    for (int p = 0; p < 5; p++) {
      String link = "  philosopher " + p + " holds fork " + p + " and waits for fork " + (p + 1) % 5 + ", held by philosopher " + (p + 1) % 5;
      assertTrue(r.out().lines().anyMatch(link::equals), link + " in " + r.out());
    }
    assertFalse(r.err().contains("Exception"), r.err());
  }

  @Test
  void aQuietTimelessCheckedDinnerWithFailuresPrintsOnlyItsSummary() throws Exception {
    Deli.Result r =
        Deli.run("philosophers", "--eat", "0", "--think", "0", "--servings", "2000", "--fail-rate", "0.05", "--check", "--quiet");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).matches("5 philosophers dined 2,000 servings with a footman seating 4: 10,000 meals in [0-9.]+ s \\([0-9,.]+ meals/s\\)"), lines.get(0));
    assertTrue(lines.get(1).matches("[0-9,]+ philosophers failed and were started again; [0-9,]+ forks and [0-9,]+ seats came back from them"), lines.get(1));
    assertTrue(lines.get(2).startsWith("checked "), lines.get(2));
    assertTrue(lines.get(2).endsWith("no neighbours ate at once, no fork was in two hands, at most 4 of 5 sat at once, each ate once in every serving, every fork and seat came back"), lines.get(2));
    assertEquals("", r.err());
  }

  @Test
  void badSettingsAreUsageErrorsInOneLine() throws Exception {
    for (String[] args :
        new String[][] {
          {"philosophers", "--faculty", "1"}, {"philosophers", "--eat", "soon"}, {"philosophers", "--fail-rate", "1"}, {"philosophers", "--servings", "-1"}, {"philosophers", "--servings", "3", "--continuous", "1s"}
        }) {
      Deli.Result r = Deli.run(args);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      if (args[1].equals("--faculty")) {
        assertTrue(r.err().contains("faculty must be 2 to 100,000, not 1"), r.err());
      }
    }
  }

  @Test
  void aTracedDinnerDrawsTheFootmanTheForksAndThePhilosophers(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.jsonl");
    Deli.Result run = Deli.run("philosophers", "--faculty", "3", "--servings", "1", "--eat", "0", "--think", "0", "--trace", trace.toString());
    assertEquals(0, run.exit(), run.err());
    Deli.Result drawn = Deli.run("trace", trace.toString());
    assertEquals(0, drawn.exit(), drawn.err());
    String d = drawn.out();
    for (String lifeline : List.of("dinner", "dinner/footman", "dinner/fork-0", "dinner/fork-2", "dinner/philosopher-0", "dinner/philosopher-2")) {
      assertTrue(d.lines().anyMatch(l -> l.matches("    participant p\\d+ as " + lifeline)), lifeline + " in " + d);
    }
    for (String message : List.of("Serve", "Sit", "Seated", "Take", "Taken", "Put", "Leave", "Dined")) {
      assertTrue(d.contains(": " + message + "\n"), message + " in " + d);
    }
  }

  @Test
  void theNodeServesADinnerAsJsonAndRefusesBadParameters() throws Exception {
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0");
    try {
      BufferedReader out = Deli.stdout(p);
      String up = Deli.awaitLine(p, out, " up: http://", new ArrayList<>());
      assertTrue(up.contains("philosophers"), up);
      Matcher m = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(up);
      assertTrue(m.find(), up);
      String url = m.group(1) + "/philosophers";

      HttpResponse<String> dinner = post(url, "{\"faculty\": 3, \"servings\": 2, \"eat\": \"0..2ms\", \"think\": \"0\", \"seed\": 1, \"check\": true}");
      assertEquals(200, dinner.statusCode(), dinner.body());
      String body = dinner.body();
      assertTrue(body.contains("\"outcome\":\"done\""), body);
      assertTrue(body.contains("\"meals\":6"), body);
      assertTrue(body.contains("\"mealsEach\":[2,2,2]"), body);
      assertEquals(6, body.split("\"think\":").length - 1, body);
      assertTrue(body.contains("\"check\":{\"ok\":true"), body);

      HttpResponse<String> naive = post(url, "{\"footman\": false, \"eat\": \"0\", \"think\": \"0\", \"deadlock-after\": \"100ms\"}");
      assertEquals(200, naive.statusCode(), naive.body());
      assertTrue(naive.body().contains("\"outcome\":\"deadlock\""), naive.body());
      assertTrue(naive.body().contains("{\"philosopher\":4,\"holds\":4,\"waitsFor\":0,\"heldBy\":0}"), naive.body());

      for (String bad : List.of("{\"faculty\": 1}", "{\"eat\": \"soon\"}", "{\"quiet\": true}", "[1, 2]")) {
        HttpResponse<String> r = post(url, bad);
        assertEquals(400, r.statusCode(), bad + ": " + r.body());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
