package deli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * The launcher's training run: several deli commands, one after the other, in one JVM, so that
 * the JVM's start-up archive (Java 17's class-data sharing, Java 25's ahead-of-time cache with
 * its method profiles) holds what every command loads and runs, not only one command's. Each
 * argument is one command line, its words separated by spaces. What the commands print is
 * dropped; a command that fails does not stop the others (the archive is still worth having).
 */
public final class Training {
  private Training() {}

  public static void main(String[] commands) {
    LoggerFactory.getILoggerFactory();
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    System.setOut(quiet);
    System.setErr(quiet);
    run(commands);
    // Like Main: the commands' non-daemon threads (an actor system ends its own) must not keep it up.
    System.exit(0);
  }

  /** Runs each command line in turn; returns how many ran to exit code 0. */
  static int run(String... commands) {
    int ok = 0;
    for (String command : commands) {
      String line = command.strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        if (Main.execute(line.split(" +")) == 0) {
          ok++;
        }
      } catch (RuntimeException e) {
        // A training command is an example, not a job: the next one still runs.
      }
    }
    return ok;
  }
}
