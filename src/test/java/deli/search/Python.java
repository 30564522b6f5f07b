package deli.search;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** CPython as the oracle: runs a small script with lines on stdin and returns its output lines. */
final class Python {
  private Python() {}

  static List<String> run(String script, List<String> input) throws Exception {
    Process p = new ProcessBuilder("python3", "-c", script).start();
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
      try {
        return p.getErrorStream().readAllBytes();
      } catch (java.io.IOException e) {
        return new byte[0];
      }
    });
    try (var in = p.getOutputStream()) {
      in.write(String.join("\n", input).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("python3 failed: " + new String(err.join(), StandardCharsets.UTF_8));
    }
    return out.lines().toList();
  }
}
