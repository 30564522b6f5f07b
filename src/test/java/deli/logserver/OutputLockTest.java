package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two log servers never write one file. */
class OutputLockTest {
  @Test
  void aSecondWriterOfTheSameFileIsRefusedUntilTheFirstEnds(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("one.log");
    try (OutputLock first = OutputLock.take(out)) {
      IOException refused = assertThrows(IOException.class, () -> OutputLock.take(out));
      assertEquals(
          "another log server writes it (it holds one.log.lock); give this one another file (--out; deli node: --log-out)",
          refused.getMessage());
      OutputLock.take(dir.resolve("two.log")).close(); // another file is free
    }
    OutputLock.take(out).close(); // the first one ended
  }

  @Test
  void theLockFileStaysAfterAStopAndDoesNotHoldTheNextServerBack(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("one.log");
    OutputLock.take(out).close();
    // By design: only the lock held on it counts. Deleting it at the stop would let two servers
    // each lock a file of that name (one the deleted file, one a new one) and write one log.
    assertTrue(Files.exists(dir.resolve("one.log.lock")));
    try (OutputLock next = OutputLock.take(out)) {
      assertThrows(IOException.class, () -> OutputLock.take(out));
    }
  }
}
