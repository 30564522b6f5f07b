package deli.logserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationTest {
  @TempDir Path dir;

  @Test
  void filesMoveUpAsRotatingFileHandlerMovesThemAndTheOldestBeyondKeepIsDeleted() throws Exception {
    Path out = dir.resolve("one.log");
    for (int i = 1; i <= 4; i++) {
      Files.writeString(out, "file " + i);
      assertEquals(Rotation.numbered(out, 1), Rotation.shift(out, 3));
    }
    assertFalse(Files.exists(out));
    assertEquals("file 4", Files.readString(Rotation.numbered(out, 1)));
    assertEquals("file 3", Files.readString(Rotation.numbered(out, 2)));
    assertEquals("file 2", Files.readString(Rotation.numbered(out, 3)));
    assertFalse(Files.exists(Rotation.numbered(out, 4)), "keep 3: the oldest is gone");
  }

  @Test
  void keepZeroKeepsEveryFile() throws Exception {
    Path out = dir.resolve("one.log");
    for (int i = 1; i <= 5; i++) {
      Files.writeString(out, "file " + i);
      Rotation.shift(out, 0);
    }
    for (int k = 1; k <= 5; k++) {
      assertEquals("file " + (6 - k), Files.readString(Rotation.numbered(out, k)));
    }
  }
}
