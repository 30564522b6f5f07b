package deli.python;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CPython as the oracle: one {@code python3} process runs a script over a batch of input lines
 * and answers one line each. Text travels as code point numbers, so no encoding, surrogate or
 * line break gets in the way.
 */
public final class CPython {
  private CPython() {}

  public static List<String> run(String script, List<String> input) throws Exception {
    Process p = new ProcessBuilder("python3", "-c", script).start();
    CompletableFuture<byte[]> err =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getErrorStream().readAllBytes();
              } catch (java.io.IOException e) {
                return new byte[0];
              }
            });
    CompletableFuture<byte[]> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.getInputStream().readAllBytes();
              } catch (java.io.IOException e) {
                return new byte[0];
              }
            });
    try (var in = p.getOutputStream()) {
      in.write(String.join("\n", input).concat("\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("python3 did not end");
    }
    if (p.exitValue() != 0) {
      throw new AssertionError("python3 failed: " + new String(err.join(), StandardCharsets.UTF_8));
    }
    List<String> lines = new String(out.join(), StandardCharsets.UTF_8).lines().toList();
    if (lines.size() != input.size()) {
      throw new AssertionError("python3 answered " + lines.size() + " lines to " + input.size());
    }
    return lines;
  }

  /** A string as its code points, comma-separated (Python: {@code ''.join(map(chr, ...))}). */
  public static String codePoints(String s) {
    return String.join(",", s.codePoints().mapToObj(Integer::toString).toList());
  }

  /** Python's side of {@link #codePoints}: the helper to paste into a script. */
  public static final String DECODE = "def text(f):\n    return ''.join(chr(int(c)) for c in f.split(',') if c)\n";

  /** Python's way back: a str as code point numbers. */
  public static final String ENCODE = "def points(s):\n    return ','.join(str(ord(c)) for c in s)\n";
}
