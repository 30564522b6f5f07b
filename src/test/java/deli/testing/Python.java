package deli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * CPython as a test's oracle: copies a script out of the test class path and runs it to its end.
 * Debian's interpreter, {@code /usr/bin/python3}, is the one whose packages (python3-sklearn) CI
 * installs; a pyenv {@code python3} on the PATH would lack them. Shared by the packages whose
 * oracles are scripts (deli.tune); older tests keep their own helpers beside them.
 */
public final class Python {
  /** Debian's python3, where {@code apt-get install python3-sklearn} puts scikit-learn. */
  public static final String DEBIAN = "/usr/bin/python3";

  private Python() {}

  /** Whether {@code python} runs at all. */
  public static boolean exists(String python) {
    return Files.isExecutable(Path.of(python));
  }

  /** {@code python}'s version as {@code "3.11"}. */
  public static String version(String python) throws Exception {
    return run(List.of(python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"), Duration.ofSeconds(30)).strip();
  }

  /** Whether {@code python} can import {@code module}. */
  public static boolean imports(String python, String module) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Copies the class path resource {@code resource} (absolute, "/deli/tune/x.py") into {@code dir}. */
  public static Path script(String resource, Path dir) throws IOException {
    Path to = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
    try (InputStream in = Python.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return to;
  }

  /**
   * Runs {@code command} with stdin closed, to its end within {@code within} (scaled by the
   * suite's factor), and returns its stdout; a non-zero exit fails with its stderr.
   */
  public static String run(List<String> command, Duration within) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    // The scripts read and print UTF-8 whatever the locale of the machine running the tests.
    pb.environment().put("PYTHONUTF8", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    if (!p.waitFor(Await.scaled(within).toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not end within " + Await.scaled(within) + ": " + command);
    }
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + ": " + err.join());
    }
    return out.join();
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
