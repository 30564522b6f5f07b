package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Usage errors, in this JVM: each is one line in deli's one wording, naming the flag as the
 * user typed it, with exit code 2. None gets as far as starting an actor system.
 */
class UsageErrorsTest {
  private static String refused(String... args) {
    PrintStream before = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.execute(args);
    } finally {
      System.setErr(before);
    }
    assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void deliAloneSaysItsHintOnce() {
    assertEquals("deli: choose a command (see 'deli --help')", refused());
  }

  @Test
  void aNumberThatIsNotOneIsWordedAsEveryOtherBadValue() {
    assertEquals("deli chefs: --seed must be an integer, not 'abc' (see 'deli chefs --help')", refused("chefs", "--seed", "abc"));
    assertEquals("deli search: -m must be an integer, not 'x' (see 'deli search --help')", refused("search", "-m", "x", "q"));
    assertEquals(
        "deli philosophers: --fail-rate must be a number, not 'often' (see 'deli philosophers --help')",
        refused("philosophers", "--fail-rate", "often"));
  }

  @Test
  void aBoundIsWordedAsTheHelpSaysIt() {
    assertEquals("deli chefs: --count must be 0 to 1,000,000, not 1000001 (see 'deli chefs --help')", refused("chefs", "--count", "1000001"));
    assertEquals("deli chefs: --fail-rate must be 0 to below 1, not 1 (see 'deli chefs --help')", refused("chefs", "--fail-rate", "1"));
    assertEquals("deli chefs: --chefs must be 1 to 1024, not 3000000000 (see 'deli chefs --help')", refused("chefs", "--chefs", "3000000000"));
    assertEquals("deli sleepers: --count must be 0 to 1,000,000, not -1 (see 'deli sleepers --help')", refused("sleepers", "--count=-1"));
    assertEquals("deli cpu: --workers must be 1 to 256, not 0 (see 'deli cpu --help')", refused("cpu", "--workers", "0"));
    assertEquals("deli factor: --repeat must be 1 to 10,000, not 0 (see 'deli factor --help')", refused("factor", "--repeat", "0", "12"));
    assertEquals(
        "deli factor: --random must be 0 to 1,000,000,000,000, not -1 (see 'deli factor --help')", refused("factor", "--random", "-1"));
    assertEquals("deli trace: --limit must be 1 to 1,000,000, not -1 (see 'deli trace --help')", refused("trace", "--limit", "-1", "t.jsonl"));
  }

  @Test
  void aFlagSeveralCommandsShareIsCheckedAndWordedAlikeInEach() {
    for (String command : new String[] {"cpu", "factor", "tune"}) {
      String hint = " (see 'deli " + command + " --help')";
      // 0 is config's "one per core": typed, it is a mistake; above the bound it is one too.
      assertEquals("deli " + command + ": --workers must be 1 to 256, not 0" + hint, refused(command, "--workers", "0"));
      assertEquals("deli " + command + ": --workers must be 1 to 256, not 257" + hint, refused(command, "--workers", "257"));
    }
    for (String command : new String[] {"factor", "tune"}) {
      String hint = " (see 'deli " + command + " --help')";
      assertEquals("deli " + command + ": --repeat must be 1 to 10,000, not 10001" + hint, refused(command, "--repeat", "10001", "1"));
      picocli.CommandLine cmd = Main.commandLine().getSubcommands().get(command);
      assertEquals(true, cmd.getCommandSpec().findOption("--progress").negatable(), command + " takes --[no-]progress");
    }
  }

  @Test
  void aZeroThatWouldSilentlyMeanSomethingElseIsRefused() {
    // 0 is how the settings say "no watch" and "servings, not continuous": typed, it is a mistake.
    assertEquals("deli philosophers: --continuous must be more than 0, not 0 (see 'deli philosophers --help')", refused("philosophers", "--continuous", "0"));
    assertEquals("deli weather: --watch must be more than 0, not 0 (see 'deli weather --help')", refused("weather", "--watch", "0"));
  }

  @Test
  void aTraceSampleOutsideZeroToOneIsAUsageError() {
    String err = refused("sleepers", "--trace-sample", "2");
    org.junit.jupiter.api.Assertions.assertTrue(
        err.startsWith("deli sleepers: --trace-sample must be a fraction from 0 to 1, not 2.0"), err);
  }

  @Test
  void anUnknownLogFormatIsAUsageErrorNamingTheFlag() {
    String err = refused("node", "--log-format", "yaml");
    org.junit.jupiter.api.Assertions.assertTrue(err.startsWith("deli node: ") && err.contains("--log-format"), err);
  }

  @Test
  void aTraceIntoAMissingDirectoryIsRefusedNotMade(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path file = dir.resolve("no/such/dir/t.jsonl");
    deli.core.DeliException e = org.junit.jupiter.api.Assertions.assertThrows(deli.core.DeliException.class, () -> deli.trace.TraceLog.open(file));
    assertEquals("cannot write the trace file " + file + ": no such directory " + file.getParent(), e.getMessage());
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(dir.resolve("no")), "nothing made");
  }

  @Test
  void theSettingsOwnChecksNameTheFlagNotTheConfigKey() {
    // SearchSettings says "query-timeout must be more than 0": the user typed --timeout.
    assertEquals("deli search: --timeout must be more than 0 (see 'deli search --help')", refused("search", "--timeout", "0", "q"));
    assertEquals("deli chefs: --prep: '1x' is not a duration (write 250ms, 1s, 1.5s, 2m or 0) (see 'deli chefs --help')", refused("chefs", "--prep", "1x"));
  }

  @Test
  void theHelpStatesTheBoundsTheChecksHold() {
    for (String[] flagAndBound :
        new String[][] {
          {"chefs", "--count", "0 to 1,000,000"},
          {"chefs", "--chefs", "1 to 1024"},
          {"chefs", "--fail-rate", "0 to below 1"},
          {"sleepers", "--count", "0 to 1,000,000"},
          {"philosophers", "--fail-rate", "0 to below 1"},
          {"philosophers", "--faculty", "2 to 100,000"},
          {"philosophers", "--servings", "0 to 1,000,000"},
          {"cpu", "--workers", "1 to 256"},
          {"factor", "--workers", "1 to 256"},
          {"tune", "--workers", "1 to 256"},
          {"tune", "--repeat", "1 to 10,000"},
          {"factor", "--repeat", "1 to 10,000"},
          {"search", "--shards", "1 to 1024"},
          {"trace", "--limit", "1 to 1,000,000"},
          {"factor", "--random", "0 to 1,000,000,000,000"},
        }) {
      picocli.CommandLine cmd = Main.commandLine().getSubcommands().get(flagAndBound[0]);
      String help = String.join(" ", cmd.getCommandSpec().findOption(flagAndBound[1]).description());
      assertEquals(true, help.contains("(" + flagAndBound[2]), flagAndBound[0] + " " + flagAndBound[1] + ": " + help);
    }
  }
}
