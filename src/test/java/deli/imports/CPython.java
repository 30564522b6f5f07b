package deli.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** The machine's python3 as the tests' oracle: its version, its library, its ast over a tree. */
final class CPython {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Path script;

  private CPython() {}

  /** Skips the caller unless python3 is 3.11, the grammar deli's scanner follows. */
  static void assume311() throws Exception {
    String version = run("python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])").strip();
    Assumptions.assumeTrue(version.equals("3.11"), "deli's scanner follows Python 3.11's grammar; python3 here is " + version);
  }

  static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** The machine's Python library: {@code sysconfig.get_paths()["stdlib"]}. */
  static Path stdlib() throws Exception {
    return Path.of(run("python3", "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").strip());
  }

  /** The oracle script (a test resource), written once to a temporary file. */
  private static synchronized Path script() throws IOException {
    if (script == null) {
      Path file = Files.createTempFile("deli-oracle", ".py");
      file.toFile().deleteOnExit();
      try (InputStream in = CPython.class.getResourceAsStream("oracle.py")) {
        Files.write(file, in.readAllBytes());
      }
      script = file;
    }
    return script;
  }

  /** CPython's answer for every file under {@code root}, by relative path; runs in the background. */
  static CompletableFuture<Map<String, JsonNode>> ast(Path root) throws IOException {
    Process p = new ProcessBuilder("python3", script().toString(), root.toString()).start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    return CompletableFuture.supplyAsync(
        () -> {
          Map<String, JsonNode> rows = new HashMap<>();
          try {
            for (String line : readAll(p.getInputStream()).split("\n")) {
              if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                rows.put(row.get("path").asText(), row);
              }
            }
            if (p.waitFor() != 0) {
              throw new IllegalStateException("the oracle failed: " + err.join());
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return rows;
        });
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
