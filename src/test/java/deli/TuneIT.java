package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli tune} as a user runs it: the book's lines, its summary, and one line for bad input. */
class TuneIT {
  static List<String> baseline() throws IOException {
    try (InputStream in = TuneIT.class.getResourceAsStream("/deli/tune/iris-baseline.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  @Test
  void theBooksGridOnIrisPrintsTheBaselinesLinesAsTheyCompleteThenTheBestAndTheTime() throws Exception {
    Deli.Result r = Deli.run("tune", "--workers", "2");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(baseline().stream().sorted().toList(), lines.stream().sorted().toList(), "the 80 cells, in completion order");
    List<String> err = r.err().lines().toList();
    assertEquals("best: k=7 CD quality=1.000; 80 hyperparameters, 120 training and 30 testing samples", err.get(err.size() - 2));
    assertTrue(err.get(err.size() - 1).matches("Training Complete: \\d+ ms"), err.toString());

    Deli.Result sorted = Deli.run("tune", "--sorted");
    assertEquals(baseline(), sorted.out().lines().toList(), "--sorted: by k, then distance");
  }

  @Test
  void jsonQuietAndAGridOfTheUsersOwn(@TempDir Path dir) throws Exception {
    Deli.Result json = Deli.run("tune", "--json", "--k", "3..5", "--distances", "SD,ED");
    assertEquals(0, json.exit(), json.err());
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertEquals(4, answer.get("results").size());
    assertEquals("SD", answer.get("results").get(0).get("distance").asText(), "distances in the order given");
    assertEquals(3, answer.get("results").get(0).get("k").asInt());
    assertEquals(30, answer.get("results").get(0).get("tested").asInt());

    Deli.Result quiet = Deli.run("tune", "--quiet", "--test-every", "3");
    assertEquals(0, quiet.exit(), quiet.err());
    assertEquals("", quiet.out());
    assertTrue(quiet.err().contains("80 hyperparameters, 100 training and 50 testing samples"), quiet.err());

    Deli.Result repeated = Deli.run("tune", "--quiet", "--repeat", "3", "--k", "1..3");
    assertEquals(0, repeated.exit(), repeated.err());
    List<String> rounds = repeated.err().lines().filter(l -> l.startsWith("deli tune: round ")).toList();
    assertEquals(3, rounds.size(), repeated.err());
    assertTrue(rounds.get(2).matches("deli tune: round 3 of 3: 8 trials in \\d+\\.\\d ms"), rounds.toString());

    Path data = dir.resolve("points.csv");
    Files.writeString(data, "0,0,a\n1,0,a\n0,1,a\n9,9,b\n8,9,b\n9,8,b\n0.5,0.5,a\n8.5,8.5,b\n1,1,a\n9.5,9,b\n");
    Deli.Result own = Deli.run("tune", data.toString(), "--k", "1..3", "--step", "2", "--distances", "MD", "--sorted");
    assertEquals(0, own.exit(), own.err());
    assertEquals(List.of(" 1 MD 1.000", " 3 MD 1.000"), own.out().lines().toList());
  }

  @Test
  void helpExplainsTheOptionsWithoutComplaint() throws Exception {
    Deli.Result help = Deli.run("tune", "--help");
    assertEquals(0, help.exit(), help.err());
    assertEquals("", help.err(), "no picocli warning");
    assertTrue(help.out().contains("tests when n % TEST-EVERY == 0"), help.out());
    assertTrue(help.out().contains("--distances=D,D"), help.out());
  }

  @Test
  void badInputIsOneLineNamingTheFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "1,2,a\n3,x,b\n");
    assertOneLine(Deli.run("tune", bad.toString()), 1, "deli tune: " + bad + ":2: column 2: 'x' is not a number");
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "1,2,a\n3,4,b\n5,a\n");
    assertOneLine(Deli.run("tune", ragged.toString()), 1, "deli tune: " + ragged + ":3: column 3: 2 columns, where line 1 has 3");
    Path empty = dir.resolve("empty.csv");
    Files.writeString(empty, "");
    assertOneLine(Deli.run("tune", empty.toString()), 1, "deli tune: " + empty + ":1: column 1: no rows: the file is empty");
    Path zero = dir.resolve("zero.csv");
    Files.writeString(zero, "0,0,a\n0,0,b\n1,1,a\n2,2,a\n");
    assertOneLine(
        Deli.run("tune", zero.toString(), "--k", "1", "--distances", "SD", "--test-every", "2"),
        1,
        "deli tune: " + zero + ":1: column 1: the Sorensen distance to line 2 divides by zero (the features of both rows add up to 0)");
    Deli.Result fewRows = Deli.run("tune", "--k", "1..200");
    assertEquals(1, fewRows.exit());
    assertTrue(fewRows.err().startsWith("deli tune: iris:150: column 1: 120 training rows, fewer than the largest k (199)"), fewRows.err());
    assertOneLine(Deli.run("tune", "--distances", "ED,XX"), 2, "deli tune: --distances: no distance 'XX' (the distances are ED, MD, CD, SD) (see 'deli tune --help')");
    assertOneLine(Deli.run("tune", "--k", "x"), 2, "deli tune: --k takes FROM..TO, such as 1..39, not 'x' (see 'deli tune --help')");
  }

  private static void assertOneLine(Deli.Result r, int exit, String line) {
    assertEquals(exit, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(List.of(line), r.err().lines().toList());
  }
}
