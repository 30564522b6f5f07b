package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code deli node} as a real process: starts, answers, stops on SIGTERM. */
class NodeIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theNodeStartsAnswersHealthAndStatusAndStopsOnSigtermWithExitZero() throws Exception {
    Path log = Files.createTempFile("deli-node", ".log");
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0", "--log-port", "0", "--log-out", log.toString());
    try {
      BufferedReader out = Deli.stdout(p);
      List<String> seen = new ArrayList<>();
      String up = Deli.awaitLine(p, out, " up: http://", seen);
      Matcher m = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(up);
      assertTrue(m.find(), up);
      String base = m.group(1);

      HttpResponse<String> health = get(base + "/health");
      assertEquals(200, health.statusCode());
      assertTrue(health.body().contains("\"status\":\"ok\""), health.body());

      HttpResponse<String> status = get(base + "/status");
      assertEquals(200, status.statusCode());
      for (String service : List.of("chefs", "sleepers", "cpu", "imports", "weather", "logserver", "factor", "philosophers")) {
        assertTrue(status.body().contains("{\"name\":\"" + service + "\",\"state\":\"up\""), status.body());
      }
      assertFalse(status.body().contains("\"name\":\"search\""), "no tree, no search service: " + status.body());

      HttpResponse<String> chefs = post(base + "/chefs", "{\"count\": 20, \"prep\": \"0\", \"chefs\": [\"A\", \"B\", \"C\"]}");
      assertEquals(200, chefs.statusCode(), chefs.body());
      assertTrue(chefs.headers().firstValue("X-Trace-Id").isPresent());
      assertEquals(20, chefs.body().split("\"order\"").length - 1, chefs.body());

      HttpResponse<String> bad = post(base + "/chefs", "{\"prep\": \"soon\"}");
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().startsWith("{\"error\":"), bad.body());
      HttpResponse<String> noSearch = get(base + "/search?q=x");
      assertEquals(503, noSearch.statusCode(), "a node started without --search-root serves no search");
      assertTrue(noSearch.body().contains("--search-root"), noSearch.body());
      HttpResponse<String> missing = get(base + "/nowhere");
      assertEquals(404, missing.statusCode());
      assertTrue(missing.body().startsWith("{\"error\":"), missing.body());

      p.toHandle().destroy(); // SIGTERM, leaving our end of its pipes open
      String rest = String.join("\n", seen) + "\n" + String.join("\n", out.lines().toList());
      Deli.Result r = Deli.finish(p, 60);
      assertEquals(0, r.exit(), r.err());
      assertTrue(rest.contains("stopping (SIGTERM)"), rest);
      assertTrue(rest.contains("deli node stopped"), rest);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  @Test
  void aPortAlreadyInUseIsAClearErrorWithExitOne() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Deli.Result r =
          Deli.finish(Deli.start("node", "--http-port", String.valueOf(taken.getLocalPort()), "--cluster-port", "0"), 60);
      assertEquals(1, r.exit(), r.out() + r.err());
      assertTrue(r.err().contains("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort()), r.err());
      assertTrue(r.err().contains("another process holds the port: --http-port moves it"), r.err());
      assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
  }
}
