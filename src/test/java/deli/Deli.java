package deli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The built jar as a real process, for the integration tests. */
final class Deli {
  record Result(int exit, String out, String err) {}

  static Path root() {
    return Path.of(System.getProperty("deli.root", ".")).toAbsolutePath();
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("deli.jar", "target/deli.jar")).toAbsolutePath();
    if (!Files.exists(jar)) {
      throw new IllegalStateException("no " + jar + ": run 'mvn verify', which builds it before the ITs");
    }
    return jar;
  }

  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(agents());
    cmd.add("-Dconfig.file=" + root().resolve("application.conf"));
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /**
   * The {@code -javaagent} options this JVM runs with (JaCoCo's, in {@code mvn verify}), for
   * the deli processes the tests start: their coverage lands in the same file as this JVM's,
   * appended (JaCoCo locks the file while it writes, so processes ending together are safe).
   */
  static List<String> agents() {
    return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-javaagent:"))
        .toList();
  }

  /** {@link #agents()} as one {@code JAVA_OPTS} value for scripts/deli and scripts/cluster. */
  static String javaOpts(String... more) {
    List<String> opts = new ArrayList<>(agents());
    opts.addAll(List.of(more));
    for (String o : opts) {
      if (o.contains(" ")) {
        throw new IllegalStateException("JAVA_OPTS is split on spaces; this option holds one: " + o);
      }
    }
    return String.join(" ", opts);
  }

  static Process start(String... args) throws IOException {
    return new ProcessBuilder(command(args)).directory(new File(System.getProperty("java.io.tmpdir"))).start();
  }

  /** Runs deli to its end (at most 120 s) and returns its exit code and output. */
  static Result run(String... args) throws Exception {
    return finish(start(args), 120);
  }

  static Result finish(Process p, int seconds) throws Exception {
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    long within = deli.testing.Await.scaled(java.time.Duration.ofSeconds(seconds)).toMillis();
    if (!p.waitFor(within, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("deli did not end within " + within + " ms");
    }
    return new Result(p.exitValue(), out.get(), err.get());
  }

  static String readAll(java.io.InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Reads lines of {@code p}'s stdout until one contains {@code marker}; returns that line. */
  static String awaitLine(Process p, BufferedReader out, String marker, List<String> seen) throws IOException {
    // Bounded: a process that never prints the marker is killed (its stdout then ends) after
    // two minutes, scaled, so a test fails instead of hanging the build.
    java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ScheduledFuture<?> watchdog =
        WATCHDOG.schedule(
            () -> {
              killed.set(true);
              p.destroyForcibly();
            },
            deli.testing.Await.scaled(java.time.Duration.ofSeconds(120)).toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
    try {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        if (line.contains(marker)) {
          return line;
        }
      }
    } finally {
      watchdog.cancel(false);
    }
    throw new AssertionError((killed.get() ? "deli did not print '" + marker + "' within 120 s (killed); " : "deli ended before printing '" + marker + "'; ")
        + "it printed " + seen + " and on stderr " + readAll(p.getErrorStream()));
  }

  private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deli-test-watchdog");
        t.setDaemon(true);
        return t;
      });

  static BufferedReader stdout(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private Deli() {}
}
