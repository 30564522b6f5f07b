package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli node --search-root DIR}: the tree stays loaded and GET /search answers from it. */
class SearchNodeIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void theNodeKeepsItsTreeLoadedAndAnswersSearchesAsJson(@TempDir Path dir) throws Exception {
    for (int i = 0; i < 30; i++) {
      Files.writeString(dir.resolve("m" + i + ".py"), "import os\n".repeat(i % 3 + 1) + "def f" + i + "(): pass  \n");
    }
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0", "--search-root", dir.toString());
    try {
      BufferedReader out = Deli.stdout(p);
      List<String> seen = new ArrayList<>();
      Matcher m = Pattern.compile("(http://[0-9.]+:\\d+)").matcher(Deli.awaitLine(p, out, " up: http://", seen));
      assertTrue(m.find());
      String base = m.group(1);
      assertTrue(seen.get(seen.size() - 1).contains("search"), seen.toString());

      HttpResponse<String> r = get(base + "/search?q=import&limit=5");
      assertEquals(200, r.statusCode(), r.body());
      JsonNode body = JSON.readTree(r.body());
      assertEquals("import", body.get("query").asText());
      assertEquals(30, body.get("files").asInt());
      assertEquals(60, body.get("matches").asInt());
      assertEquals(5, body.get("returned").asInt());
      assertTrue(body.get("truncated").asBoolean());
      assertTrue(body.get("complete").asBoolean());
      JsonNode first = body.get("results").get(0);
      assertEquals("m0.py", first.get("file").asText());
      assertEquals(1, first.get("line").asInt());
      assertEquals("import os", first.get("text").asText());
      assertTrue(r.headers().firstValue("X-Trace-Id").isPresent());
      String loaded = seen.stream().filter(l -> l.contains("search holds")).findFirst().orElse(null);
      if (loaded == null) {
        loaded = Deli.awaitLine(p, out, "search holds", seen);
      }
      assertTrue(loaded.contains("search holds 30 files") && loaded.contains(dir.toString()), loaded);

      JsonNode defs = JSON.readTree(get(base + "/search?q=" + q("(): pass") + "&limit=100").body());
      assertEquals(30, defs.get("returned").asInt());
      assertEquals("def f0(): pass", defs.get("results").get(0).get("text").asText(), "lines come back right-stripped");
      JsonNode counts = JSON.readTree(get(base + "/search?q=IMPORT&ignore-case=true&count=true").body());
      JsonNode m1 = counts.get("counts").get(1);
      assertEquals("m1.py", m1.get("file").asText(), counts.toString());
      assertEquals(2, m1.get("count").asInt(), counts.toString());
      JsonNode regex = JSON.readTree(get(base + "/search?q=" + q("^def f1[0-9]") + "&regex=1").body());
      assertEquals(10, regex.get("matches").asInt());

      HttpResponse<String> bad = get(base + "/search?q=" + q("(") + "&regex=true");
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("bad regex"), bad.body());
      assertEquals(400, get(base + "/search").statusCode());
      assertEquals(400, get(base + "/search?q=x&limit=999999").statusCode());
      assertTrue(get(base + "/status").body().contains("{\"name\":\"search\",\"state\":\"up\",\"instances\":1}"));

      p.toHandle().destroy();
      Deli.Result end = Deli.finish(p, 60);
      assertEquals(0, end.exit(), end.err());
    } finally {
      p.destroyForcibly();
    }
  }
}
