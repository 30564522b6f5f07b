package deli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import deli.core.Cli;

/** {@code deli node}'s flags that are checked before anything starts. */
class NodeCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"nonsense", "127.0.0.1", "127.0.0.1:0", "127.0.0.1:70000", "pekko://deli@127.0.0.1:x", "pekko://deli@h:1/user"})
  void aBadSeedNodeIsAUsageErrorInOneLine(String seed) {
    // The error is printed by the CommandLine the command throws with, on System.err.
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream was = System.err;
    int code;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = Cli.commandLine(new NodeCommand()).execute("--seed-node", seed);
    } finally {
      System.setErr(was);
    }
    assertEquals(2, code);
    String first = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElse("");
    assertTrue(first.contains("--seed-node") && first.contains(seed), err.toString());
  }

  @Test
  void theHelpSaysHowToJoinACluster() {
    StringWriter out = new StringWriter();
    Cli.commandLine(new NodeCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertTrue(out.toString().contains("--seed-node=HOST:PORT"), out.toString());
  }

  @Test
  void listeningBeyondThisMachineWithoutATokenIsRefusedBeforeTheLogFileIsTouched(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DELI_TOKEN") == null, "DELI_TOKEN is set here");
    java.nio.file.Path log = dir.resolve("one.log");
    java.nio.file.Files.writeString(log, "yesterday's records\n");
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream was = System.err;
    int code;
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      code = Cli.commandLine(new NodeCommand())
          .execute("--http-host", "0.0.0.0", "--http-port", "0", "--cluster-port", "0", "--log-port", "0", "--log-out", log.toString());
    } finally {
      System.setErr(was);
    }
    assertEquals(1, code);
    assertEquals(
        "deli node: listening on 0.0.0.0 (beyond this machine) needs a token: set DELI_TOKEN or deli.http.token, "
            + "or listen on 127.0.0.1 (--http-host)\n",
        err.toString(java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(List.of("one.log"), java.nio.file.Files.list(dir).map(f -> f.getFileName().toString()).toList());
    assertEquals("yesterday's records\n", java.nio.file.Files.readString(log));
  }
}
