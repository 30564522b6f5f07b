package deli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrainingTest {
  @Test
  void runsEveryCommandLineInTurnAndCountsTheOnesThatSucceeded() {
    // A blank line is skipped; a failing command (exit 2: no such command) does not stop the rest.
    assertEquals(2, Training.run("--version", "  ", "no-such-command", "factor  12"));
  }
}
