package deli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
      code = new CommandLine(new NodeCommand()).execute("--seed-node", seed);
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
    new CommandLine(new NodeCommand()).setOut(new PrintWriter(out)).execute("--help");
    assertTrue(out.toString().contains("--seed-node=HOST:PORT"), out.toString());
  }
}
