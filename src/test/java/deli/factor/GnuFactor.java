package deli.factor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** GNU coreutils' {@code factor}, run as a real process: the oracle for deli's factors. */
final class GnuFactor {
  private GnuFactor() {}

  /** GNU factor's output lines for {@code numbers}, fed on its stdin. */
  static List<String> lines(long[] numbers) throws Exception {
    return lines(java.util.Arrays.stream(numbers).mapToObj(Long::toString).toList());
  }

  /** GNU factor's output lines for {@code numbers} of any size. */
  static List<String> lines(java.util.Collection<?> numbers) throws Exception {
    Process p = new ProcessBuilder("factor").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<String> out =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    StringBuilder in = new StringBuilder(numbers.size() * 12);
    for (Object n : numbers) {
      in.append(n).append('\n');
    }
    try (OutputStream stdin = p.getOutputStream()) {
      stdin.write(in.toString().getBytes(StandardCharsets.US_ASCII));
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("GNU factor did not finish in 60 s");
    }
    return out.get().lines().toList();
  }

  /** {@code n: p1 p2 ...}, as deli prints it. */
  static String line(long n, long[] factors) {
    StringBuilder s = new StringBuilder().append(n).append(':');
    for (long p : factors) {
      s.append(' ').append(p);
    }
    return s.toString();
  }
}
