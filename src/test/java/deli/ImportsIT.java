package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code deli imports}, run from the built jar as a user runs it. */
class ImportsIT {
  static Path tree(Path dir) throws Exception {
    Files.createDirectories(dir.resolve("pkg"));
    Files.writeString(dir.resolve("pkg/__init__.py"), "from .core import run\n");
    Files.writeString(dir.resolve("pkg/core.py"), "from typing import Any\nimport os.path\n");
    Files.writeString(dir.resolve("main.py"), "import pkg.core\n# import not_this\n");
    Files.writeString(dir.resolve("old.py"), "print 'python 2'\n");
    return dir;
  }

  @Test
  void theChaptersLinesSortedByPathThenTheFailuresThenTheSummary(@TempDir Path dir) throws Exception {
    Deli.Result r = Deli.run("imports", tree(dir).toString());
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals("   main.py {'pkg.core'}", lines.get(0));
    assertEquals("   pkg/__init__.py {'core'}", lines.get(1));
    assertEquals("-> pkg/core.py {'os.path', 'typing'}", lines.get(2));
    assertTrue(lines.get(3).startsWith("!! old.py SyntaxError: Missing parentheses in call to 'print'"), lines.get(3));
    assertEquals("1 not analyzed: 1 does not parse", lines.get(4));
    assertTrue(lines.get(5).matches("Searched 4 files in " + java.util.regex.Pattern.quote(dir.toString()) + " at \\d+\\.\\d{3} ms/file"), lines.get(5));
  }

  @Test
  void jsonIsOneObjectOnStdoutAndTheSummaryGoesToStderr(@TempDir Path dir) throws Exception {
    Deli.Result r = Deli.run("imports", tree(dir).toString(), "--json", "--focus", "os.path");
    assertEquals(0, r.exit(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(3, j.get("files").size());
    assertTrue(j.get("files").get(2).get("focus").asBoolean());
    assertEquals("old.py", j.get("errors").get(0).get("path").asText());
    assertTrue(r.err().contains("Searched 4 files in "), r.err());
  }

  @Test
  void theGraphIsDrawnAsDotOrMermaid(@TempDir Path dir) throws Exception {
    Deli.Result dot = Deli.run("imports", "--graph", tree(dir).toString());
    assertEquals(0, dot.exit(), dot.err());
    assertTrue(dot.out().contains("\"main\" -> \"pkg.core\";"), dot.out());
    assertTrue(dot.out().contains("\"pkg\" -> \"pkg.core\";"), dot.out());
    Deli.Result mermaid = Deli.run("imports", dir.toString(), "--graph", "mermaid");
    assertEquals(0, mermaid.exit(), mermaid.err());
    assertTrue(mermaid.out().startsWith("flowchart LR"), mermaid.out());
  }

  @Test
  void aFileNameThePlatformCannotSpellIsStillReadAndModulesArePrintedInUtf8(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("caf\u00e9.py"), "import os, caf\u00e9\n");
    ProcessBuilder pb = new ProcessBuilder(Deli.command("imports", dir.toString()));
    String path = System.getenv("PATH");
    pb.environment().clear(); // no LANG: the JVM decodes file names as ASCII
    pb.environment().put("PATH", path == null ? "/usr/bin:/bin" : path);
    Deli.Result r = Deli.finish(pb.start(), 120);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(".py {'caf\u00e9', 'os'}"), r.out());
    assertTrue(r.out().contains("Searched 1 file in "), r.out());
  }

  @Test
  void helpNamesTheCommandAndItsOptions() throws Exception {
    assertTrue(Deli.run("--help").out().contains("imports"));
    Deli.Result r = Deli.run("imports", "--help");
    assertEquals(0, r.exit(), r.err());
    for (String option : List.of("--pattern", "--focus", "--json", "--graph", "--workers", "--repeat", "--trace")) {
      assertTrue(r.out().contains(option), option + " in " + r.out());
    }
  }

  @Test
  void aMissingDirectoryIsOneLineAndExitOneAndBadFlagsAreUsageErrors() throws Exception {
    Deli.Result missing = Deli.run("imports", "/no/such/dir");
    assertEquals(1, missing.exit());
    assertEquals("deli imports: no such directory: /no/such/dir", missing.err().strip());
    Deli.Result both = Deli.run("imports", ".", "--json", "--graph");
    assertEquals(2, both.exit());
    assertEquals(1, both.err().strip().lines().count(), both.err());
    Deli.Result format = Deli.run("imports", ".", "--graph", "svg");
    assertEquals(2, format.exit());
    assertTrue(format.err().contains("unknown graph format 'svg'"), format.err());
  }

  @Test
  void theNodeAnalyzesATreePerRequestAndRefusesAMissingDirectory(@TempDir Path dir) throws Exception {
    Path tree = tree(dir);
    Process p = Deli.start("node", "--http-port", "0", "--cluster-port", "0", "--log-port", "0", "--files-root", dir.toString());
    try {
      BufferedReader out = Deli.stdout(p);
      String up = Deli.awaitLine(p, out, " up: http://", new ArrayList<>());
      Matcher m = java.util.regex.Pattern.compile("(http://[0-9.]+:\\d+)").matcher(up);
      assertTrue(m.find(), up);
      assertTrue(up.contains("imports"), up);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group(1) + "/imports"))
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(java.util.Map.of("dir", tree.toString()))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      JsonNode j = new ObjectMapper().readTree(r.body());
      assertEquals(4, j.get("searched").asInt());
      assertEquals("pkg/core.py", j.get("files").get(2).get("path").asText());
      assertTrue(j.get("files").get(2).get("focus").asBoolean());
      assertEquals("old.py", j.get("errors").get(0).get("path").asText());
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group(1) + "/imports"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"dir\": \"/no/such/dir\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(403, missing.statusCode());
      assertTrue(missing.body().startsWith("{\"error\":\"'/no/such/dir' is outside the directories this node reads"), missing.body());
      HttpResponse<String> gone =
          http.send(
              HttpRequest.newBuilder(URI.create(m.group(1) + "/imports"))
                  .POST(HttpRequest.BodyPublishers.ofString(new ObjectMapper().writeValueAsString(java.util.Map.of("dir", dir.resolve("gone").toString()))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(400, gone.statusCode());
      assertEquals("{\"error\":\"no such directory: " + dir.resolve("gone") + "\"}", gone.body());
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
  }
}
