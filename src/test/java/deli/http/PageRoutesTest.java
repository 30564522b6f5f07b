package deli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import deli.philosophers.PhilosophersService;
import deli.testing.InProcessNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /}, {@code /page/...} and {@code /events} over real HTTP, with and without a token. */
class PageRoutesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @TempDir Path dir;

  static HttpResponse<String> get(String url, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Reads {@code /events} until an event named {@code until} and returns its data (an SSE event
   * is a block of {@code event:} and {@code data:} lines, in any order, ended by a blank line).
   */
  static String readUntil(String url, String until, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<java.io.InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      String event = "";
      String data = "";
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("event:")) {
          event = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data = line.substring(5);
        } else if (line.isEmpty()) {
          if (event.equals(until)) {
            return data;
          }
          event = "";
          data = "";
        }
      }
      throw new AssertionError("the stream ended before a " + until + " event");
    }
  }

  @Test
  void theRootServesThePageToBrowsersAndAnIndexToJsonCallers() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, List.of(PhilosophersService.SERVICE), Map.of())) {
      HttpResponse<String> page = get(node.base + "/", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
      assertTrue(page.body().contains("<script src=\"/page/page.js\">"), page.body());
      assertEquals(200, get(node.base + "/page/page.js").statusCode());
      for (String script : List.of("table.js", "forms.js")) {
        assertTrue(page.body().contains("<script src=\"/page/" + script + "\">"), page.body());
        assertEquals(200, get(node.base + "/page/" + script).statusCode(), script);
      }
      assertEquals(200, get(node.base + "/page/page.css").statusCode());
      assertEquals(404, get(node.base + "/page/nothing.js").statusCode());

      HttpResponse<String> index = get(node.base + "/", "Accept", "application/json");
      assertEquals(200, index.statusCode());
      var json = InProcessNode.JSON.readTree(index.body());
      assertEquals("/events", json.get("events").asText());
      assertTrue(index.body().contains("\"path\":\"/philosophers\""), index.body());
      // The index is what this node answers: its own paths and its services', not every program's.
      assertTrue(index.body().contains("{\"method\":\"GET\",\"path\":\"/status\""), index.body());
      assertFalse(index.body().contains("\"path\":\"/chefs\""), index.body());
    }
  }

  @Test
  void eventsStreamTheNodesStatusAndADinnersPictures() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, List.of(PhilosophersService.SERVICE), Map.of())) {
      String status = readUntil(node.base + "/events", "status");
      assertTrue(status.contains("\"name\":\"philosophers\""), status);
      String cluster = readUntil(node.base + "/events", "cluster");
      assertTrue(cluster.contains("\"status\":\"Up\""), cluster);

      CompletableFuture<String> dinner = CompletableFuture.supplyAsync(() -> {
        try {
          return readUntil(node.base + "/events", "dinner");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      HttpResponse<String> done = node.post("/philosophers", "{\"faculty\": 3, \"servings\": 3, \"eat\": \"50ms\", \"think\": \"0\"}");
      assertEquals(200, done.statusCode(), done.body());
      String picture = dinner.get();
      assertTrue(picture.contains("\"faculty\":3"), picture);
      assertTrue(picture.contains("\"forks\":["), picture);
      // The dinner's actors are counted from their first message on (ActorMetrics is the JVM's:
      // asked before any of them had handled one, this test would depend on the tests before it).
      String metrics = readUntil(node.base + "/events", "metrics");
      assertTrue(metrics.contains("\"actorClass\":\"philosophers.Fork\""), metrics);
      // A viewer that joins after the dinner ended still sees how it ended.
      String late = readUntil(node.base + "/events", "dinner");
      assertTrue(late.contains("\"state\":\"done\"") && late.contains("\"meals\":9"), late);
    }
  }

  @Test
  void withATokenThePageAndItsEventsWantItAndABrowserKeepsItInACookie() throws Exception {
    try (InProcessNode node = InProcessNode.start(dir, List.of(PhilosophersService.SERVICE), Map.of("deli.http.token", "s3cret"))) {
      assertEquals(401, get(node.base + "/").statusCode());
      assertEquals(401, get(node.base + "/events").statusCode());
      assertEquals(401, get(node.base + "/?token=wrong").statusCode());
      assertEquals(401, get(node.base + "/status?token=s3cret").statusCode(), "a token in the address opens the page only");
      assertEquals(401, get(node.base + "/events", "Cookie", Access.COOKIE + "=wrong").statusCode());

      HttpResponse<String> opened = get(node.base + "/?token=s3cret");
      assertEquals(200, opened.statusCode());
      String cookie = opened.headers().firstValue("Set-Cookie").orElse("");
      assertTrue(cookie.startsWith(Access.COOKIE + "=s3cret"), cookie);
      assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);

      String status = readUntil(node.base + "/events", "status", "Cookie", Access.COOKIE + "=s3cret");
      assertFalse(status.isEmpty());
      assertEquals(200, get(node.base + "/status", "Cookie", Access.COOKIE + "=s3cret").statusCode());
      readUntil(node.base + "/events", "status", "Authorization", "Bearer s3cret");
    }
  }
}
