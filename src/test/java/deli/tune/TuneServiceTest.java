package deli.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import deli.testing.InProcessNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /tune} on a node, asked over HTTP as a client asks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TuneServiceTest {
  static final ObjectMapper JSON = InProcessNode.JSON;
  @TempDir static Path dir;
  private InProcessNode node;

  @BeforeAll
  void start() throws Exception {
    node = InProcessNode.start(dir, List.of(TuneService.SERVICE), Map.of("deli.tune.max-trials", 100, "deli.tune.max-rows", 1000));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private JsonNode ok(String body) throws Exception {
    HttpResponse<String> r = node.post("/tune", body);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private void refused(int status, String body, String error) throws Exception {
    HttpResponse<String> r = node.post("/tune", body);
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(error, JSON.readTree(r.body()).get("error").asText());
  }

  @Test
  void irisAnswersTheBooksEightyCellsInGridOrderWithTheBest() throws Exception {
    JsonNode answer = ok("{\"dataset\":\"iris\"}");
    List<String> lines = new ArrayList<>();
    for (JsonNode r : answer.get("results")) {
      lines.add(new Trial(r.get("k").asInt(), Distance.named(r.get("distance").asText()), r.get("correct").asInt(), r.get("tested").asInt()).line());
      assertEquals(Double.parseDouble(PyFloats.fixed3(r.get("correct").asDouble() / r.get("tested").asInt())), r.get("quality").asDouble());
    }
    assertEquals(IrisBaselineTest.baseline(), lines);
    assertEquals(7, answer.get("best").get("k").asInt());
    assertEquals("CD", answer.get("best").get("distance").asText());
    assertEquals(120, answer.get("training").asInt());
    assertEquals(30, answer.get("testing").asInt());
    assertEquals(1, answer.get("nodes").size(), answer.toString());
  }

  @Test
  void csvRowsWithTheFlagsOfTheCommand() throws Exception {
    String csv = "0,0,a\n1,0,a\n0,1,a\n9,9,b\n8,9,b\n9,8,b\n0.5,0.5,a\n8.5,8.5,b\n1,1,a\n9.5,9,b\n";
    JsonNode answer = ok("{\"csv\":" + JSON.writeValueAsString(csv) + ",\"k\":\"1..3\",\"step\":2,\"distances\":[\"CD\",\"MD\"],\"testEvery\":5}");
    assertEquals(4, answer.get("results").size());
    assertEquals("CD", answer.get("results").get(0).get("distance").asText());
    assertEquals("MD", answer.get("results").get(1).get("distance").asText());
    assertEquals(3, answer.get("results").get(2).get("k").asInt());
    assertEquals(2, answer.get("results").get(0).get("tested").asInt());
    assertEquals(2, answer.get("results").get(0).get("correct").asInt());
    assertEquals(ok("{\"csv\":" + JSON.writeValueAsString(csv) + ",\"k\":\"1..3\",\"distances\":\"CD,MD\"}").get("results"), answer.get("results"));
  }

  @Test
  void badRequestsAreAnsweredWithOneLineNamingTheField() throws Exception {
    refused(400, "[1]", "the body must be a JSON object, such as {\"dataset\":\"iris\"}");
    refused(400, "{\"dataset\":\"iris\",\"kk\":1}", "unknown field 'kk' (the fields are dataset, csv, k, step, distances, testEvery)");
    refused(400, "{}", "give the data one way: \"dataset\":\"iris\" or \"csv\":\"<the rows>\"");
    refused(400, "{\"dataset\":\"wine\"}", "no data set 'wine' (the one built in is iris; send others as \"csv\")");
    refused(400, "{\"dataset\":\"iris\",\"k\":\"9..1\"}", "k: 1 is below 9");
    refused(400, "{\"dataset\":\"iris\",\"distances\":\"ED,QD\"}", "distances: no distance 'QD' (the distances are ED, MD, CD, SD)");
    refused(400, "{\"dataset\":\"iris\",\"step\":0}", "step must be 1 or more, not 0");
    refused(400, "{\"dataset\":\"iris\",\"testEvery\":\"5\"}", "testEvery must be a whole number, not \"5\"");
    refused(400, "{\"csv\":\"1,2,a\\n3,x,b\\n\"}", "request:2: column 2: 'x' is not a number");
    refused(400, "{\"csv\":\"0,0,a\\n0,0,b\\n1,1,a\\n2,2,a\\n\",\"k\":\"1\",\"distances\":\"SD\",\"testEvery\":2}",
        "request:1: column 1: the Sorensen distance to line 2 divides by zero (the features of both rows add up to 0)");
    refused(400, "{\"dataset\":\"iris\",\"k\":\"1..199\",\"distances\":\"ED\"}", "iris:150: column 1: 120 training rows, fewer than the largest k (199): lower the largest k");
  }

  @Test
  void workBeyondTheNodesBoundsIsA413NamingTheSetting() throws Exception {
    refused(413, "{\"dataset\":\"iris\",\"k\":\"1..100\",\"step\":1}", "400 trials, more than deli.tune.max-trials (100)");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 1001; i++) {
      rows.append(i % 10).append(',').append(i % 7).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
    }
    refused(413, "{\"csv\":" + JSON.writeValueAsString(rows.toString()) + "}", "request: 1001 rows, more than deli.tune.max-rows (1000)");
  }

  @Test
  void statusCountsTheJobsAndTheirCells() throws Exception {
    ok("{\"dataset\":\"iris\",\"k\":\"1\",\"distances\":\"ED\"}");
    JsonNode status = JSON.readTree(node.get("/status").body());
    JsonNode tune = null;
    for (JsonNode s : status.get("services")) {
      if (s.get("name").asText().equals("tune")) {
        tune = s;
      }
    }
    assertTrue(tune != null && tune.get("stats").get("jobs").asLong() >= 1, status.toString());
    assertTrue(tune.get("stats").get("cells").asLong() >= 30, status.toString());
    assertEquals(1, tune.get("stats").get("pools").asInt());
  }
}
